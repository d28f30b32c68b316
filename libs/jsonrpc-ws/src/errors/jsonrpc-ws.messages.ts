/** Text of the errors that stop the application from starting, and of bootstrap warnings. */
export const JsonRpcWsMessages = {
  invalidOption: (option: string, expected: string, actual: unknown) =>
    `JsonRpcWsModule: option "${option}" must be ${expected} (got ${describe(actual)})`,
  duplicateMethod: (name: string, first: string, second: string) =>
    `JsonRpcWsModule: JSON-RPC method "${name}" is declared twice, by ${first} and by ${second}`,
  reservedMethod: (name: string, owner: string) =>
    `JsonRpcWsModule: JSON-RPC method "${name}" on ${owner} uses the reserved "rpc." prefix`,
  invalidMethodName: (owner: string) =>
    `JsonRpcWsModule: @RpcMethod() on ${owner} needs a non-empty method name`,
  metricsTaken: (name: string, count: number) =>
    `JsonRpcWsModule: metric ${name}${count > 1 ? ` (and ${count - 1} more)` : ''} is already in prom-client's default registry, registered by another application of this process with metrics: { registerPrometheusModule: false } (still running) or by a metric of your own. Give this application another metrics.prefix, or let the library serve the metrics (registerPrometheusModule: true, the default), which keeps its series per application`,
  defaultMetricsTaken: (reason: string) =>
    `JsonRpcWsModule: prom-client's default metrics could not be collected (${reason}): something else in this process registers some of them (a collectDefaultMetrics() of its own, PrometheusModule.register()). Pass metrics: { defaultMetrics: false }: those registered elsewhere are served all the same`,
  requestScoped: (owner: string) =>
    `@RpcMethod() and @OnHubEvent() on request-scoped or transient provider ${owner} are ignored: use a singleton provider`,
  pathTaken: (path: string, owner: string) =>
    `JsonRpcWsModule: path "${path}" is already served by a @WebSocketGateway on ${owner}: give the gateway or JsonRpcWsModule ({ path }) another path`,
  sharingWithWsAdapter: (path: string, paths: string[]) =>
    `JSON-RPC endpoint ${path} shares the HTTP server with WsAdapter gateways on ${paths.join(', ')}`,
  sharingWithListeners: (path: string, count: number) =>
    `JSON-RPC endpoint ${path} shares the HTTP server: ${count} other upgrade listener(s) (socket.io, another WebSocket server) get every other path`,
  throttlerStepsAside: (guard: string) =>
    `${guard} (@nestjs/throttler) reads HTTP requests and responses, so RPC calls pass it untouched: the rateLimit option limits them (on by default, per connection). To throttle RPC calls with @nestjs/throttler too, register RpcThrottlerGuard (import it from nestjs-jsonrpc-ws/throttler) in its place`,
  httpOnlyFilter: (filter: string, what: string) =>
    `Exception filter ${filter} ${what} for an RPC call, as filters written for HTTP only do: the library answers such calls with its own error mapping. To keep it out of RPC calls, begin its catch() with \`if (isJsonRpcContext(host)) throw exception;\``,
  nestInternalsChanged: () =>
    `This version of @nestjs/core is not shaped as JsonRpcWsModule expects: every RPC call runs through Nest's own runner (correct, but slower). Use a supported Nest version (^11 or ^12) or report the version you run`,
};

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
