"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withMetrics = withMetrics;
const metrics_options_1 = require("./metrics-options");
const rpc_metrics_service_1 = require("./rpc-metrics.service");
/**
 * Adds Prometheus metrics to the module definition when asked for. The
 * packages are loaded only then, so `@willsoto/nestjs-prometheus` and
 * `prom-client` stay optional for applications without metrics.
 */
function withMetrics(definition, metrics) {
    if (!metrics)
        return definition;
    const options = (0, metrics_options_1.resolveMetricsOptions)(metrics);
    /* eslint-disable @typescript-eslint/no-require-imports -- an optional peer dependency, loaded on demand */
    const { PrometheusModule } = require('@willsoto/nestjs-prometheus');
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
            { provide: metrics_options_1.METRICS_OPTIONS, useValue: options },
            rpc_metrics_service_1.RpcMetricsService,
        ],
    };
}
//# sourceMappingURL=with-metrics.js.map