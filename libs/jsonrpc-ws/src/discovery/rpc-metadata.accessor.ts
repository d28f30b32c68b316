import { Injectable, Type } from '@nestjs/common';

type Method = (...args: never[]) => unknown;
import { Reflector } from '@nestjs/core';
import { RpcMethodMetadata } from '../decorators/rpc-method.decorator';
import type { HubEventName } from '../hub/hub-events';
import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import {
  HUB_EVENT_METADATA,
  RATE_LIMIT_METADATA,
  RPC_METHOD_METADATA,
} from '../jsonrpc-ws.constants';

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
}
