import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import type { ExternalContextCreator } from '@nestjs/core/helpers/external-context-creator';
import type { ParamsFactory } from '@nestjs/core/helpers/external-context-creator';
import type { ParamData } from '@nestjs/common';
import { RpcParamType } from '../decorators/rpc-param.decorators';

type Method = (...args: unknown[]) => unknown;
/** Global enhancers that do nothing for RPC calls (our rate-limit guard when the limit is off). */
export type InertEnhancer = (enhancer: unknown) => boolean;

interface ParamSlot {
  index: number;
  type: number;
  data: string | number | undefined;
}

/** What `ApplicationConfig` offers about global enhancers. */
interface GlobalEnhancers {
  getGlobalGuards(): unknown[];
  getGlobalInterceptors(): unknown[];
  getGlobalPipes(): unknown[];
  getGlobalFilters(): unknown[];
  getGlobalRequestGuards(): unknown[];
  getGlobalRequestInterceptors(): unknown[];
  getGlobalRequestPipes(): unknown[];
  getGlobalRequestFilters(): unknown[];
}

const KNOWN_PARAM_TYPES = new Set<number>(
  Object.values(RpcParamType).filter((v): v is number => typeof v === 'number'),
);

/**
 * A handler with no guard, interceptor, pipe or filter anywhere (global, class
 * or method) gains nothing from Nest's pipeline but its promise layers: such a
 * method is called directly, with the same arguments the pipeline would pass.
 * Returns undefined whenever that cannot be proven, and the pipeline is used.
 */
export function createDirectInvoker(
  externalContextCreator: ExternalContextCreator,
  paramsFactory: ParamsFactory,
  instance: object,
  method: Method,
  isInert: InertEnhancer,
): ((...args: unknown[]) => unknown) | undefined {
  const config = applicationConfigOf(externalContextCreator);
  if (!config || hasGlobalEnhancers(config, isInert)) return undefined;
  const type = instance.constructor;
  for (const key of [
    GUARDS_METADATA,
    INTERCEPTORS_METADATA,
    PIPES_METADATA,
    EXCEPTION_FILTERS_METADATA,
  ]) {
    if (
      hasEntries(Reflect.getMetadata(key, type)) ||
      hasEntries(Reflect.getMetadata(key, method))
    ) {
      return undefined;
    }
  }
  const slots = paramSlots(type, method.name);
  if (!slots) return undefined;
  return (...raw: unknown[]) => {
    const args: unknown[] = [];
    for (const slot of slots)
      args[slot.index] = paramsFactory.exchangeKeyForValue(slot.type, slot.data as ParamData, raw);
    return method.apply(instance, args);
  };
}

/** Parameters filled by this library's decorators only, with no parameter pipes; else undefined. */
function paramSlots(type: object, methodName: string): ParamSlot[] | undefined {
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, methodName) ?? {}) as Record<
    string,
    { index: number; data?: string | number; pipes?: unknown[] }
  >;
  const slots: ParamSlot[] = [];
  for (const [key, { index, data, pipes }] of Object.entries(metadata)) {
    const paramType = Number(key.split(':')[0]);
    if (!KNOWN_PARAM_TYPES.has(paramType) || hasEntries(pipes)) return undefined;
    slots.push({ index, type: paramType, data });
  }
  return slots;
}

function hasGlobalEnhancers(config: GlobalEnhancers, isInert: InertEnhancer): boolean {
  const active = (list: unknown[]) => list.some((enhancer) => !isInert(enhancer));
  return (
    active(config.getGlobalGuards()) ||
    hasEntries(config.getGlobalInterceptors()) ||
    hasEntries(config.getGlobalPipes()) ||
    hasEntries(config.getGlobalFilters()) ||
    hasEntries(config.getGlobalRequestGuards()) ||
    hasEntries(config.getGlobalRequestInterceptors()) ||
    hasEntries(config.getGlobalRequestPipes()) ||
    hasEntries(config.getGlobalRequestFilters())
  );
}

/**
 * Nest keeps global enhancers in its ApplicationConfig, which is not injectable;
 * ExternalContextCreator's guards creator holds it. Should that ever change
 * shape, the answer is "unknown" and every handler keeps the full pipeline.
 */
function applicationConfigOf(creator: ExternalContextCreator): GlobalEnhancers | undefined {
  const config = (creator as unknown as { guardsContextCreator?: { config?: unknown } })
    .guardsContextCreator?.config as Partial<GlobalEnhancers> | undefined;
  const methods: Array<keyof GlobalEnhancers> = [
    'getGlobalGuards',
    'getGlobalInterceptors',
    'getGlobalPipes',
    'getGlobalFilters',
    'getGlobalRequestGuards',
    'getGlobalRequestInterceptors',
    'getGlobalRequestPipes',
    'getGlobalRequestFilters',
  ];
  return config && methods.every((name) => typeof config[name] === 'function')
    ? (config as GlobalEnhancers)
    : undefined;
}

function hasEntries(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
