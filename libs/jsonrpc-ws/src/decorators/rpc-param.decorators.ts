import { PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '../pipeline/nest-internals';

/**
 * What a parameter decorator asks the params factory for. Params share Nest's
 * number for a body (3), which pipes see as `type: 'body'`: `ValidationPipe`
 * skips 'custom' values, and params must be validated like a request body.
 */
export enum RpcParamType {
  /** `@ConnectedSocket()` of `@nestjs/websockets`: the `ws` socket, as on a gateway. */
  ConnectedSocket = 0,
  /** Also what `@MessageBody()` of `@nestjs/websockets` asks for. */
  Params = 3,
  Session = 41,
  Id = 42,
  User = 43,
  Socket = 44,
  Context = 45,
  RequestId = 46,
}

type Pipe = Type<PipeTransform> | PipeTransform;

function storeParam(
  type: RpcParamType,
  data: string | number | undefined,
  pipes: Pipe[],
): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) return;
    // The key Nest's own param decorators use, so createParamDecorator() decorators work here too.
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ??
      {}) as object;
    Reflect.defineMetadata(
      ROUTE_ARGS_METADATA,
      { ...args, [`${type}:${index}`]: { index, data, pipes } },
      target.constructor,
      key,
    );
  };
}

/**
 * The request's params, or one of them: `@RpcParams('name')` for by-name params,
 * `@RpcParams(0)` for by-position ones. Pipes given here run after global ones.
 *
 * @example
 * @RpcMethod('user.rename')
 * rename(@RpcParams() dto: RenameDto) {}
 */
export function RpcParams(property?: string | number | Pipe, ...pipes: Pipe[]): ParameterDecorator {
  if (property === undefined || typeof property === 'string' || typeof property === 'number') {
    return storeParam(RpcParamType.Params, property, pipes);
  }
  return storeParam(RpcParamType.Params, undefined, [property, ...pipes]);
}

/**
 * The caller's session (`JsonRpcSession`): id, user, socket and per-connection data.
 * @example
 * whoami(@RpcSession() session: JsonRpcSession) { return session.id; }
 */
export const RpcSession = (): ParameterDecorator => storeParam(RpcParamType.Session, undefined, []);

/**
 * The request's JSON-RPC id (`undefined` for a notification).
 * @example
 * ping(@RpcId() id: JsonRpcId) {}
 */
export const RpcId = (): ParameterDecorator => storeParam(RpcParamType.Id, undefined, []);

/**
 * The authenticated user of the session (`undefined` while anonymous), or one of its properties.
 * @example
 * profile(@RpcUser('id') userId: string) {}
 */
export const RpcUser = (property?: string): ParameterDecorator =>
  storeParam(RpcParamType.User, property, []);

/**
 * The raw `ws` WebSocket of the caller.
 * @example
 * info(@RpcSocket() socket: WebSocket) { return socket.protocol; }
 */
export const RpcSocket = (): ParameterDecorator => storeParam(RpcParamType.Socket, undefined, []);

/**
 * The whole call context (`JsonRpcContext`): method, id, params and session.
 * @example
 * trace(@RpcContext() ctx: JsonRpcContext) { return ctx.method; }
 */
export const RpcContext = (): ParameterDecorator => storeParam(RpcParamType.Context, undefined, []);

/**
 * The server-generated id of this call (unlike the client's `@RpcId()`, unique
 * across clients and nodes): put it in logs and traces.
 * @example
 * create(@RpcRequestId() requestId: string) { this.logger.log(`[${requestId}] create`); }
 */
export const RpcRequestId = (): ParameterDecorator =>
  storeParam(RpcParamType.RequestId, undefined, []);
