"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonRpcSession = void 0;
const crypto_1 = require("crypto");
const ws_1 = require("ws");
const jsonrpc_responses_1 = require("../protocol/jsonrpc.responses");
const prepared_text_1 = require("../protocol/prepared-text");
const ws_frame_1 = require("../protocol/ws-frame");
const tick_cork_1 = require("./tick-cork");
/**
 * One WebSocket connection and what the server knows about its caller.
 * Identity and topics change through `HubService` (login, logout, subscribe),
 * which keeps the hub's indexes in step; here they are read-only.
 */
class JsonRpcSession {
    constructor(
    /** The underlying `ws` socket. */
    socket, 
    /** Peer address as seen by the HTTP server. */
    remoteAddress, outbound, 
    /** The TCP socket under `socket`, whose 'drain' tells when a backlog has been written. */
    transport) {
        this.socket = socket;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.transport = transport;
        /** Unique id of this connection. */
        this.id = (0, crypto_1.randomUUID)();
        /** When the connection was accepted (ms since the epoch). */
        this.connectedAt = Date.now();
        /** Last time anything arrived from the client: a message or a pong. */
        this.lastSeenAt = this.connectedAt;
        /** Start of the current anonymous period (connect, or the last logout). */
        this.anonymousSince = this.connectedAt;
        /** Requests being handled right now. */
        this.inFlight = 0;
        this.corked = false;
        /** The tick of the last write (see tick-cork.ts). */
        this.lastWriteTick = 0;
    }
    get authenticated() {
        return this.identity !== undefined;
    }
    get userId() {
        return this.identity?.userId;
    }
    get platform() {
        return this.identity?.platform;
    }
    /** The logged-in user (`@RpcUser()`), or `undefined` while anonymous. */
    get user() {
        return this.identity?.user;
    }
    /** When the session's credentials expire (ms since the epoch), if they do. */
    get expiresAt() {
        return this.identity?.expiresAt;
    }
    get authenticatedAt() {
        return this.identity?.authenticatedAt;
    }
    /** Topics this connection is subscribed to. */
    get topics() {
        return this.subscriptions ?? EMPTY_SET;
    }
    /** Free-form per-connection state for the application (created on first use). */
    get data() {
        return (this.state ??= new Map());
    }
    get isOpen() {
        return this.socket.readyState === ws_1.WebSocket.OPEN;
    }
    /** Sends a server push (a JSON-RPC notification). Returns false when it was not sent. */
    notify(method, params) {
        return this.send(JSON.stringify((0, jsonrpc_responses_1.notification)(method, params)));
    }
    /**
     * Sends one serialised JSON text message (a push), within the outbound budget: a
     * client that does not read has its messages dropped or is disconnected, by policy.
     * A `PreparedText` is framed once for all the connections it goes to.
     */
    send(message) {
        if (!this.isOpen || !this.outbound.admit(this))
            return false;
        this.write(message);
        return true;
    }
    /**
     * Sends the reply to a request. A reply is never dropped (every request must be
     * answered): over budget, the client is disconnected or, with the `drop`
     * policy, not read from until its backlog has been written.
     */
    reply(frame) {
        if (!this.isOpen || !this.outbound.admitReply(this))
            return false;
        this.write(frame);
        return true;
    }
    /** @internal Writes what the socket held since the second write of the tick. */
    uncorkWrites() {
        if (!this.corked)
            return;
        this.corked = false;
        this.transport.uncork();
    }
    /** Stops reading requests until the socket's backlog has been written. */
    holdUntilDrained() {
        // 'drain' only comes after a write the socket could not take at once.
        if (!this.transport?.writableNeedDrain || this.readingHolds?.has('backlog'))
            return;
        this.holdReading('backlog');
        this.transport.once('drain', () => this.releaseReading('backlog'));
    }
    /** Pauses reading from the client for a reason (TCP backpressure then slows it down). */
    holdReading(reason) {
        const holds = (this.readingHolds ??= new Set());
        if (holds.size === 0)
            this.socket.pause();
        holds.add(reason);
    }
    /** Lifts one reason to pause; reading resumes when none is left. */
    releaseReading(reason) {
        const holds = this.readingHolds;
        if (!holds?.delete(reason) || holds.size > 0)
            return;
        this.socket.resume();
    }
    /** Ends the connection for a reason; later calls are ignored (the first reason wins). */
    end(ending) {
        if (this.closeReason !== undefined || this.socket.readyState >= ws_1.WebSocket.CLOSING)
            return;
        this.closeReason = ending.reason;
        if (ending.notice)
            this.notify(ending.notice.method, ending.notice.params);
        this.socket.close(ending.code, ending.message ?? ending.reason);
        if (ending.terminateAfterMs !== undefined) {
            setTimeout(() => this.socket.terminate(), ending.terminateAfterMs).unref();
        }
    }
    /** Ends the connection once the replies to the current message have been sent. */
    endAfterReply(ending) {
        this.pendingEnding ??= ending;
    }
    /** @internal Called by the server after replies are written. */
    flushPendingEnding() {
        const ending = this.pendingEnding;
        if (!ending)
            return;
        this.pendingEnding = undefined;
        this.end(ending);
    }
    /** @internal Written by the hub's registry only. */
    bindIdentity(identity) {
        this.identity = identity;
        if (!identity)
            this.anonymousSince = Date.now();
    }
    /** @internal Written by the hub's registry only. */
    topicSet() {
        return (this.subscriptions ??= new Set());
    }
    /**
     * Writes a text message. With the TCP socket at hand, the frame is built here and
     * written as one buffer: `ws` would frame it again and write header and payload
     * apart. That bypass is safe because compression is off, so `ws` never holds
     * messages back in a queue of its own that this write could overtake.
     */
    write(message) {
        const transport = this.transport;
        if (!transport) {
            this.socket.send(message instanceof prepared_text_1.PreparedText ? message.payload : message, TEXT_FRAME);
            return;
        }
        // A second write in the same tick corks the socket until the tick ends, so that
        // the rest of what this connection is sent in the tick leaves in one system call.
        const tick = (0, tick_cork_1.currentTick)();
        if (this.lastWriteTick === tick && !this.corked) {
            this.corked = true;
            transport.cork();
            (0, tick_cork_1.uncorkAtTickEnd)(this);
        }
        this.lastWriteTick = tick;
        if (typeof message === 'string')
            transport.write((0, ws_frame_1.textFrame)(message));
        else
            transport.write(message instanceof prepared_text_1.PreparedText ? message.frame : (0, ws_frame_1.textFrameOf)(message));
        // A large backlog is written now rather than held for the rest of the tick.
        if (transport.writableLength >= CORK_FLUSH_BYTES)
            this.uncorkWrites();
    }
}
exports.JsonRpcSession = JsonRpcSession;
const EMPTY_SET = new Set();
/** Past this many buffered bytes (a socket's default high-water mark), corked writes leave at once. */
const CORK_FLUSH_BYTES = 16 * 1024;
/** Shared options object: one less allocation per message. */
const TEXT_FRAME = { binary: false };
//# sourceMappingURL=jsonrpc-session.js.map