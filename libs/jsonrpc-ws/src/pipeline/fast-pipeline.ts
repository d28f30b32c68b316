import { ForbiddenException, type ParamData } from '@nestjs/common';
import type { ArgumentMetadata, Type } from '@nestjs/common';
import {
  ContextCreatorInternals,
  EXCEPTION_FILTERS_METADATA,
  ExecutionContextHost,
  FORBIDDEN_MESSAGE,
  GlobalEnhancers,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PARAMTYPES_METADATA,
  ParamsFactory,
  ParamsTokenFactory,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from './nest-internals';
import { isObservable, lastValueFrom } from 'rxjs';
import { RpcParamType } from '../decorators/rpc-param.decorators';
import { JSON_RPC_CONTEXT_TYPE } from '../jsonrpc-ws.constants';
import { isThenable } from '../utils/is-thenable';
import { firstValue } from './first-value';
import { runInterceptors } from './interceptor-runner';

type Method = (...args: unknown[]) => unknown;

interface ParamSlot {
  index: number;
  type: number;
  data: ParamData | undefined;
  /** What a pipe is told about the parameter, as Nest tells it. */
  metadata: ArgumentMetadata;
}

const PARAM_TOKENS = new ParamsTokenFactory();
const KNOWN_PARAM_TYPES = new Set<number>(
  Object.values(RpcParamType).filter((v): v is number => typeof v === 'number'),
);

/**
 * Runs a handler whose enhancers are guards, interceptors and pipes (global,
 * class or method) the way Nest's pipeline would — the same instances, resolved
 * by Nest's own context creators, called in the same order with the same
 * arguments — but without a promise per step: a guard, interceptor or pipe that
 * answers synchronously is not awaited. Exception filters, parameter pipes,
 * custom parameter decorators and scoped enhancers keep Nest's runner: whenever
 * equivalence cannot be proven, this returns undefined.
 */
export function createFastPipeline(
  nest: ContextCreatorInternals,
  paramsFactory: ParamsFactory,
  instance: object,
  method: Method,
): Method | undefined {
  if (needsNestRunner(nest.config)) return undefined;
  const classRef = instance.constructor;
  if (declared(EXCEPTION_FILTERS_METADATA, classRef, method) > 0) return undefined;
  const slots = paramSlots(instance, method.name);
  if (!slots) return undefined;
  const moduleKey = nest.moduleKeyOf(instance);
  if (nest.isEntryProvider(moduleKey, instance)) return undefined;
  // Everything declared must have been resolved: a guard left out would open a method.
  const guards = nest.guards.create(instance, method, moduleKey);
  const interceptors = nest.interceptors.create(instance, method, moduleKey);
  const pipes = nest.pipes.create(instance, method, moduleKey);
  if (
    guards.length !==
      nest.config.getGlobalGuards().length + declared(GUARDS_METADATA, classRef, method) ||
    interceptors.length !==
      nest.config.getGlobalInterceptors().length +
        declared(INTERCEPTORS_METADATA, classRef, method) ||
    pipes.length !==
      nest.config.getGlobalPipes().length + declared(PIPES_METADATA, classRef, method)
  ) {
    return undefined;
  }
  const active = guards;
  const argsLength = slots.reduce((length, slot) => Math.max(length, slot.index + 1), 0);

  const call = (args: unknown[]): unknown => firstValue(method.apply(instance, args));

  const callWithParams = (raw: unknown[]): unknown => {
    // Nest passes the raw arguments to a method that declares no parameter.
    if (slots.length === 0) return call(raw);
    const args: unknown[] = new Array(argsLength);
    let pending: Promise<unknown>[] | undefined;
    for (const slot of slots) {
      const value = transform(
        paramsFactory.exchangeKeyForValue(slot.type, slot.data as ParamData, raw),
        slot,
      );
      if (isThenable(value)) {
        (pending ??= []).push(Promise.resolve(value).then((v) => (args[slot.index] = v)));
      } else {
        args[slot.index] = value;
      }
    }
    return pending ? Promise.all(pending).then(() => call(args)) : call(args);
  };

  /** Pipes in order; from the first that answers with a promise on, the rest wait for it. */
  const transform = (value: unknown, slot: ParamSlot): unknown => {
    for (let i = 0; i < pipes.length; i++) {
      value = pipes[i]!.transform(value, slot.metadata);
      if (isThenable(value)) return transformLater(value, slot, i + 1);
    }
    return value;
  };

  const transformLater = async (pending: unknown, slot: ParamSlot, from: number) => {
    let value = await pending;
    for (let i = from; i < pipes.length; i++)
      value = await pipes[i]!.transform(value, slot.metadata);
    return value;
  };

  /** After the guards: interceptors around pipes and the method, as Nest orders them. */
  const intercepted =
    interceptors.length === 0
      ? callWithParams
      : (raw: unknown[]): unknown => {
          const context = new ExecutionContextHost(raw, classRef as Type, method);
          context.setType(JSON_RPC_CONTEXT_TYPE);
          const outcome = runInterceptors(interceptors, context, () => callWithParams(raw));
          // Nest's runner is told to take the first value of what the chain ends with.
          return isThenable(outcome)
            ? Promise.resolve(outcome).then(firstValue)
            : firstValue(outcome);
        };

  const finishGuards = async (verdict: unknown, context: ExecutionContextHost, from: number) => {
    if (!(await settle(verdict))) throw new ForbiddenException(FORBIDDEN_MESSAGE);
    for (let i = from; i < active.length; i++) {
      if (!(await settle(active[i]!.canActivate(context)))) {
        throw new ForbiddenException(FORBIDDEN_MESSAGE);
      }
    }
  };

  if (active.length === 0) return (...raw: unknown[]) => intercepted(raw);
  return (...raw: unknown[]): unknown => {
    const context = new ExecutionContextHost(raw, classRef as Type, method);
    context.setType(JSON_RPC_CONTEXT_TYPE);
    for (let i = 0; i < active.length; i++) {
      const verdict = active[i]!.canActivate(context);
      if (verdict === true) continue;
      if (verdict === false) throw new ForbiddenException(FORBIDDEN_MESSAGE);
      return finishGuards(verdict, context, i + 1).then(() => intercepted(raw));
    }
    return intercepted(raw);
  };
}

/** A guard's answer as Nest reads it: awaited, and an observable by its last value. */
async function settle(verdict: unknown): Promise<unknown> {
  const value: unknown = await verdict;
  return isObservable(value) ? lastValueFrom(value) : value;
}

/**
 * Parameters filled by this library's decorators only, with no parameter pipes,
 * and what Nest's pipes would be told about each; else undefined.
 */
function paramSlots(instance: object, methodName: string): ParamSlot[] | undefined {
  const type = instance.constructor;
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, methodName) ?? {}) as Record<
    string,
    { index: number; data?: ParamData; pipes?: unknown[] }
  >;
  const paramtypes = (Reflect.getMetadata(PARAMTYPES_METADATA, instance, methodName) ??
    []) as Array<Type | undefined>;
  const slots: ParamSlot[] = [];
  for (const [key, { index, data, pipes }] of Object.entries(metadata)) {
    const paramType = Number(key.split(':')[0]);
    if (!KNOWN_PARAM_TYPES.has(paramType) || hasEntries(pipes)) return undefined;
    slots.push({
      index,
      type: paramType,
      data,
      metadata: {
        // Nest's PipesConsumer names the type: @RpcParams() is 'body', the others 'custom'.
        type: PARAM_TOKENS.exchangeEnumForString(paramType),
        metatype: paramtypes[index],
        data: data as string | undefined,
      },
    });
  }
  return slots;
}

/** Filters run through Nest's exceptions handler; scoped enhancers are resolved per request. */
function needsNestRunner(config: GlobalEnhancers): boolean {
  return (
    hasEntries(config.getGlobalFilters()) ||
    hasEntries(config.getGlobalRequestGuards()) ||
    hasEntries(config.getGlobalRequestInterceptors()) ||
    hasEntries(config.getGlobalRequestPipes()) ||
    hasEntries(config.getGlobalRequestFilters())
  );
}

function declared(key: string, classRef: object, method: Method): number {
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  return count(Reflect.getMetadata(key, classRef)) + count(Reflect.getMetadata(key, method));
}

function hasEntries(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
