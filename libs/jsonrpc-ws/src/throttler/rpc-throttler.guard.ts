import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { getJsonRpcContext, isJsonRpcContext } from '../pipeline/jsonrpc-context';
import type { JsonRpcContext } from '../pipeline/jsonrpc-context';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import type { JsonRpcSession } from '../session/jsonrpc-session';

/**
 * What the throttler reads of an RPC call where it expects an HTTP request: the
 * peer address, the logged-in user and the call itself. `options.getTracker`
 * functions of ThrottlerModule receive it too.
 */
export interface RpcThrottlerRequest {
  readonly ip: string;
  readonly ips: string[];
  readonly headers: Record<string, string | undefined>;
  readonly user: unknown;
  readonly rpc: JsonRpcContext;
}

/** Rate-limit headers have nowhere to go on a WebSocket: the error's data says when to retry. */
const NO_HEADERS = { header: (): void => undefined };
const RPC_REQUESTS = new WeakSet<object>();

/**
 * `ThrottlerGuard` for apps with HTTP routes and RPC calls: register it where the
 * throttler's documentation registers `ThrottlerGuard` (`APP_GUARD`, `@UseGuards`).
 * HTTP requests are throttled exactly as by `ThrottlerGuard`; RPC calls in buckets
 * of their own per method: the user's once logged in (all their connections
 * together), else the connection's. Past the limit a call answers -32029 with
 * `data.retryAfterMs`. `@Throttle()` and `@SkipThrottle()` work on RPC methods.
 */
@Injectable()
export class RpcThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    if (!isJsonRpcContext(context)) return super.getRequestResponse(context);
    const rpc = getJsonRpcContext(context);
    const req: RpcThrottlerRequest = {
      ip: rpc.session.remoteAddress ?? '',
      ips: [],
      headers: {},
      user: rpc.session.user,
      rpc,
    };
    RPC_REQUESTS.add(req);
    return { req: req as unknown as Record<string, unknown>, res: NO_HEADERS };
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    if (!RPC_REQUESTS.has(req)) return super.getTracker(req);
    return Promise.resolve(this.getRpcTracker((req as unknown as RpcThrottlerRequest).rpc.session));
  }

  /** Whose bucket an RPC call counts in; override to choose another (e.g. the peer address). */
  protected getRpcTracker(session: JsonRpcSession): string | Promise<string> {
    return session.userId !== undefined ? `user:${session.userId}` : `connection:${session.id}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    if (!isJsonRpcContext(context)) return super.throwThrottlingException(context, detail);
    throw new JsonRpcError(
      JsonRpcErrorCode.TooManyRequests,
      await this.getErrorMessage(context, detail),
      { reason: 'TooManyRequests', retryAfterMs: detail.timeToBlockExpire * 1000 },
    );
  }
}
