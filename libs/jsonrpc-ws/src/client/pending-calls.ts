import { RpcConnectionError, RpcError } from './client-errors';
import type { OutgoingCall } from './outgoing';

/** Calls sent and awaiting their answer, by id. */
export class PendingCalls {
  private readonly calls = new Map<number, OutgoingCall>();

  get size(): number {
    return this.calls.size;
  }

  add(call: OutgoingCall): void {
    if (!call.done) this.calls.set(call.id, call);
  }

  /** Forgets a call (timed out, aborted): a late answer is then ignored. */
  forget(call: OutgoingCall): void {
    this.calls.delete(call.id);
  }

  /** Settles the call a response is for; false when none is waiting for it. */
  answer(response: { id?: unknown; result?: unknown; error?: unknown }): boolean {
    const call = typeof response.id === 'number' ? this.calls.get(response.id) : undefined;
    if (!call) return false;
    this.calls.delete(call.id);
    if (response.error !== undefined) call.reject(toRpcError(response.error));
    else call.resolve(response.result);
    return true;
  }

  /** The connection is gone: every waiting call fails (none is sent again: it may have run). */
  failAll(reason: 'connection-lost' | 'closed'): void {
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const call of calls) call.reject(new RpcConnectionError(call.method, reason));
  }
}

/** The `error` member of a response as an `RpcError`, whatever its shape. */
export function toRpcError(error: unknown): RpcError {
  const { code, message, data } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    data?: unknown;
  };
  return new RpcError(
    typeof code === 'number' ? code : -32603,
    typeof message === 'string' ? message : 'Error',
    data,
  );
}
