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
exports.HubService = void 0;
const common_1 = require("@nestjs/common");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const jsonrpc_ws_options_resolver_1 = require("../options/jsonrpc-ws-options.resolver");
const close_codes_1 = require("../protocol/close-codes");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const jsonrpc_responses_1 = require("../protocol/jsonrpc.responses");
const prepared_text_1 = require("../protocol/prepared-text");
const rpc_instrumentation_1 = require("../instrumentation/rpc-instrumentation");
const hub_events_1 = require("./hub-events");
const hub_transport_interface_1 = require("./hub-transport.interface");
const local_delivery_1 = require("./local-delivery");
const outbound_gate_1 = require("./outbound-gate");
const session_registry_1 = require("./session-registry");
/**
 * Pushes to connections, users, topics and everyone; logs sessions in and out;
 * kicks; answers who is online. Inject it anywhere.
 */
let HubService = class HubService {
    constructor(options, registry, delivery, events, gate, transport, instrumentation) {
        this.options = options;
        this.registry = registry;
        this.delivery = delivery;
        this.events = events;
        this.gate = gate;
        this.transport = transport;
        this.instrumentation = instrumentation;
    }
    /** Sends `method` to one connection. Resolves to the number of connections reached (0 or 1). */
    pushToConnection(connectionId, method, params) {
        return this.push({ kind: 'connection', connectionId }, method, params);
    }
    /** Sends `method` to a user's connections: on one platform with `{ platform }`, else on all. */
    pushToUser(userId, method, params, options = {}) {
        return this.push({ kind: 'user', userId: String(userId), platform: options.platform }, method, params);
    }
    /** Sends `method` to every connection of a user, whatever the platform. */
    pushToUserAllPlatforms(userId, method, params) {
        return this.push({ kind: 'user', userId: String(userId) }, method, params);
    }
    /** Sends `method` to the subscribers of a topic. */
    pushToTopic(topic, method, params) {
        return this.push({ kind: 'topic', topic }, method, params);
    }
    /** Sends `method` to every logged-in connection (anonymous ones too with `includeAnonymous`). */
    broadcast(method, params, options = {}) {
        return this.push({ kind: 'broadcast', includeAnonymous: options.includeAnonymous ?? false }, method, params);
    }
    /** Sends `session.kicked { reason }` to a connection and closes it with 4004. */
    async kickConnection(connectionId, reason) {
        const target = { kind: 'connection', connectionId };
        if (this.delivery.kick(target, reason) > 0)
            return true;
        return (await this.transport.kick(target, reason)) > 0;
    }
    /** Kicks a user's connections (on one platform with `{ platform }`). Resolves to how many. */
    async kickUser(userId, reason, options = {}) {
        const target = { kind: 'user', userId: String(userId), platform: options.platform };
        return this.delivery.kick(target, reason) + (await this.transport.kick(target, reason));
    }
    /** Whether the user has a logged-in connection on any node. */
    async isOnline(userId) {
        const id = String(userId);
        return this.registry.hasUser(id) || (await this.transport.connectionsOf(id)).length > 0;
    }
    /** The user's logged-in connections on every node. */
    async getConnections(userId) {
        const id = String(userId);
        const local = this.registry.ofUser(id).map((session) => this.describe(session));
        return [...local, ...(await this.transport.connectionsOf(id))];
    }
    /** A connection of this node, by id. */
    getSession(connectionId) {
        return this.registry.get(connectionId);
    }
    stats() {
        return {
            nodeId: this.transport.nodeId,
            ...this.registry.counts(),
            droppedMessages: this.gate.droppedMessages,
            slowConsumerDisconnects: this.gate.slowConsumerDisconnects,
        };
    }
    /**
     * Logs a connection in. The new state is in place when the returned promise
     * resolves, so the client's next call already sees it. Applies the platform
     * policy (kicking older sessions, or refusing) and the per-user limit.
     * @throws JsonRpcError -32029 when a limit refuses the login (the connection then closes with 4005)
     */
    async login(session, identity) {
        const { userId, platform, expiresAt } = this.normalize(identity);
        const remote = await this.transport.connectionsOf(userId);
        // From here on everything is synchronous, so two logins on this node cannot interleave.
        if (!this.registry.get(session.id))
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.InvalidRequest, 'Connection closed');
        // Connections already ending (kicked a moment ago, say) no longer count.
        const local = this.registry
            .ofUser(userId)
            .filter((other) => other !== session && other.closeReason === undefined);
        const others = [...local.map((s) => this.describe(s)), ...remote];
        const samePlatform = others
            .filter((other) => other.platform === platform)
            .sort((a, b) => a.authenticatedAt - b.authenticatedAt);
        const excess = samePlatform.length - this.options.maxConnectionsPerPlatform + 1;
        if (excess > 0 && this.options.platformLimitPolicy === 'reject-new') {
            this.reject(session, 'platform', `Already logged in on ${platform}`, this.options.maxConnectionsPerPlatform);
        }
        const toKick = excess > 0 ? samePlatform.slice(0, excess) : [];
        const { maxConnectionsPerUser } = this.options;
        if (maxConnectionsPerUser > 0 && others.length - toKick.length >= maxConnectionsPerUser) {
            this.reject(session, 'user', 'Too many connections for this user', maxConnectionsPerUser);
        }
        for (const other of toKick)
            void this.kickConnection(other.connectionId, 'Logged in on another device');
        const wasLoggedIn = session.authenticated;
        if (wasLoggedIn)
            this.announceLogout(session);
        this.registry.bindUser(session, {
            userId,
            platform,
            expiresAt,
            user: identity.user ?? { userId, platform },
            authenticatedAt: Date.now(),
        });
        this.transport.announce({ type: 'login', connection: this.describe(session) });
        this.events.emit('authenticated', { session: session, userId, platform });
        return { userId, platform, expiresAt: expiresAt ?? null };
    }
    /** Makes a connection anonymous again (its anonymous timeout starts over). */
    logout(session) {
        if (!session.authenticated)
            return;
        this.announceLogout(session);
        this.registry.unbindUser(session);
    }
    /**
     * Subscribes a connection to topics (already held ones are kept).
     * Resolves to the topics now held among those asked for.
     * @throws JsonRpcError -32003 when `authorizeTopic` refuses one; nothing is subscribed then
     * @throws JsonRpcError -32029 past `maxTopicsPerConnection`
     */
    async subscribe(session, topics) {
        const fresh = [...new Set(topics)].filter((topic) => !session.topics.has(topic));
        const { authorizeTopic, maxTopicsPerConnection } = this.options;
        if (authorizeTopic) {
            const verdicts = await Promise.all(fresh.map(async (topic) => authorizeTopic(session, topic)));
            const refused = fresh.filter((_, index) => verdicts[index] !== true);
            if (refused.length > 0) {
                throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.Forbidden, 'Subscription not allowed', {
                    reason: 'Forbidden',
                    topics: refused,
                });
            }
        }
        if (session.topics.size + fresh.length > maxTopicsPerConnection) {
            this.instrumentation.sink.limitRejected('topics');
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.TooManyRequests, 'Too many subscriptions', {
                reason: 'TooManyRequests',
                maxTopicsPerConnection,
            });
        }
        const added = fresh.filter((topic) => this.registry.subscribe(session, topic));
        if (added.length > 0)
            this.events.emit('subscribed', { session, topics: added });
        return topics.filter((topic) => session.topics.has(topic));
    }
    /** Unsubscribes a connection from topics. Returns the topics it no longer holds among those asked for. */
    unsubscribe(session, topics) {
        const removed = [...new Set(topics)].filter((topic) => this.registry.unsubscribe(session, topic));
        if (removed.length > 0)
            this.events.emit('unsubscribed', { session, topics: removed });
        return topics.filter((topic) => !session.topics.has(topic));
    }
    /** Listens to connection events; returns a function that stops listening. */
    on(event, listener) {
        return this.events.on(event, listener);
    }
    async push(target, method, params) {
        // Serialised and framed once, whatever the number of recipients.
        const text = JSON.stringify((0, jsonrpc_responses_1.notification)(method, params));
        const message = prepared_text_1.PreparedText.fromText(text);
        let reached = this.delivery.deliver(target, message);
        if (target.kind !== 'connection' || reached === 0)
            reached += await this.transport.publish(target, text);
        this.instrumentation.sink.push(target.kind, reached, message.payload.length * reached);
        return reached;
    }
    reject(session, kind, reason, limit) {
        this.instrumentation.sink.limitRejected(kind);
        session.notify('session.rejected', { reason });
        session.endAfterReply({ code: close_codes_1.CloseCode.LoginRejected, reason: 'limit' });
        throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.TooManyRequests, reason, {
            reason: 'TooManyRequests',
            limit,
        });
    }
    announceLogout(session) {
        this.transport.announce({ type: 'logout', connectionId: session.id, userId: session.userId });
    }
    normalize(identity) {
        const rawId = identity?.userId;
        const userId = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : rawId;
        if (typeof userId !== 'string' || userId.length === 0 || userId.length > 256) {
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.Unauthorized, 'Invalid identity', {
                reason: 'Unauthorized',
            });
        }
        const platform = identity.platform ?? this.options.defaultPlatform;
        const allowed = this.options.platforms;
        if (typeof platform !== 'string' ||
            !jsonrpc_ws_options_resolver_1.PLATFORM_PATTERN.test(platform) ||
            (allowed && !allowed.includes(platform))) {
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.InvalidParams, 'Invalid platform', {
                reason: 'InvalidParams',
                ...(allowed ? { platforms: allowed } : {}),
            });
        }
        const rawExpiry = identity.expiresAt;
        const expiresAt = rawExpiry instanceof Date ? rawExpiry.getTime() : rawExpiry;
        return { userId, platform, expiresAt };
    }
    describe(session) {
        return {
            connectionId: session.id,
            userId: session.userId,
            platform: session.platform,
            nodeId: this.transport.nodeId,
            connectedAt: session.connectedAt,
            authenticatedAt: session.authenticatedAt,
        };
    }
};
exports.HubService = HubService;
exports.HubService = HubService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __param(5, (0, common_1.Inject)(hub_transport_interface_1.HUB_TRANSPORT)),
    __metadata("design:paramtypes", [Object, session_registry_1.SessionRegistry,
        local_delivery_1.LocalDelivery,
        hub_events_1.HubEvents,
        outbound_gate_1.OutboundGate, Object, rpc_instrumentation_1.RpcInstrumentation])
], HubService);
//# sourceMappingURL=hub.service.js.map