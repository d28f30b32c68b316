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
  requestScoped: (owner: string) =>
    `@RpcMethod() and @OnHubEvent() on request-scoped or transient provider ${owner} are ignored: use a singleton provider`,
  pathTaken: (path: string, owner: string) =>
    `JsonRpcWsModule: path "${path}" is already served by a @WebSocketGateway on ${owner}: give the gateway or JsonRpcWsModule ({ path }) another path`,
  sharingWithWsAdapter: (path: string, paths: string[]) =>
    `JSON-RPC endpoint ${path} shares the HTTP server with WsAdapter gateways on ${paths.join(', ')}`,
  sharingWithListeners: (path: string, count: number) =>
    `JSON-RPC endpoint ${path} shares the HTTP server: ${count} other upgrade listener(s) (socket.io, another WebSocket server) get every other path`,
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
