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

/**
 * Where a publication sits in its topic's stream: the second argument of a
 * notification listener, for topics the server keeps history of.
 */
export interface PublicationPosition {
  topic: string;
  /** Increases by one per publication of the topic, from 1. */
  offset: number;
  /** The stream's identity: a new epoch means its history was lost or reset. */
  epoch: string;
}

/** What started a recovery: a reconnect, a publication missing on a live connection, or `subscribe()` again. */
export type RecoveryCause = 'reconnect' | 'gap' | 'subscribe';

/**
 * The outcome of recovering a topic with history, emitted before the topic's
 * recovered (or newer) publications are delivered; after a reconnect, before
 * `connected`.
 */
export interface RecoveredEvent {
  topic: string;
  /**
   * True: every publication missed follows, once and in order. False: some may
   * be lost (history too short, reset, or gone): reload the topic's state.
   */
  recovered: boolean;
  /** How many missed publications follow (0 when not recovered). */
  publications: number;
  cause: RecoveryCause;
}

export interface ClientEvents {
  state: (state: ClientState, previous: ClientState) => void;
  connected: (event: { reconnected: boolean }) => void;
  disconnected: (event: DisconnectedEvent) => void;
  error: (error: unknown) => void;
  recovered: (event: RecoveredEvent) => void;
}
