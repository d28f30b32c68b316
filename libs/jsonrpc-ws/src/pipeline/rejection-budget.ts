import { CloseCode } from '../protocol/close-codes';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { RejectionCounter } from './rejection-counter';

/**
 * Each connection's refusals before any handler (option `maxRejections` within
 * `rejectionWindowMs`): past the limit the connection is closed with 4029, once
 * the reply to the message at hand has been sent.
 */
export class RejectionBudget {
  private readonly counters = new WeakMap<JsonRpcSession, RejectionCounter>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one refusal of `session`'s; a limit of 0 counts nothing. */
  spend(session: JsonRpcSession): void {
    if (this.limit === 0) return;
    let counter = this.counters.get(session);
    if (!counter)
      this.counters.set(session, (counter = new RejectionCounter(this.limit, this.windowMs)));
    if (counter.add(Date.now())) {
      session.endAfterReply({
        code: CloseCode.TooManyRejections,
        reason: 'too-many-rejections',
        message: 'Too many rejected requests',
      });
    }
  }
}
