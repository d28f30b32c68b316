"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcLoggingInterceptor = void 0;
const common_1 = require("@nestjs/common");
const perf_hooks_1 = require("perf_hooks");
const rxjs_1 = require("rxjs");
const jsonrpc_context_1 = require("../gateway/jsonrpc-context");
const rpc_exception_mapper_1 = require("../gateway/rpc-exception.mapper");
const rpc_call_format_1 = require("./rpc-call-format");
/**
 * Logs one line per RPC call through Nest's `Logger` (so `nestjs-pino` and
 * friends plug in): method, outcome code, duration, connection, user and both
 * ids. Register it with `APP_INTERCEPTOR` or `@UseInterceptors()`. Override
 * `format()` or `write()` to change the line or the level.
 */
let RpcLoggingInterceptor = class RpcLoggingInterceptor {
    constructor() {
        this.logger = new common_1.Logger('JsonRpc');
    }
    intercept(context, next) {
        if (!(0, jsonrpc_context_1.isJsonRpcContext)(context))
            return next.handle();
        const call = (0, jsonrpc_context_1.getJsonRpcContext)(context);
        const started = perf_hooks_1.performance.now();
        const record = (code) => this.write({
            method: call.method,
            id: call.id,
            requestId: call.requestId,
            connectionId: call.session.id,
            userId: call.session.userId,
            code,
            durationMs: Math.round((perf_hooks_1.performance.now() - started) * 1000) / 1000,
        }, code === 0 ? 'log' : 'warn');
        return next.handle().pipe((0, rxjs_1.tap)({
            next: () => record(0),
            error: (error) => record((0, rpc_exception_mapper_1.toJsonRpcError)(error).code),
        }));
    }
    /** Writes a record; warnings for errors, `log` for successes by default. */
    write(call, level) {
        const line = this.format(call);
        if (level === 'warn')
            this.logger.warn(line);
        else
            this.logger.log(line);
    }
    format(call) {
        return (0, rpc_call_format_1.formatRpcCall)(call);
    }
};
exports.RpcLoggingInterceptor = RpcLoggingInterceptor;
exports.RpcLoggingInterceptor = RpcLoggingInterceptor = __decorate([
    (0, common_1.Injectable)()
], RpcLoggingInterceptor);
//# sourceMappingURL=rpc-logging.interceptor.js.map