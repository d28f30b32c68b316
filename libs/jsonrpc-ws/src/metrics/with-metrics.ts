import type { DynamicModule } from '@nestjs/common';
import { JsonRpcWsMetricsOptions, METRICS_OPTIONS, resolveMetricsOptions } from './metrics-options';
import { RpcMetricsService } from './rpc-metrics.service';

/**
 * Adds Prometheus metrics to the module definition when asked for. The
 * packages are loaded only then, so `@willsoto/nestjs-prometheus` and
 * `prom-client` stay optional for applications without metrics.
 */
export function withMetrics(
  definition: DynamicModule,
  metrics: boolean | JsonRpcWsMetricsOptions | undefined,
): DynamicModule {
  if (!metrics) return definition;
  const options = resolveMetricsOptions(metrics);
  /* eslint-disable @typescript-eslint/no-require-imports -- an optional peer dependency, loaded on demand */
  const { PrometheusModule } =
    require('@willsoto/nestjs-prometheus') as typeof import('@willsoto/nestjs-prometheus');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const prometheus = options.registerPrometheusModule
    ? [
        PrometheusModule.register({
          path: options.path,
          defaultMetrics: { enabled: options.defaultMetrics },
        }),
      ]
    : [];
  return {
    ...definition,
    imports: [...(definition.imports ?? []), ...prometheus],
    providers: [
      ...(definition.providers ?? []),
      { provide: METRICS_OPTIONS, useValue: options },
      RpcMetricsService,
    ],
  };
}
