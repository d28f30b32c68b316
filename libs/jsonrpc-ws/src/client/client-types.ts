import type { JsonRpcClientError } from './client-errors';

/** `disconnected`: waiting to reconnect; `closed`: will not reconnect until `connect()`. */
export type ClientState = 'disconnected' | 'connecting' | 'connected' | 'closed';

export interface CallOptions {
  /** ms, queued time included; 0 = none. Defaults to `callTimeoutMs`. */
  timeout?: number;
  signal?: AbortSignal;
}

export interface BatchCall {
  method: string;
  params?: unknown;
  /** A notification: sent in the batch, no answer, no entry in the results. */
  notify?: boolean;
}

export type BatchResult<T = unknown> =
  { ok: true; result: T } | { ok: false; error: JsonRpcClientError };

export interface DisconnectedEvent {
  code: number;
  reason: string;
  /** Set when the client will reconnect, after this many ms. */
  reconnectInMs?: number;
}

export interface ClientEvents {
  state: (state: ClientState, previous: ClientState) => void;
  connected: (event: { reconnected: boolean }) => void;
  disconnected: (event: DisconnectedEvent) => void;
  error: (error: unknown) => void;
}
