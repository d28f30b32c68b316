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
exports.SessionLifecycle = void 0;
const common_1 = require("@nestjs/common");
const ws_1 = require("ws");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const close_codes_1 = require("../protocol/close-codes");
const session_registry_1 = require("./session-registry");
/** A peer that misses its heartbeat is likely gone: its close handshake gets this long. */
const DEAD_PEER_GRACE_MS = 1000;
/**
 * Ends sessions whose time is up: anonymous too long, silent too long, or with
 * expired credentials. One sweep timer and one ping timer per node, not one per connection.
 */
let SessionLifecycle = class SessionLifecycle {
    constructor(options, registry) {
        this.options = options;
        this.registry = registry;
    }
    onApplicationBootstrap() {
        const { anonymousTimeoutMs, heartbeatTimeoutMs, pingIntervalMs } = this.options;
        const windows = [anonymousTimeoutMs, heartbeatTimeoutMs].filter((ms) => ms > 0);
        // Expiry needs a sweep even without timeouts; a quarter of the shortest window keeps overshoot small.
        const sweepEvery = Math.max(10, Math.min(1000, ...windows.map((ms) => Math.floor(ms / 4))));
        this.sweepTimer = setInterval(() => this.sweep(Date.now()), sweepEvery).unref();
        if (pingIntervalMs > 0) {
            this.pingTimer = setInterval(() => this.ping(), pingIntervalMs).unref();
        }
    }
    onApplicationShutdown() {
        clearInterval(this.sweepTimer);
        clearInterval(this.pingTimer);
    }
    /** Checks every session against its deadlines at `now`. */
    sweep(now) {
        const { anonymousTimeoutMs, heartbeatTimeoutMs } = this.options;
        for (const session of this.registry.all()) {
            if (session.closeReason !== undefined)
                continue;
            if (heartbeatTimeoutMs > 0 && now - session.lastSeenAt >= heartbeatTimeoutMs) {
                session.end({
                    code: close_codes_1.CloseCode.HeartbeatTimeout,
                    reason: 'heartbeat-timeout',
                    terminateAfterMs: DEAD_PEER_GRACE_MS,
                });
            }
            else if (!session.authenticated) {
                if (anonymousTimeoutMs > 0 && now - session.anonymousSince >= anonymousTimeoutMs) {
                    session.end({ code: close_codes_1.CloseCode.AnonymousTimeout, reason: 'anonymous-timeout' });
                }
            }
            else if (session.expiresAt !== undefined && now >= session.expiresAt) {
                expire(session);
            }
        }
    }
    ping() {
        for (const session of this.registry.all()) {
            if (session.socket.readyState === ws_1.WebSocket.OPEN)
                session.socket.ping();
        }
    }
};
exports.SessionLifecycle = SessionLifecycle;
exports.SessionLifecycle = SessionLifecycle = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object, session_registry_1.SessionRegistry])
], SessionLifecycle);
function expire(session) {
    session.end({
        code: close_codes_1.CloseCode.TokenExpired,
        reason: 'token-expired',
        notice: { method: 'session.expired', params: { reason: 'Session expired, log in again' } },
    });
}
//# sourceMappingURL=session-lifecycle.service.js.map