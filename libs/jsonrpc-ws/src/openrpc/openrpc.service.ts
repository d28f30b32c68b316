import { Injectable, Type } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { RpcMetadataAccessor } from '../discovery/rpc-metadata.accessor';
import type { RpcMethodHandler } from '../discovery/rpc-method-handler';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { RpcAuthGuard } from '../guards/rpc-auth.guard';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { withoutUndefined } from '../options/jsonrpc-ws-options.resolver';
import { contextCreatorInternals } from '../pipeline/nest-internals';
import { rateLimitRuleOf } from '../rate-limit/rate-limit-rule';
import { defaultInfo } from './default-info';
import { PUBLICATION_NOTIFICATION, SESSION_NOTIFICATIONS } from './library-notifications';
import { buildOpenRpcDocument, MethodFacts } from './openrpc-document.builder';
import type { OpenRpcDocument } from './openrpc.types';

type Method = (...args: unknown[]) => unknown;

/**
 * The application's OpenRPC document, built from the method registry on first use
 * (every method is registered by then, and global guards are known) and kept.
 */
@Injectable()
export class OpenRpcService {
  private built?: OpenRpcDocument;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly registry: RpcMethodRegistry,
    private readonly accessor: RpcMetadataAccessor,
    private readonly contextCreator: ExternalContextCreator,
  ) {}

  document(): OpenRpcDocument {
    // A copy in wire form: the options' own schema objects stay the application's.
    return (this.built ??= deepFreeze(JSON.parse(JSON.stringify(this.build())) as OpenRpcDocument));
  }

  private build(): OpenRpcDocument {
    const { openrpc = {}, path, builtInMethods } = this.options;
    return buildOpenRpcDocument({
      info: { ...defaultInfo(), ...withoutUndefined(openrpc.info ?? {}) },
      servers: openrpc.servers ?? [
        { name: 'websocket', url: path, summary: 'JSON-RPC 2.0 over WebSocket' },
      ],
      methods: this.registry.handlers().map((handler) => this.factsOf(handler)),
      notifications: openrpc.notifications ?? [],
      libraryNotifications: [
        ...SESSION_NOTIFICATIONS,
        ...(builtInMethods.subscribe ? [PUBLICATION_NOTIFICATION] : []),
      ],
    });
  }

  private factsOf(handler: RpcMethodHandler): MethodFacts {
    const { name, source, options = {} } = handler;
    if (!source)
      return { name, options, slots: [], guarded: false, rateLimited: this.rateLimited(handler) };
    const { instance, methodName } = source;
    const method = (instance as Record<string, Method>)[methodName]!;
    const classRef = instance.constructor as Type;
    const guards = [...this.globalGuards(), ...this.accessor.getGuards(method, classRef)];
    // RpcAuthGuard (and its subclasses) let @Public() methods through; other guards may refuse anything.
    const exempt = this.accessor.isPublic(method, classRef) && guards.every(isRpcAuthGuard);
    return {
      name,
      options,
      slots: this.accessor.getParamsSlots(instance, methodName),
      returnType: this.accessor.getReturnType(instance, methodName),
      guarded: guards.length > 0 && !exempt,
      rateLimited: this.rateLimited(handler),
    };
  }

  private globalGuards(): unknown[] {
    const config = contextCreatorInternals(this.contextCreator)?.config;
    return config ? [...config.getGlobalGuards(), ...config.getGlobalRequestGuards()] : [];
  }

  /** As RpcRateLimiter decides. */
  private rateLimited(handler: RpcMethodHandler): boolean {
    return rateLimitRuleOf(this.options, handler) !== undefined;
  }
}

function isRpcAuthGuard(guard: unknown): boolean {
  return (
    guard instanceof RpcAuthGuard ||
    (typeof guard === 'function' &&
      (guard === RpcAuthGuard || (guard as Type).prototype instanceof RpcAuthGuard))
  );
}

/** Every caller gets the same document: none may change it for the others. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
