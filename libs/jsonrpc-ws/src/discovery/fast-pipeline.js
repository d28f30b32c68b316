"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createFastPipeline = createFastPipeline;
const common_1 = require("@nestjs/common");
const constants_1 = require("@nestjs/common/constants");
const constants_2 = require("@nestjs/core/guards/constants");
const execution_context_host_1 = require("@nestjs/core/helpers/execution-context-host");
const params_token_factory_1 = require("@nestjs/core/pipes/params-token-factory");
const rxjs_1 = require("rxjs");
const rpc_param_decorators_1 = require("../decorators/rpc-param.decorators");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
const is_thenable_1 = require("../utils/is-thenable");
const first_value_1 = require("./first-value");
const PARAM_TOKENS = new params_token_factory_1.ParamsTokenFactory();
const KNOWN_PARAM_TYPES = new Set(Object.values(rpc_param_decorators_1.RpcParamType).filter((v) => typeof v === 'number'));
/**
 * Runs a handler whose only enhancers are guards and pipes (global, class or
 * method) the way Nest's pipeline would — the same instances, resolved by
 * Nest's own context creators, called in the same order with the same
 * arguments — but without a promise per step: a guard or pipe that answers
 * synchronously is not awaited. Interceptors, exception filters, parameter
 * pipes, custom parameter decorators and scoped enhancers keep Nest's runner:
 * whenever equivalence cannot be proven, this returns undefined.
 */
function createFastPipeline(externalContextCreator, paramsFactory, instance, method, isInert) {
    const nest = internalsOf(externalContextCreator);
    if (!nest || needsNestRunner(nest.config))
        return undefined;
    const classRef = instance.constructor;
    for (const key of [constants_1.INTERCEPTORS_METADATA, constants_1.EXCEPTION_FILTERS_METADATA]) {
        if (declared(key, classRef, method) > 0)
            return undefined;
    }
    const slots = paramSlots(instance, method.name);
    if (!slots)
        return undefined;
    const moduleKey = nest.moduleKeyOf(instance);
    if (nest.isEntryProvider(moduleKey, instance))
        return undefined;
    // Everything declared must have been resolved: a guard left out would open a method.
    const guards = nest.guards.create(instance, method, moduleKey);
    const pipes = nest.pipes.create(instance, method, moduleKey);
    if (guards.length !==
        nest.config.getGlobalGuards().length + declared(constants_1.GUARDS_METADATA, classRef, method) ||
        pipes.length !==
            nest.config.getGlobalPipes().length + declared(constants_1.PIPES_METADATA, classRef, method)) {
        return undefined;
    }
    const active = guards.filter((guard) => !isInert(guard));
    const argsLength = slots.reduce((length, slot) => Math.max(length, slot.index + 1), 0);
    const call = (args) => (0, first_value_1.firstValue)(method.apply(instance, args));
    const callWithParams = (raw) => {
        // Nest passes the raw arguments to a method that declares no parameter.
        if (slots.length === 0)
            return call(raw);
        const args = new Array(argsLength);
        let pending;
        for (const slot of slots) {
            const value = transform(paramsFactory.exchangeKeyForValue(slot.type, slot.data, raw), slot);
            if ((0, is_thenable_1.isThenable)(value)) {
                (pending ??= []).push(Promise.resolve(value).then((v) => (args[slot.index] = v)));
            }
            else {
                args[slot.index] = value;
            }
        }
        return pending ? Promise.all(pending).then(() => call(args)) : call(args);
    };
    /** Pipes in order; from the first that answers with a promise on, the rest wait for it. */
    const transform = (value, slot) => {
        for (let i = 0; i < pipes.length; i++) {
            value = pipes[i].transform(value, slot.metadata);
            if ((0, is_thenable_1.isThenable)(value))
                return transformLater(value, slot, i + 1);
        }
        return value;
    };
    const transformLater = async (pending, slot, from) => {
        let value = await pending;
        for (let i = from; i < pipes.length; i++)
            value = await pipes[i].transform(value, slot.metadata);
        return value;
    };
    const finishGuards = async (verdict, context, from) => {
        if (!(await settle(verdict)))
            throw new common_1.ForbiddenException(constants_2.FORBIDDEN_MESSAGE);
        for (let i = from; i < active.length; i++) {
            if (!(await settle(active[i].canActivate(context)))) {
                throw new common_1.ForbiddenException(constants_2.FORBIDDEN_MESSAGE);
            }
        }
    };
    if (active.length === 0)
        return (...raw) => callWithParams(raw);
    return (...raw) => {
        const context = new execution_context_host_1.ExecutionContextHost(raw, classRef, method);
        context.setType(jsonrpc_ws_constants_1.JSON_RPC_CONTEXT_TYPE);
        for (let i = 0; i < active.length; i++) {
            const verdict = active[i].canActivate(context);
            if (verdict === true)
                continue;
            if (verdict === false)
                throw new common_1.ForbiddenException(constants_2.FORBIDDEN_MESSAGE);
            return finishGuards(verdict, context, i + 1).then(() => callWithParams(raw));
        }
        return callWithParams(raw);
    };
}
/** A guard's answer as Nest reads it: awaited, and an observable by its last value. */
async function settle(verdict) {
    const value = await verdict;
    return (0, rxjs_1.isObservable)(value) ? (0, rxjs_1.lastValueFrom)(value) : value;
}
/**
 * Parameters filled by this library's decorators only, with no parameter pipes,
 * and what Nest's pipes would be told about each; else undefined.
 */
function paramSlots(instance, methodName) {
    const type = instance.constructor;
    const metadata = (Reflect.getMetadata(constants_1.ROUTE_ARGS_METADATA, type, methodName) ?? {});
    const paramtypes = (Reflect.getMetadata(constants_1.PARAMTYPES_METADATA, instance, methodName) ??
        []);
    const slots = [];
    for (const [key, { index, data, pipes }] of Object.entries(metadata)) {
        const paramType = Number(key.split(':')[0]);
        if (!KNOWN_PARAM_TYPES.has(paramType) || hasEntries(pipes))
            return undefined;
        slots.push({
            index,
            type: paramType,
            data,
            metadata: {
                // Nest's PipesConsumer names the type: @RpcParams() is 'body', the others 'custom'.
                type: PARAM_TOKENS.exchangeEnumForString(paramType),
                metatype: paramtypes[index],
                data: data,
            },
        });
    }
    return slots;
}
/** Interceptors and filters run through rxjs and Nest's exceptions handler; scoped ones per request. */
function needsNestRunner(config) {
    return (hasEntries(config.getGlobalInterceptors()) ||
        hasEntries(config.getGlobalFilters()) ||
        hasEntries(config.getGlobalRequestGuards()) ||
        hasEntries(config.getGlobalRequestInterceptors()) ||
        hasEntries(config.getGlobalRequestPipes()) ||
        hasEntries(config.getGlobalRequestFilters()));
}
function declared(key, classRef, method) {
    const count = (value) => (Array.isArray(value) ? value.length : 0);
    return count(Reflect.getMetadata(key, classRef)) + count(Reflect.getMetadata(key, method));
}
/**
 * ExternalContextCreator holds the context creators and the module lookup that
 * its own `create()` uses. Should any of them change shape, the answer is
 * "unknown" and every handler keeps Nest's runner.
 */
function internalsOf(creator) {
    const parts = creator;
    const config = parts.guardsContextCreator?.config;
    const methods = [
        'getGlobalGuards',
        'getGlobalInterceptors',
        'getGlobalPipes',
        'getGlobalFilters',
        'getGlobalRequestGuards',
        'getGlobalRequestInterceptors',
        'getGlobalRequestPipes',
        'getGlobalRequestFilters',
    ];
    const { guardsContextCreator, pipesContextCreator, modulesContainer } = parts;
    if (!config ||
        !methods.every((name) => typeof config[name] === 'function') ||
        typeof guardsContextCreator?.create !== 'function' ||
        typeof pipesContextCreator?.create !== 'function' ||
        !(modulesContainer instanceof Map) ||
        typeof parts.getHostModuleKey !== 'function' ||
        typeof parts.getContextModuleKey !== 'function') {
        return undefined;
    }
    return {
        config: config,
        guards: guardsContextCreator,
        pipes: pipesContextCreator,
        // The same lookup as ExternalContextCreator.create(): the module that holds this host.
        moduleKeyOf: (instance) => parts.getHostModuleKey.call(creator, instance, instance.constructor) ||
            parts.getContextModuleKey.call(creator, instance.constructor),
        isEntryProvider: (moduleKey, instance) => (modulesContainer.get(moduleKey)?.entryProviders ?? []).some((item) => item?.token === instance.constructor || item?.instance === instance),
    };
}
function hasEntries(value) {
    return Array.isArray(value) && value.length > 0;
}
//# sourceMappingURL=fast-pipeline.js.map