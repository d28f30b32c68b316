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
exports.RpcDispatcher = void 0;
const common_1 = require("@nestjs/common");
const crypto_1 = require("crypto");
const perf_hooks_1 = require("perf_hooks");
const rpc_method_handler_1 = require("../discovery/rpc-method-handler");
const rpc_method_registry_1 = require("../discovery/rpc-method.registry");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const jsonrpc_parser_1 = require("../protocol/jsonrpc.parser");
const jsonrpc_responses_1 = require("../protocol/jsonrpc.responses");
const is_thenable_1 = require("../utils/is-thenable");
const rpc_instrumentation_1 = require("../instrumentation/rpc-instrumentation");
const rpc_call_logger_1 = require("../logging/rpc-call-logger");
const rpc_exception_mapper_1 = require("./rpc-exception.mapper");
/** Turns one text frame into calls and sends back what JSON-RPC 2.0 says to send. */
let RpcDispatcher = class RpcDispatcher {
    constructor(options, registry, instrumentation) {
        this.registry = registry;
        this.instrumentation = instrumentation;
        this.logger = new common_1.Logger('JsonRpcWs');
        /** Named like Nest's own, which logs what the pipeline did not expect. */
        this.exceptionsLogger = new common_1.Logger('ExceptionsHandler');
        this.draining = false;
        /** Request ids are this node's random prefix and a counter: unique, and cheap to make. */
        this.requestIdPrefix = `${(0, crypto_1.randomBytes)(4).toString('hex')}-`;
        this.requestCount = 0;
        this.limits = { maxBatchSize: options.maxBatchSize, maxParamsDepth: options.maxParamsDepth };
        if (options.logCalls)
            this.callLogger = new rpc_call_logger_1.RpcCallLogger(options.logCalls);
    }
    /** From now on, requests are refused with -32053: the server is shutting down. */
    startDraining() {
        this.draining = true;
    }
    /**
     * Handles one text frame. When every handler answers synchronously the
     * replies are sent before this returns (and nothing is returned), so the
     * replies to one read can leave in one write; otherwise a promise settles
     * once they are sent.
     */
    dispatch(session, text) {
        const message = (0, jsonrpc_parser_1.parseMessage)(text, this.limits);
        if (message.kind === 'rejected') {
            this.instrumentation.sink.request(undefined, message.response.error, 0);
            session.reply(JSON.stringify(message.response));
            return;
        }
        if (message.kind === 'single') {
            const reply = this.run(session, message.entry);
            if ((0, is_thenable_1.isThenable)(reply))
                return reply.then((text) => replyWith(session, text));
            return replyWith(session, reply);
        }
        // Batch entries run concurrently; replies keep the batch's order. An
        // all-notification batch gets no reply at all.
        const replies = message.entries.map((entry) => this.run(session, entry));
        if (replies.some(is_thenable_1.isThenable)) {
            return Promise.all(replies.map((reply) => Promise.resolve(reply))).then((settled) => replyWithBatch(session, settled));
        }
        return replyWithBatch(session, replies);
    }
    /** Runs one entry; gives the serialised response, or undefined for a notification. */
    run(session, entry) {
        const { sink } = this.instrumentation;
        if (!entry.ok) {
            sink.request(undefined, entry.error, 0);
            return entry.notification ? undefined : JSON.stringify((0, jsonrpc_responses_1.errorResponse)(entry.id, entry.error));
        }
        const { request } = entry;
        const handler = this.draining ? undefined : this.registry.get(request.method);
        if (!handler) {
            const error = this.draining
                ? (0, jsonrpc_responses_1.protocolError)('ServiceUnavailable', undefined, 'Server shutting down')
                : (0, jsonrpc_responses_1.protocolError)('MethodNotFound');
            sink.request(request.method, error, 0);
            return entry.notification
                ? undefined
                : JSON.stringify((0, jsonrpc_responses_1.errorResponse)(request.id ?? null, error));
        }
        const call = {
            session,
            handler,
            request,
            notification: entry.notification,
            requestId: this.requestIdPrefix + (++this.requestCount).toString(36),
            started: this.instrumentation.enabled || this.callLogger ? perf_hooks_1.performance.now() : 0,
        };
        let result;
        try {
            const context = {
                method: request.method,
                id: request.id,
                requestId: call.requestId,
                params: (0, rpc_method_handler_1.shapeParams)(handler, request.params),
                session,
            };
            result = handler.invoke(session.socket, context.params, context);
        }
        catch (error) {
            return this.failed(call, error);
        }
        if (!(0, is_thenable_1.isThenable)(result))
            return this.finish(call, (0, jsonrpc_responses_1.successResponse)(request.id ?? null, result));
        return Promise.resolve(result).then((value) => this.finish(call, (0, jsonrpc_responses_1.successResponse)(request.id ?? null, value)), (error) => this.failed(call, error));
    }
    failed(call, error) {
        if (call.handler.direct && error instanceof Error && !(error instanceof common_1.IntrinsicException)) {
            this.exceptionsLogger.error(error);
        }
        return this.finish(call, (0, jsonrpc_responses_1.errorResponse)(call.request.id ?? null, (0, rpc_exception_mapper_1.toJsonRpcError)(error)));
    }
    /** Serialises the response, reports the call, and logs it under `logCalls`. */
    finish(call, response) {
        const { request, session } = call;
        let text;
        if (!call.notification)
            [text, response] = this.serialize(response, request.method);
        const error = 'error' in response ? response.error : undefined;
        const seconds = elapsed(call.started);
        this.instrumentation.sink.request(request.method, error, seconds);
        if (this.callLogger?.enabled(error?.code ?? 0)) {
            this.callLogger.write({
                method: request.method,
                id: request.id,
                requestId: call.requestId,
                connectionId: session.id,
                userId: session.userId,
                code: error?.code ?? 0,
                durationMs: Math.round(seconds * 1e6) / 1000,
            });
        }
        return text;
    }
    /** Serialises a response; one JSON cannot carry becomes -32603, which is what was sent. */
    serialize(response, method) {
        try {
            return [JSON.stringify(response), response];
        }
        catch (error) {
            // A result that JSON cannot carry (a BigInt, a cycle) is the handler's bug, not the client's.
            this.logger.error(`The result of "${method}" cannot be serialised to JSON`, error instanceof Error ? error.stack : String(error));
            const fallback = (0, jsonrpc_responses_1.errorResponse)(response.id, (0, jsonrpc_responses_1.protocolError)('InternalError'));
            return [JSON.stringify(fallback), fallback];
        }
    }
};
exports.RpcDispatcher = RpcDispatcher;
exports.RpcDispatcher = RpcDispatcher = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object, rpc_method_registry_1.RpcMethodRegistry,
        rpc_instrumentation_1.RpcInstrumentation])
], RpcDispatcher);
function replyWith(session, text) {
    if (text !== undefined)
        session.reply(text);
}
function replyWithBatch(session, replies) {
    const parts = replies.filter((reply) => reply !== undefined);
    if (parts.length > 0)
        session.reply(`[${parts.join(',')}]`);
}
function elapsed(startedMs) {
    return startedMs === 0 ? 0 : (perf_hooks_1.performance.now() - startedMs) / 1000;
}
//# sourceMappingURL=rpc-dispatcher.service.js.map