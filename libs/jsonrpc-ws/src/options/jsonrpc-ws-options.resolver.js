"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_OPTIONS = exports.PLATFORM_PATTERN = void 0;
exports.resolveOptions = resolveOptions;
const jsonrpc_ws_bootstrap_error_1 = require("../errors/jsonrpc-ws-bootstrap.error");
const jsonrpc_ws_messages_1 = require("../errors/jsonrpc-ws.messages");
/** Platform names: short, and safe to use as metric labels and map keys. */
exports.PLATFORM_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
exports.DEFAULT_OPTIONS = {
    path: '/ws',
    maxPayload: 1024 * 1024,
    maxBatchSize: 100,
    maxParamsDepth: 32,
    allowedOrigins: 'same-origin',
    builtInMethods: { heartbeat: true, login: true, subscribe: true },
    maxConnections: 10000,
    maxConnectionsPerUser: 10,
    maxConnectionsPerPlatform: 1,
    platformLimitPolicy: 'kick-oldest',
    defaultPlatform: 'default',
    anonymousTimeoutMs: 30000,
    heartbeatTimeoutMs: 60000,
    pingIntervalMs: 25000,
    subscribeRequiresLogin: true,
    maxTopicsPerConnection: 100,
    maxBufferedBytes: 1024 * 1024,
    slowConsumerPolicy: 'disconnect',
    maxInFlightPerConnection: 64,
    rateLimit: { limit: 100, windowMs: 1000, by: 'connection', methods: {} },
    logCalls: false,
    shutdownTimeoutMs: 10000,
    reconnectAfterMs: [1000, 5000],
};
/** Applies defaults and checks every value, so a bad option stops the startup by name. */
function resolveOptions(options = {}) {
    const given = withoutUndefined(options);
    const resolved = {
        ...exports.DEFAULT_OPTIONS,
        ...given,
        rateLimit: resolveRateLimit(given.rateLimit),
        logCalls: given.logCalls === true ? 'log' : (given.logCalls ?? false),
        builtInMethods: {
            ...exports.DEFAULT_OPTIONS.builtInMethods,
            ...withoutUndefined(given.builtInMethods ?? {}),
        },
    };
    const r = resolved;
    check('path', typeof r.path === 'string' && /^\/[^\s?#]*$/.test(r.path), 'a URL path starting with "/"', r.path);
    for (const name of [
        'maxPayload',
        'maxBatchSize',
        'maxParamsDepth',
        'maxConnectionsPerPlatform',
        'maxTopicsPerConnection',
        'maxBufferedBytes',
        'maxInFlightPerConnection',
    ]) {
        checkInteger(name, r[name], 1);
    }
    for (const name of [
        'maxConnections',
        'maxConnectionsPerUser',
        'anonymousTimeoutMs',
        'heartbeatTimeoutMs',
        'pingIntervalMs',
        'shutdownTimeoutMs',
    ]) {
        checkInteger(name, r[name], 0);
    }
    check('allowedOrigins', r.allowedOrigins === 'same-origin' ||
        r.allowedOrigins === '*' ||
        typeof r.allowedOrigins === 'function' ||
        (Array.isArray(r.allowedOrigins) && r.allowedOrigins.every((o) => typeof o === 'string')), "'same-origin', '*', an array of origins or a function", r.allowedOrigins);
    for (const name of ['authenticate', 'verifyToken', 'authorizeTopic']) {
        check(name, r[name] === undefined || typeof r[name] === 'function', 'a function', r[name]);
    }
    for (const [name, value] of Object.entries(r.builtInMethods)) {
        check(`builtInMethods.${name}`, typeof value === 'boolean', 'a boolean', value);
    }
    check('platformLimitPolicy', r.platformLimitPolicy === 'kick-oldest' || r.platformLimitPolicy === 'reject-new', "'kick-oldest' or 'reject-new'", r.platformLimitPolicy);
    check('slowConsumerPolicy', r.slowConsumerPolicy === 'disconnect' || r.slowConsumerPolicy === 'drop', "'disconnect' or 'drop'", r.slowConsumerPolicy);
    check('defaultPlatform', isPlatform(r.defaultPlatform), 'a platform name (1-32 of A-Z a-z 0-9 . _ -)', r.defaultPlatform);
    check('platforms', r.platforms === undefined ||
        (Array.isArray(r.platforms) &&
            r.platforms.length > 0 &&
            r.platforms.every(isPlatform) &&
            r.platforms.includes(r.defaultPlatform)), 'a non-empty array of platform names that includes defaultPlatform', r.platforms);
    check('subscribeRequiresLogin', typeof r.subscribeRequiresLogin === 'boolean', 'a boolean', r.subscribeRequiresLogin);
    const [min, max] = Array.isArray(r.reconnectAfterMs) ? r.reconnectAfterMs : [];
    check('reconnectAfterMs', Number.isSafeInteger(min) && Number.isSafeInteger(max) && min >= 0 && max >= min, 'a [min, max] pair of non-negative integers with min <= max', r.reconnectAfterMs);
    return resolved;
}
function resolveRateLimit(given) {
    if (given === false)
        return false;
    const defaults = exports.DEFAULT_OPTIONS.rateLimit;
    check('rateLimit', given === undefined || (typeof given === 'object' && given !== null), 'false or an object', given);
    const options = withoutUndefined(given ?? {});
    const resolved = { ...defaults, ...options, methods: {} };
    checkRule('rateLimit', resolved);
    check('rateLimit.by', ['connection', 'user', 'ip'].includes(resolved.by), "'connection', 'user' or 'ip'", resolved.by);
    const methods = options.methods ?? {};
    check('rateLimit.methods', typeof methods === 'object' && methods !== null, 'an object', methods);
    for (const [method, rule] of Object.entries(methods)) {
        const normalized = rule === 0 ? { limit: 0 } : rule;
        checkRule(`rateLimit.methods.${method}`, normalized);
        resolved.methods[method] = normalized;
    }
    return resolved;
}
function checkRule(option, rule) {
    check(option, typeof rule === 'object' && rule !== null, 'a rule { limit, windowMs?, burst? } or 0', rule);
    checkInteger(`${option}.limit`, rule.limit, 0);
    if (rule.windowMs !== undefined)
        checkInteger(`${option}.windowMs`, rule.windowMs, 1);
    if (rule.burst !== undefined)
        checkInteger(`${option}.burst`, rule.burst, 1);
}
function isPlatform(value) {
    return typeof value === 'string' && exports.PLATFORM_PATTERN.test(value);
}
function checkInteger(option, value, min) {
    const expected = min === 0 ? 'a non-negative integer' : 'a positive integer';
    check(option, Number.isSafeInteger(value) && value >= min, expected, value);
}
function check(option, ok, expected, actual) {
    if (!ok)
        throw new jsonrpc_ws_bootstrap_error_1.JsonRpcWsBootstrapError(jsonrpc_ws_messages_1.JsonRpcWsMessages.invalidOption(option, expected, actual));
}
function withoutUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
//# sourceMappingURL=jsonrpc-ws-options.resolver.js.map