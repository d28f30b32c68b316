import {
  ConnectionFailure,
  RpcAbortError,
  RpcConnectionError,
  RpcTimeoutError,
} from './client-errors';
import type { BatchCall, BatchResult } from './client-types';

/** One call of a message: its id and how to settle its promise. */
export interface OutgoingCall {
  id: number;
  method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
  /** Set once the call is settled (answered, timed out, aborted, failed). */
  done: boolean;
  /** Stops the call's timer and abort listener. */
  settle(): void;
}

/** A message to send: its text and the calls it carries (none for notifications). */
export interface Outgoing {
  frame: string;
  calls: OutgoingCall[];
  /** For a notification: resolves its promise once written. */
  sent?: () => void;
  /** For a notification: rejects its promise when it cannot be written. */
  failed?: (error: Error) => void;
}

export interface CallLimits {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called when a call of this message times out or is aborted: forget it wherever it waits. */
  onGiveUp(call: OutgoingCall): void;
}

/**
 * A call whose promise settles once: with its answer, or with a timeout or abort
 * error. The timer runs from now, queued time included.
 */
export function outgoingCall(
  id: number,
  method: string,
  resolve: (result: unknown) => void,
  reject: (error: Error) => void,
  limits: CallLimits,
): OutgoingCall {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = (error: Error) => {
    if (call.done) return;
    call.settle();
    limits.onGiveUp(call);
    reject(error);
  };
  const onAbort = () => giveUp(new RpcAbortError(method, limits.signal?.reason));
  const call: OutgoingCall = {
    id,
    method,
    done: false,
    resolve: (result) => {
      if (call.done) return;
      call.settle();
      resolve(result);
    },
    reject: (error) => {
      if (call.done) return;
      call.settle();
      reject(error);
    },
    settle: () => {
      call.done = true;
      if (timer !== undefined) clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
    },
  };
  if (limits.timeoutMs > 0) {
    timer = setTimeout(
      () => giveUp(new RpcTimeoutError(method, limits.timeoutMs)),
      limits.timeoutMs,
    );
  }
  limits.signal?.addEventListener('abort', onAbort, { once: true });
  return call;
}

/** The text of a request (with an id) or a notification (without). */
export function request(method: string, params: unknown, id?: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    method,
    ...(params === undefined ? {} : { params }),
    ...(id === undefined ? {} : { id }),
  });
}

/**
 * One message with several requests and notifications, and one settled result per
 * request (a notification has none), in order.
 */
export function batchOutgoing<T>(
  calls: BatchCall[],
  nextId: () => number,
  limits: CallLimits,
): { outgoing: Outgoing; results: Promise<BatchResult<T>[]> } {
  const requests: string[] = [];
  const settled: Promise<BatchResult<T>>[] = [];
  const outgoing: Outgoing = { frame: '', calls: [] };
  for (const { method, params, notify } of calls) {
    if (notify) {
      requests.push(request(method, params));
      continue;
    }
    const id = nextId();
    settled.push(
      new Promise<BatchResult<T>>((resolve) =>
        outgoing.calls.push(
          outgoingCall(
            id,
            method,
            (result) => resolve({ ok: true, result: result as T }),
            (error) => resolve({ ok: false, error }),
            limits,
          ),
        ),
      ),
    );
    requests.push(request(method, params, id));
  }
  outgoing.frame = requests.length > 0 ? `[${requests.join(',')}]` : '';
  return { outgoing, results: Promise.all(settled) };
}

/** A message that cannot be sent: its notification promise and every call of it fail with `reason`. */
export function failOutgoing(outgoing: Outgoing, reason: ConnectionFailure): void {
  outgoing.failed?.(new RpcConnectionError(outgoing.calls[0]?.method ?? 'notification', reason));
  for (const call of outgoing.calls) call.reject(new RpcConnectionError(call.method, reason));
}
