import { Injectable, Type } from '@nestjs/common';

type Method = (...args: never[]) => unknown;
import { Reflector } from '@nestjs/core';
import { RpcMethodMetadata } from '../decorators/rpc-method.decorator';
import type { HubEventName } from '../hub/hub-events';
import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import {
  HUB_EVENT_METADATA,
  IS_PUBLIC_METADATA,
  RATE_LIMIT_METADATA,
  RPC_METHOD_METADATA,
} from '../jsonrpc-ws.constants';
import { RpcParamType } from '../decorators/rpc-param.decorators';
import {
  GUARDS_METADATA,
  PARAMTYPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '../pipeline/nest-internals';

/** An `@RpcParams()` of a method: the property or position it takes (all params when undefined), and its type. */
export interface RpcParamsSlot {
  data: string | number | undefined;
  type: unknown;
}

/** The only reader of this library's metadata keys. */
@Injectable()
export class RpcMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getRpcMethods(handler: unknown): RpcMethodMetadata[] | undefined {
    if (typeof handler !== 'function') return undefined;
    return this.reflector.get<RpcMethodMetadata[] | undefined>(RPC_METHOD_METADATA, handler);
  }

  getHubEvents(handler: unknown): HubEventName[] | undefined {
    if (typeof handler !== 'function') return undefined;
    return this.reflector.get<HubEventName[] | undefined>(HUB_EVENT_METADATA, handler);
  }

  /** The `@RateLimit()` of a method, else of its class. */
  getRateLimit(handler: Type | Method, classRef: Type | Method): RateLimitRule | undefined {
    return this.reflector.getAllAndOverride<RateLimitRule | undefined>(RATE_LIMIT_METADATA, [
      handler,
      classRef,
    ]);
  }

  /** Whether `@Public()` is on the method or its class. */
  isPublic(handler: Type | Method, classRef: Type | Method): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_METADATA, [handler, classRef]) === true
    );
  }

  /** The `@UseGuards()` of the class, then of the method. */
  getGuards(handler: Type | Method, classRef: Type | Method): unknown[] {
    return [classRef, handler].flatMap(
      (target) => this.reflector.get<unknown[] | undefined>(GUARDS_METADATA, target) ?? [],
    );
  }

  /** The `@RpcParams()` (and `@MessageBody()`) parameters of a method, in order. */
  getParamsSlots(instance: object, methodName: string): RpcParamsSlot[] {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, instance.constructor, methodName) ??
      {}) as Record<string, { index: number; data?: string | number }>;
    const types = (Reflect.getMetadata(PARAMTYPES_METADATA, instance, methodName) ??
      []) as unknown[];
    return Object.entries(args)
      .filter(([key]) => key.split(':')[0] === String(RpcParamType.Params))
      .map(([, { index, data }]) => ({ index, data, type: types[index] }))
      .sort((a, b) => a.index - b.index)
      .map(({ data, type }) => ({ data, type }));
  }

  /** `design:returntype`: `Promise`, `Object` or undefined say nothing, a primitive's constructor does. */
  getReturnType(instance: object, methodName: string): unknown {
    return Reflect.getMetadata('design:returntype', instance, methodName) as unknown;
  }
}
