import { Injectable } from '@nestjs/common';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { LimitKind, RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { PLATFORM_PATTERN } from '../options/jsonrpc-ws-options.resolver';
import { CloseCode } from '../protocol/close-codes';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import type { ConnectionInfo, SessionIdentity } from '../session/session-identity';

/** An identity in the form the hub stores. */
export interface NormalizedIdentity {
  userId: string;
  platform: string;
  expiresAt?: number;
}

/**
 * Who may log in, and at whose expense: the identity's shape, the allowed
 * platforms, one session per platform (kick the oldest or refuse the newest) and
 * the per-user limit. It decides; `HubService` acts on the decision.
 */
@Injectable()
export class LoginPolicy {
  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly instrumentation: RpcInstrumentation,
  ) {}

  /**
   * @throws JsonRpcError -32001 for an invalid user id, -32602 for a platform not allowed
   */
  normalize(identity: SessionIdentity): NormalizedIdentity {
    const rawId = identity?.userId;
    const userId = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : rawId;
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > 256) {
      throw new JsonRpcError(JsonRpcErrorCode.Unauthorized, 'Invalid identity', {
        reason: 'Unauthorized',
      });
    }
    const platform = identity.platform ?? this.options.defaultPlatform;
    const allowed = this.options.platforms;
    if (
      typeof platform !== 'string' ||
      !PLATFORM_PATTERN.test(platform) ||
      (allowed && !allowed.includes(platform))
    ) {
      throw new JsonRpcError(JsonRpcErrorCode.InvalidParams, 'Invalid platform', {
        reason: 'InvalidParams',
        ...(allowed ? { platforms: allowed } : {}),
      });
    }
    const rawExpiry = identity.expiresAt;
    const expiresAt = rawExpiry instanceof Date ? rawExpiry.getTime() : rawExpiry;
    return { userId, platform, expiresAt };
  }

  /**
   * The connections to kick for `session` to log in on `platform`, given the user's
   * other live connections (on every node). Synchronous, so that the caller can
   * apply it before any other login on this node runs.
   * @throws JsonRpcError -32029 when a limit refuses the login (the connection then closes with 4005)
   */
  connectionsToKick(
    session: JsonRpcSession,
    platform: string,
    others: ConnectionInfo[],
  ): ConnectionInfo[] {
    const { maxConnectionsPerPlatform, maxConnectionsPerUser } = this.options;
    const samePlatform = others
      .filter((other) => other.platform === platform)
      .sort((a, b) => a.authenticatedAt - b.authenticatedAt);
    const excess = samePlatform.length - maxConnectionsPerPlatform + 1;
    if (excess > 0 && this.options.platformLimitPolicy === 'reject-new') {
      this.reject(
        session,
        'platform',
        `Already logged in on ${platform}`,
        maxConnectionsPerPlatform,
      );
    }
    const toKick = excess > 0 ? samePlatform.slice(0, excess) : [];
    if (maxConnectionsPerUser > 0 && others.length - toKick.length >= maxConnectionsPerUser) {
      this.reject(session, 'user', 'Too many connections for this user', maxConnectionsPerUser);
    }
    return toKick;
  }

  private reject(session: JsonRpcSession, kind: LimitKind, reason: string, limit: number): never {
    this.instrumentation.sink.limitRejected(kind);
    session.notify('session.rejected', { reason });
    session.endAfterReply({ code: CloseCode.LoginRejected, reason: 'limit' });
    throw new JsonRpcError(JsonRpcErrorCode.TooManyRequests, reason, {
      reason: 'TooManyRequests',
      limit,
    });
  }
}
