/** Prometheus metrics of `JsonRpcWsModule.forRoot({ metrics })`. */
export interface JsonRpcWsMetricsOptions {
  /** Prepended to every metric name of this library. @default 'jsonrpc_ws_' */
  prefix?: string;
  /** HTTP path of the exposition, on the app's port. @default '/metrics' */
  path?: string;
  /**
   * Also collect prom-client's process and Node.js metrics. They describe the process,
   * so they are collected once, in prom-client's default registry, and shared by its apps.
   * @default true
   */
  defaultMetrics?: boolean;
  /**
   * Serve `path`, with this application's series (in a registry of its own) after
   * prom-client's default registry. Turn off when the application registers
   * `PrometheusModule` itself: the series then join prom-client's default registry,
   * which it serves (one such application per `prefix` at a time in a process).
   * @default true
   */
  registerPrometheusModule?: boolean;
}

export type ResolvedMetricsOptions = Required<JsonRpcWsMetricsOptions>;

export const METRICS_OPTIONS = Symbol('JSON_RPC_WS_METRICS_OPTIONS');

export function resolveMetricsOptions(
  options: JsonRpcWsMetricsOptions | true,
): ResolvedMetricsOptions {
  const given = options === true ? {} : options;
  return {
    prefix: given.prefix ?? 'jsonrpc_ws_',
    path: given.path ?? '/metrics',
    defaultMetrics: given.defaultMetrics ?? true,
    registerPrometheusModule: given.registerPrometheusModule ?? true,
  };
}
