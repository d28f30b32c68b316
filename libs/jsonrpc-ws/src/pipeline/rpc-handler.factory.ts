import { Injectable, Logger, Type } from '@nestjs/common';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import {
  ContextCreatorInternals,
  contextCreatorInternals,
  EXCEPTION_FILTERS_METADATA,
  ROUTE_ARGS_METADATA,
} from './nest-internals';
import { ExternalContextCreator } from '@nestjs/core';
import { RpcParamsFactory } from './rpc-params.factory';
import { WsExceptionPassThroughFilter } from './ws-exception-pass-through.filter';
import { JSON_RPC_CONTEXT_TYPE } from '../jsonrpc-ws.constants';
import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import { RpcMetadataAccessor } from '../discovery/rpc-metadata.accessor';
import { createFastPipeline } from './fast-pipeline';
import { HttpOnlyEnhancers } from './http-only-enhancers';
import { firstValue } from './first-value';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';

type Method = (...args: unknown[]) => unknown;

/** Runs a handler with `[socket, params, context, method]`; resolves (or returns) its result. */
export type RpcInvoker = (...args: unknown[]) => unknown;

export interface CreatedInvoker {
  invoke: RpcInvoker;
  /** True when Nest's exceptions handler is not in the way (no interceptor or filter to run). */
  direct: boolean;
  /** The `@RateLimit()` of the method, else of its class. */
  rateLimit?: RateLimitRule;
}

/** Wraps a provider method in Nest's pipeline: guards, interceptors, pipes and filters, global ones included. */
@Injectable()
export class RpcHandlerFactory {
  private readonly paramsFactory = new RpcParamsFactory();
  private readonly internals?: ContextCreatorInternals;
  private readonly httpOnly = new HttpOnlyEnhancers(new Logger('JsonRpcWs'));

  constructor(
    private readonly externalContextCreator: ExternalContextCreator,
    private readonly accessor: RpcMetadataAccessor,
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
  ) {
    this.internals = contextCreatorInternals(externalContextCreator);
    if (!this.internals && options.fastPipeline !== false) {
      new Logger('JsonRpcWs').warn(JsonRpcWsMessages.nestInternalsChanged());
    }
  }

  create(instance: object, methodName: string): CreatedInvoker {
    const method = (instance as Record<string, Method>)[methodName]!;
    const rateLimit = this.accessor.getRateLimit(method, instance.constructor as Type);
    if (this.internals) {
      const { config, guards, interceptors } = this.internals;
      const moduleKey = this.internals.moduleKeyOf(instance);
      this.httpOnly.adaptFilters(config.getGlobalFilters());
      this.httpOnly.adaptGuards(guards.create(instance, method, moduleKey));
      this.httpOnly.adaptInterceptors(interceptors.create(instance, method, moduleKey));
    }
    const fast =
      this.internals &&
      this.options.fastPipeline !== false &&
      createFastPipeline(this.internals, this.paramsFactory, instance, method);
    if (fast) return { invoke: fast, direct: true, rateLimit };
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
    return {
      invoke: async (...args) => firstValue(await pipeline(...args)),
      direct: false,
      rateLimit,
    };
  }
}

/**
 * Nest's runner, told to take the first value of an observable. The wrapper
 * inherits from the method, so metadata lookups such as `Reflector.get(key,
 * context.getHandler())` still find what decorators put on the method.
 */
function firstValueOf(method: Method): Method {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return firstValue(method.apply(this, args));
  };
  Object.setPrototypeOf(wrapper, method);
  Object.defineProperty(wrapper, 'name', { value: method.name });
  // Nest applies method filters last-declared first: the method's own filters keep precedence.
  const filters = (Reflect.getMetadata(EXCEPTION_FILTERS_METADATA, method) ?? []) as unknown[];
  Reflect.defineMetadata(
    EXCEPTION_FILTERS_METADATA,
    [WS_EXCEPTION_PASS_THROUGH, ...filters],
    wrapper,
  );
  return wrapper;
}

const WS_EXCEPTION_PASS_THROUGH = new WsExceptionPassThroughFilter();
