import { Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ExternalContextCreator } from '@nestjs/core';
import { firstValueFrom, isObservable } from 'rxjs';
import { RpcParamsFactory } from '../gateway/rpc-params.factory';
import { JSON_RPC_CONTEXT_TYPE } from '../jsonrpc-ws.constants';

type Method = (...args: unknown[]) => unknown;

/** Wraps a provider method in Nest's pipeline: guards, interceptors, pipes and filters, global ones included. */
@Injectable()
export class RpcHandlerFactory {
  private readonly paramsFactory = new RpcParamsFactory();

  constructor(private readonly externalContextCreator: ExternalContextCreator) {}

  create(instance: object, methodName: string): (...args: unknown[]) => Promise<unknown> {
    const method = (instance as Record<string, Method>)[methodName]!;
    const pipeline = this.externalContextCreator.create(
      instance,
      firstValueOf(method),
      methodName,
      ROUTE_ARGS_METADATA,
      this.paramsFactory,
      undefined,
      undefined,
      { guards: true, interceptors: true, filters: true },
      JSON_RPC_CONTEXT_TYPE,
    );
    // An exception filter's return value becomes the outcome; filters written in
    // the microservices style return `throwError(...)`, which must count as an error.
    return async (...args) => firstValue(await pipeline(...args));
  }
}

/**
 * A call answers once, so an observable result counts by its first value (Nest
 * alone would wait for the last, forever for an endless stream). The wrapper
 * inherits from the method, so metadata lookups such as `Reflector.get(key,
 * context.getHandler())` still find what decorators put on the method.
 */
function firstValueOf(method: Method): Method {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return firstValue(method.apply(this, args));
  };
  Object.setPrototypeOf(wrapper, method);
  Object.defineProperty(wrapper, 'name', { value: method.name });
  return wrapper;
}

function firstValue(result: unknown): unknown {
  return isObservable(result) ? firstValueFrom(result, { defaultValue: undefined }) : result;
}
