import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '../pipeline/nest-internals';
import { RpcMethodMetadata } from '../decorators/rpc-method.decorator';
import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { HubEvents } from '../hub/hub-events';
import { RpcHandlerFactory } from '../pipeline/rpc-handler.factory';
import { RpcMetadataAccessor } from './rpc-metadata.accessor';
import { RpcMethodRegistry } from './rpc-method.registry';

/** Finds `@RpcMethod()` handlers and `@OnHubEvent()` listeners on every provider and controller. */
@Injectable()
export class RpcExplorer implements OnModuleInit {
  private readonly logger = new Logger('JsonRpcWs');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: RpcMetadataAccessor,
    private readonly handlerFactory: RpcHandlerFactory,
    private readonly registry: RpcMethodRegistry,
    private readonly events: HubEvents,
  ) {}

  onModuleInit(): void {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    const seen = new Set<object>();
    for (const wrapper of wrappers) {
      const instance = wrapper.instance as object | undefined;
      // The same instance can sit behind several tokens (aliases, useExisting).
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      this.explore(wrapper, instance);
    }
  }

  private explore(wrapper: InstanceWrapper, instance: object): void {
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) return;
    const className = instance.constructor.name;
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const method = (instance as Record<string, (...args: unknown[]) => unknown>)[methodName]!;
      const entries = this.accessor.getRpcMethods(method) ?? [];
      const events = this.accessor.getHubEvents(method) ?? [];
      if (entries.length === 0 && events.length === 0) continue;
      if (!wrapper.isDependencyTreeStatic()) {
        this.logger.warn(JsonRpcWsMessages.requestScoped(className));
        return;
      }
      for (const event of events)
        this.events.on(event, (payload) => method.call(instance, payload));
      if (entries.length > 0)
        this.registerMethods(instance, methodName, `${className}.${methodName}`, entries);
    }
  }

  private registerMethods(
    instance: object,
    methodName: string,
    owner: string,
    entries: RpcMethodMetadata[],
  ): void {
    const { invoke, direct, rateLimit } = this.handlerFactory.create(instance, methodName);
    for (const { name, ...options } of entries) {
      if (typeof name !== 'string' || name.length === 0) {
        throw new JsonRpcWsBootstrapError(JsonRpcWsMessages.invalidMethodName(owner));
      }
      if (name.startsWith('rpc.')) {
        throw new JsonRpcWsBootstrapError(JsonRpcWsMessages.reservedMethod(name, owner));
      }
      this.registry.register({
        name,
        owner,
        paramNames: options.paramNames,
        invoke,
        direct,
        rateLimit,
        options,
        source: { instance, methodName },
      });
    }
  }
}
