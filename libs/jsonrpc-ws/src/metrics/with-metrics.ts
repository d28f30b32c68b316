import type { DynamicModule, Type } from '@nestjs/common';
import { JsonRpcWsMetricsOptions, METRICS_OPTIONS, resolveMetricsOptions } from './metrics-options';
import { metricsRegistryProvider } from './metrics-registry';
import { createMetricsController } from './metrics.controller';
import { RpcMetricsService } from './rpc-metrics.service';

/**
 * Adds Prometheus metrics to the module definition when asked for. prom-client
 * is loaded only then, so it stays optional for applications without metrics.
 * The exposition is served by a controller of this library rather than by
 * `PrometheusModule`, whose controller only knows prom-client's default registry
 * and whose `register()` collects the default metrics again at every call.
 */
export function withMetrics(
  definition: DynamicModule,
  metrics: boolean | JsonRpcWsMetricsOptions | undefined,
): DynamicModule {
  if (!metrics) return definition;
  const options = resolveMetricsOptions(metrics);
  const controllers: Type<unknown>[] = options.registerPrometheusModule
    ? [createMetricsController(options.path)]
    : [];
  return {
    ...definition,
    controllers: [...(definition.controllers ?? []), ...controllers],
    providers: [
      ...(definition.providers ?? []),
      { provide: METRICS_OPTIONS, useValue: options },
      metricsRegistryProvider,
      RpcMetricsService,
    ],
  };
}
