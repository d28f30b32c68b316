"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcRateLimitGuard = void 0;
exports.connectionTracker = connectionTracker;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const jsonrpc_context_1 = require("../gateway/jsonrpc-context");
const rpc_instrumentation_1 = require("../instrumentation/rpc-instrumentation");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const is_thenable_1 = require("../utils/is-thenable");
const rate_limit_store_interface_1 = require("./rate-limit-store.interface");
const UNLIMITED = { limit: 0, windowMs: 1000, burst: 0 };
/**
 * Token bucket per caller per method: past it, -32029 `TooManyRequests` with
 * `data.retryAfterMs`. Registered globally by `JsonRpcWsModule` (option
 * `rateLimit`); HTTP routes pass. Subclass and override `getTracker()` to
 * count by something else.
 */
let RpcRateLimitGuard = class RpcRateLimitGuard {
    constructor(reflector, options, store, instrumentation) {
        this.reflector = reflector;
        this.options = options;
        this.store = store;
        this.instrumentation = instrumentation;
        /** Rules resolved per handler and method, so decorators are read once. */
        this.rules = new WeakMap();
    }
    /** Answers synchronously when the store does (the in-memory one always does). */
    canActivate(context) {
        if (this.options.rateLimit === false || !(0, jsonrpc_context_1.isJsonRpcContext)(context))
            return true;
        const { method, session } = (0, jsonrpc_context_1.getJsonRpcContext)(context);
        const rule = this.ruleFor(context, method);
        if (rule.limit === 0)
            return true;
        const decision = this.store.consume(this.getTracker(session), method, rule, Date.now());
        return (0, is_thenable_1.isThenable)(decision)
            ? Promise.resolve(decision).then((settled) => this.enforce(settled, method))
            : this.enforce(decision, method);
    }
    enforce(decision, method) {
        if (decision.allowed)
            return true;
        this.instrumentation.sink.rateLimited(method);
        this.instrumentation.sink.limitRejected('rate');
        throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.TooManyRequests, 'Too many requests', {
            reason: 'TooManyRequests',
            retryAfterMs: decision.retryAfterMs,
        });
    }
    /** Whose bucket a call takes from: the connection, the user, or the IP address (option `rateLimit.by`). */
    getTracker(session) {
        const { rateLimit } = this.options;
        const by = rateLimit === false ? 'connection' : rateLimit.by;
        if (by === 'user' && session.userId !== undefined)
            return `user:${session.userId}`;
        if (by === 'ip')
            return `ip:${session.remoteAddress ?? 'unknown'}`;
        return connectionTracker(session.id);
    }
    ruleFor(context, method) {
        const handler = context.getHandler();
        let byMethod = this.rules.get(handler);
        if (!byMethod)
            this.rules.set(handler, (byMethod = new Map()));
        let rule = byMethod.get(method);
        if (!rule) {
            rule = this.resolveRule(context, method);
            byMethod.set(method, rule);
        }
        return rule;
    }
    /** Option for the method name, then the method's decorator, then the class's, then the default. */
    resolveRule(context, method) {
        const { rateLimit } = this.options;
        if (rateLimit === false)
            return UNLIMITED;
        const rule = rateLimit.methods[method] ??
            this.reflector.getAllAndOverride(jsonrpc_ws_constants_1.RATE_LIMIT_METADATA, [
                context.getHandler(),
                context.getClass(),
            ]) ??
            rateLimit;
        if (rule.limit === 0)
            return UNLIMITED;
        return {
            limit: rule.limit,
            windowMs: rule.windowMs ?? 1000,
            burst: rule.burst ?? rule.limit,
        };
    }
};
exports.RpcRateLimitGuard = RpcRateLimitGuard;
exports.RpcRateLimitGuard = RpcRateLimitGuard = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __param(2, (0, common_1.Inject)(rate_limit_store_interface_1.RATE_LIMIT_STORE)),
    __metadata("design:paramtypes", [core_1.Reflector, Object, Object, rpc_instrumentation_1.RpcInstrumentation])
], RpcRateLimitGuard);
/** Bucket owner of a connection; its buckets go when it closes. */
function connectionTracker(connectionId) {
    return `conn:${connectionId}`;
}
//# sourceMappingURL=rpc-rate-limit.guard.js.map