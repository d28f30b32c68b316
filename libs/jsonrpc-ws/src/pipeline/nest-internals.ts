/**
 * Every read of a Nest internal, in one place. None of what is here is Nest's
 * public API: each accessor checks the shape it relies on and answers
 * `undefined` when it differs, so callers fall back to public behaviour
 * (Nest's own runner, the library's own upgrade listener) instead of breaking.
 * Proven on the oldest supported Nest 11 and on Nest 12 by the e2e suite.
 */
import type { CanActivate, NestInterceptor, PipeTransform } from '@nestjs/common';
import type { ExternalContextCreator } from '@nestjs/core';
import type { IncomingMessage, Server } from 'http';
import type { Duplex } from 'stream';

export {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PARAMTYPES_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
export { FORBIDDEN_MESSAGE } from '@nestjs/core/guards/constants';
export { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
export type { ParamsFactory } from '@nestjs/core/helpers/external-context-creator';
export type { ValidatorOptions } from '@nestjs/common/interfaces/external/validator-options.interface';
export type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
export { ParamsTokenFactory } from '@nestjs/core/pipes/params-token-factory';

type Method = (...args: unknown[]) => unknown;

/** What `ApplicationConfig` offers about global enhancers. */
export interface GlobalEnhancers {
  getGlobalGuards(): unknown[];
  getGlobalInterceptors(): unknown[];
  getGlobalPipes(): unknown[];
  getGlobalFilters(): unknown[];
  getGlobalRequestGuards(): unknown[];
  getGlobalRequestInterceptors(): unknown[];
  getGlobalRequestPipes(): unknown[];
  getGlobalRequestFilters(): unknown[];
}

export interface EnhancerCreator<T> {
  create(instance: object, callback: Method, moduleKey: string): T[];
}

/** The parts of ExternalContextCreator the fast pipeline builds on. */
export interface ContextCreatorInternals {
  config: GlobalEnhancers;
  guards: EnhancerCreator<CanActivate>;
  interceptors: EnhancerCreator<NestInterceptor>;
  pipes: EnhancerCreator<PipeTransform>;
  moduleKeyOf(instance: object): string;
  /** Whether the host is a module's entry provider, whose transient enhancers Nest resolves per host. */
  isEntryProvider(moduleKey: string, instance: object): boolean;
}

const ENHANCER_GETTERS: Array<keyof GlobalEnhancers> = [
  'getGlobalGuards',
  'getGlobalInterceptors',
  'getGlobalPipes',
  'getGlobalFilters',
  'getGlobalRequestGuards',
  'getGlobalRequestInterceptors',
  'getGlobalRequestPipes',
  'getGlobalRequestFilters',
];

/**
 * The context creators and the module lookup that `ExternalContextCreator.create()`
 * itself uses; undefined when any of them has another shape.
 */
export function contextCreatorInternals(
  creator: ExternalContextCreator,
): ContextCreatorInternals | undefined {
  const parts = creator as unknown as {
    guardsContextCreator?: { config?: Partial<GlobalEnhancers>; create?: unknown };
    interceptorsContextCreator?: { create?: unknown };
    pipesContextCreator?: { create?: unknown };
    modulesContainer?: Map<
      string,
      { entryProviders?: Array<{ token: unknown; instance: unknown } | undefined> }
    >;
    getHostModuleKey?: (instance: object, classRef: unknown, inquirerId?: string) => string;
    getContextModuleKey?: (classRef: unknown) => string;
  };
  const config = parts.guardsContextCreator?.config;
  const { guardsContextCreator, interceptorsContextCreator, pipesContextCreator } = parts;
  const { modulesContainer } = parts;
  const { getHostModuleKey, getContextModuleKey } = parts;
  if (
    !config ||
    !ENHANCER_GETTERS.every((name) => typeof config[name] === 'function') ||
    typeof guardsContextCreator?.create !== 'function' ||
    typeof interceptorsContextCreator?.create !== 'function' ||
    typeof pipesContextCreator?.create !== 'function' ||
    !(modulesContainer instanceof Map) ||
    typeof getContextModuleKey !== 'function'
  ) {
    return undefined;
  }
  return {
    config: config as GlobalEnhancers,
    guards: guardsContextCreator as EnhancerCreator<CanActivate>,
    interceptors: interceptorsContextCreator as EnhancerCreator<NestInterceptor>,
    pipes: pipesContextCreator as EnhancerCreator<PipeTransform>,
    // The same lookup as that version's create(): Nest 12 (and late 11) look for the
    // module that holds this host first, earlier versions only by the class.
    moduleKeyOf: (instance) =>
      (typeof getHostModuleKey === 'function' &&
        getHostModuleKey.call(creator, instance, instance.constructor)) ||
      getContextModuleKey.call(creator, instance.constructor),
    isEntryProvider: (moduleKey, instance) =>
      (modulesContainer.get(moduleKey)?.entryProviders ?? []).some(
        (item) => item?.token === instance.constructor || item?.instance === instance,
      ),
  };
}

/** The WebSocket adapter the app installed with `useWebSocketAdapter()` (or Nest's default), if any. */
export function webSocketAdapterOf(creator: ExternalContextCreator): unknown {
  const config = (creator as unknown as { guardsContextCreator?: { config?: unknown } })
    .guardsContextCreator?.config as { getIoAdapter?: () => unknown } | undefined;
  return typeof config?.getIoAdapter === 'function' ? config.getIoAdapter() : undefined;
}

/** What `@nestjs/platform-ws`'s `WsAdapter` routes an upgrade to: a server with a path. */
export interface UpgradeTarget {
  path: string;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, done: unknown): void;
}

/** `WsAdapter`'s per-port registry of servers, which its one `upgrade` listener routes by path. */
export interface WsAdapterRegistry {
  /** Paths its gateways serve on the shared HTTP server. */
  paths(): string[];
  /** Adds a server to the shared port, so the adapter's listener routes its path to it. */
  add(target: UpgradeTarget, path: string): void;
}

/** The port number WsAdapter files gateways under when they share the app's HTTP server. */
const SHARED_PORT = 0;

/**
 * `WsAdapter`'s registry for the app's own HTTP server, when the adapter has
 * gateways there; undefined for any other adapter (socket.io's, a custom one)
 * or when the registry has another shape.
 */
export function wsAdapterRegistryOf(
  adapter: unknown,
  httpServer: Server,
): WsAdapterRegistry | undefined {
  const parts = adapter as {
    httpServer?: unknown;
    wsServersRegistry?: unknown;
    httpServersRegistry?: unknown;
    addWsServerToRegistry?: (server: unknown, port: number, path: string) => void;
  } | null;
  if (
    !parts ||
    parts.httpServer !== httpServer ||
    !(parts.wsServersRegistry instanceof Map) ||
    !(parts.httpServersRegistry instanceof Map) ||
    parts.httpServersRegistry.get(SHARED_PORT) !== httpServer ||
    typeof parts.addWsServerToRegistry !== 'function'
  ) {
    return undefined;
  }
  const servers = parts.wsServersRegistry as Map<number, Array<{ path?: unknown }>>;
  const addWsServerToRegistry = parts.addWsServerToRegistry;
  return {
    paths: () =>
      (servers.get(SHARED_PORT) ?? [])
        .map((server) => server.path)
        .filter((path): path is string => typeof path === 'string'),
    add: (target, path) => addWsServerToRegistry.call(adapter, target, SHARED_PORT, path),
  };
}
