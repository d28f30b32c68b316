"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.METRICS_OPTIONS = void 0;
exports.resolveMetricsOptions = resolveMetricsOptions;
exports.METRICS_OPTIONS = Symbol('JSON_RPC_WS_METRICS_OPTIONS');
function resolveMetricsOptions(options) {
    const given = options === true ? {} : options;
    return {
        prefix: given.prefix ?? 'jsonrpc_ws_',
        path: given.path ?? '/metrics',
        defaultMetrics: given.defaultMetrics ?? true,
        registerPrometheusModule: given.registerPrometheusModule ?? true,
    };
}
//# sourceMappingURL=metrics-options.js.map