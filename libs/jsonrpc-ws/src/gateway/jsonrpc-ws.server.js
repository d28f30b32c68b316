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
exports.JsonRpcWsServer = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const ws_1 = require("ws");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const hub_events_1 = require("../hub/hub-events");
const rpc_instrumentation_1 = require("../instrumentation/rpc-instrumentation");
const hub_service_1 = require("../hub/hub.service");
const outbound_gate_1 = require("../hub/outbound-gate");
const session_registry_1 = require("../hub/session-registry");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const close_codes_1 = require("../protocol/close-codes");
const jsonrpc_session_1 = require("./jsonrpc-session");
const rpc_dispatcher_service_1 = require("./rpc-dispatcher.service");
const upgrade_authorizer_1 = require("./upgrade-authorizer");
const upgrade_refusal_1 = require("./upgrade-refusal");
/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;
/** Close codes `ws` or this server use for malformed input. */
const PROTOCOL_ERROR_CODES = new Set([
    close_codes_1.CloseCode.UnsupportedData,
    close_codes_1.CloseCode.InvalidPayload,
    close_codes_1.CloseCode.MessageTooBig,
]);
/**
 * Owns the WebSocket endpoint on the application's HTTP server: takes the
 * `upgrade` so it can refuse with an HTTP status before the 101, registers each
 * connection with the hub, feeds text frames to the dispatcher, and shuts down
 * gracefully.
 */
let JsonRpcWsServer = class JsonRpcWsServer {
    constructor(options, adapterHost, authorizer, dispatcher, registry, hub, events, gate, instrumentation) {
        this.options = options;
        this.adapterHost = adapterHost;
        this.authorizer = authorizer;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.hub = hub;
        this.events = events;
        this.gate = gate;
        this.instrumentation = instrumentation;
        this.logger = new common_1.Logger('JsonRpcWs');
        this.closing = false;
        this.pendingUpgrades = 0;
        this.inFlight = 0;
        this.onUpgrade = (request, socket, head) => {
            const pathname = (request.url ?? '/').split('?', 1)[0];
            if (pathname !== this.options.path) {
                // Another listener (a Nest gateway, say) may own this path; answer only if nobody else can.
                if (this.httpServer?.listenerCount('upgrade') === 1)
                    (0, upgrade_refusal_1.refuseUpgrade)(socket, 404);
                return;
            }
            // Until the 101, a socket error must not become an uncaught exception.
            socket.on('error', ignore);
            if (this.closing)
                return (0, upgrade_refusal_1.refuseUpgrade)(socket, 503, 'Server shutting down');
            const { maxConnections } = this.options;
            if (maxConnections > 0 && this.registry.size + this.pendingUpgrades >= maxConnections) {
                this.instrumentation.sink.limitRejected('connections');
                return (0, upgrade_refusal_1.refuseUpgrade)(socket, 503, 'Too many connections');
            }
            this.pendingUpgrades++;
            void this.authorizer.authorize(request).then((verdict) => {
                this.pendingUpgrades--;
                if (!verdict.accepted)
                    return (0, upgrade_refusal_1.refuseUpgrade)(socket, verdict.status, verdict.message);
                if (socket.destroyed)
                    return;
                if (this.closing)
                    return (0, upgrade_refusal_1.refuseUpgrade)(socket, 503, 'Server shutting down');
                this.wss.handleUpgrade(request, socket, head, (ws) => {
                    socket.off('error', ignore);
                    this.onConnection(ws, request, verdict.identity);
                });
            });
        };
    }
    onApplicationBootstrap() {
        const httpServer = this.adapterHost.httpAdapter?.getHttpServer();
        if (!httpServer) {
            this.logger.warn('No HTTP server (application context?): the WebSocket endpoint is not served');
            return;
        }
        this.httpServer = httpServer;
        this.wss = new ws_1.WebSocketServer({
            noServer: true,
            maxPayload: this.options.maxPayload,
            // Compression costs CPU and memory per connection and invites zip bombs. Sessions
            // also write their own frames, which is only safe while `ws` never queues (no deflate).
            perMessageDeflate: false,
            clientTracking: false,
        });
        httpServer.on('upgrade', this.onUpgrade);
    }
    /**
     * Graceful shutdown: refuse new upgrades and requests, tell every client when
     * to come back, let in-flight requests finish, close with 1001, and wait for
     * `disconnected` listeners.
     */
    async beforeApplicationShutdown() {
        this.closing = true;
        this.dispatcher.startDraining();
        const [min, max] = this.options.reconnectAfterMs;
        for (const session of this.registry.all()) {
            const reconnectAfterMs = min + Math.floor(Math.random() * (max - min + 1));
            session.notify('session.shutdown', { reason: 'Server shutting down', reconnectAfterMs });
        }
        await this.drain(this.options.shutdownTimeoutMs);
        await Promise.all([...this.registry.all()].map((session) => this.closeForShutdown(session)));
        await this.events.settled();
    }
    onApplicationShutdown() {
        this.httpServer?.off('upgrade', this.onUpgrade);
        this.wss?.close();
    }
    onConnection(ws, request, identity) {
        const session = new jsonrpc_session_1.JsonRpcSession(ws, request.socket.remoteAddress, this.gate, request.socket);
        this.registry.add(session);
        ws.on('message', (data, isBinary) => this.onMessage(session, data, isBinary));
        ws.on('pong', () => (session.lastSeenAt = Date.now()));
        ws.on('error', (error) => this.logger.debug(`Connection ${session.id}: ${error.message}`));
        ws.once('close', (code) => this.onClose(session, code));
        this.events.emit('connected', { session });
        if (identity)
            this.loginOnConnect(session, identity);
    }
    /** An identity from the upgrade logs the connection in before any of its messages is read. */
    loginOnConnect(session, identity) {
        session.holdReading('login');
        this.hub.login(session, identity).then(() => session.releaseReading('login'), (error) => {
            // A refusing limit has already queued its ending (session.rejected, 4005).
            session.flushPendingEnding();
            if (error instanceof jsonrpc_error_1.JsonRpcError) {
                this.logger.warn(`Login at connection refused: ${error.message}`);
            }
            else {
                this.logger.error('Login at connection failed', error instanceof Error ? error.stack : String(error));
            }
            session.end({ code: close_codes_1.CloseCode.InternalError, reason: 'error' });
        });
    }
    onMessage(session, data, isBinary) {
        session.lastSeenAt = Date.now();
        if (isBinary) {
            session.end({
                code: close_codes_1.CloseCode.UnsupportedData,
                reason: 'protocol-error',
                message: 'Binary frames are not supported',
            });
            return;
        }
        // With the default binaryType a message is one Buffer, whose UTF-8 ws has already checked (else 1007).
        const text = data.toString();
        this.inFlight++;
        // Past the per-connection limit, stop reading: TCP backpressure then slows the client down.
        if (++session.inFlight === this.options.maxInFlightPerConnection)
            session.holdReading('in-flight');
        let pending;
        try {
            pending = this.dispatcher.dispatch(session, text);
        }
        catch (error) {
            return this.dispatchFailed(session, error);
        }
        if (!pending)
            return this.settle(session);
        pending.then(() => this.settle(session), (error) => this.dispatchFailed(session, error));
    }
    /** A bug of the dispatcher's own, not of a handler: logged, and the connection goes on. */
    dispatchFailed(session, error) {
        this.logger.error(`Dispatch failed on connection ${session.id}`, error instanceof Error ? error.stack : String(error));
        this.settle(session);
    }
    settle(session) {
        if (session.inFlight-- === this.options.maxInFlightPerConnection)
            session.releaseReading('in-flight');
        session.flushPendingEnding();
        if (--this.inFlight === 0)
            this.onDrained?.();
    }
    onClose(session, code) {
        if (!this.registry.remove(session))
            return;
        const reason = session.closeReason ?? (PROTOCOL_ERROR_CODES.has(code) ? 'protocol-error' : 'client');
        this.events.emit('disconnected', { session, reason, code });
    }
    drain(timeoutMs) {
        if (this.inFlight === 0)
            return Promise.resolve();
        return new Promise((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            this.onDrained = () => {
                clearTimeout(timer);
                resolve();
            };
        });
    }
    closeForShutdown(session) {
        const ws = session.socket;
        if (ws.readyState === ws_1.WebSocket.CLOSED)
            return Promise.resolve();
        return new Promise((resolve) => {
            ws.once('close', () => resolve());
            session.end({
                code: close_codes_1.CloseCode.GoingAway,
                reason: 'shutdown',
                message: 'Server shutting down',
            });
            // Also covers a session already ending for another reason: all are gone within the grace period.
            setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
        });
    }
};
exports.JsonRpcWsServer = JsonRpcWsServer;
exports.JsonRpcWsServer = JsonRpcWsServer = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object, core_1.HttpAdapterHost,
        upgrade_authorizer_1.UpgradeAuthorizer,
        rpc_dispatcher_service_1.RpcDispatcher,
        session_registry_1.SessionRegistry,
        hub_service_1.HubService,
        hub_events_1.HubEvents,
        outbound_gate_1.OutboundGate,
        rpc_instrumentation_1.RpcInstrumentation])
], JsonRpcWsServer);
function ignore() { }
//# sourceMappingURL=jsonrpc-ws.server.js.map