import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WebSocket } from 'ws';
import type { JsonRpcSession } from './jsonrpc-session';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { CloseCode } from '../protocol/close-codes';
import { SessionRegistry } from './session-registry';

/** A peer that misses its heartbeat is likely gone: its close handshake gets this long. */
const DEAD_PEER_GRACE_MS = 1000;

/**
 * Ends sessions whose time is up: anonymous too long, silent too long, or with
 * expired credentials. One sweep timer and one ping timer per node, not one per connection.
 */
@Injectable()
export class SessionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private sweepTimer?: NodeJS.Timeout;
  private pingTimer?: NodeJS.Timeout;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly registry: SessionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const { anonymousTimeoutMs, heartbeatTimeoutMs, pingIntervalMs } = this.options;
    const windows = [anonymousTimeoutMs, heartbeatTimeoutMs].filter((ms) => ms > 0);
    // Expiry needs a sweep even without timeouts; a quarter of the shortest window keeps overshoot small.
    const sweepEvery = Math.max(10, Math.min(1000, ...windows.map((ms) => Math.floor(ms / 4))));
    this.sweepTimer = setInterval(() => this.sweep(Date.now()), sweepEvery).unref();
    if (pingIntervalMs > 0) {
      this.pingTimer = setInterval(() => this.ping(), pingIntervalMs).unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
    clearInterval(this.pingTimer);
  }

  /** Checks every session against its deadlines at `now`. */
  sweep(now: number): void {
    const { anonymousTimeoutMs, heartbeatTimeoutMs } = this.options;
    for (const session of this.registry.all()) {
      if (session.closeReason !== undefined) continue;
      // An SSE client cannot answer: its stream ends when its HTTP connection closes.
      const silent = session.kind === 'websocket' && now - session.lastSeenAt >= heartbeatTimeoutMs;
      if (heartbeatTimeoutMs > 0 && silent) {
        session.end({
          code: CloseCode.HeartbeatTimeout,
          reason: 'heartbeat-timeout',
          terminateAfterMs: DEAD_PEER_GRACE_MS,
        });
      } else if (!session.authenticated) {
        if (anonymousTimeoutMs > 0 && now - session.anonymousSince >= anonymousTimeoutMs) {
          session.end({ code: CloseCode.AnonymousTimeout, reason: 'anonymous-timeout' });
        }
      } else if (session.expiresAt !== undefined && now >= session.expiresAt) {
        expire(session);
      }
    }
  }

  private ping(): void {
    for (const session of this.registry.all()) {
      if (session.kind === 'websocket' && session.socket.readyState === WebSocket.OPEN)
        session.socket.ping();
    }
  }
}

function expire(session: JsonRpcSession): void {
  session.end({
    code: CloseCode.TokenExpired,
    reason: 'token-expired',
    notice: { method: 'session.expired', params: { reason: 'Session expired, log in again' } },
  });
}
