import { ParamData } from '@nestjs/common';
import type { ParamsFactory } from './nest-internals';
import { RpcParamType } from '../decorators/rpc-param.decorators';
import { JsonRpcContext } from './jsonrpc-context';

/** Turns what a parameter decorator asked for into a value, from `[socket, params, context, method]`. */
export class RpcParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, data: ParamData | undefined, args: unknown[]): unknown {
    const context = args[2] as JsonRpcContext;
    switch (type as RpcParamType) {
      case RpcParamType.Params:
        return data === undefined ? context.params : pick(context.params, data);
      case RpcParamType.Session:
        return context.session;
      case RpcParamType.Id:
        return context.id;
      case RpcParamType.User:
        return data === undefined ? context.session.user : pick(context.session.user, data);
      case RpcParamType.Socket:
      case RpcParamType.ConnectedSocket:
        return context.session.socket;
      case RpcParamType.Context:
        return context;
      case RpcParamType.RequestId:
        return context.requestId;
      default:
        return undefined;
    }
  }
}

function pick(source: unknown, key: ParamData): unknown {
  if (source === null || typeof source !== 'object') return undefined;
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  // Own properties only: a client must not reach inherited members such as "toString".
  return Object.prototype.hasOwnProperty.call(source, key)
    ? (source as Record<string | number, unknown>)[key]
    : undefined;
}
