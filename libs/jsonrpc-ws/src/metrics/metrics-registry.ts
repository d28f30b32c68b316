import type { Provider } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { METRICS_OPTIONS, ResolvedMetricsOptions } from './metrics-options';
import { promClient } from './prom-client';

/** The registry this application's library series are registered in. */
export const METRICS_REGISTRY = Symbol('JSON_RPC_WS_METRICS_REGISTRY');

/**
 * A registry per application when the library serves the exposition, so that
 * apps of one process (e2e tests, two servers) neither collide nor mix their
 * figures. An application's own `PrometheusModule` serves prom-client's default
 * registry only, so the series must join that one then.
 */
export const metricsRegistryProvider: Provider = {
  provide: METRICS_REGISTRY,
  inject: [METRICS_OPTIONS],
  useFactory: (options: ResolvedMetricsOptions): Registry => {
    const prom = promClient();
    return options.registerPrometheusModule ? new prom.Registry() : prom.register;
  },
};
