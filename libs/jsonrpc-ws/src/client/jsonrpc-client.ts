import { backoffDelay } from './backoff';
import { JsonRpcClientError, RpcConnectionError, RpcError, RpcTimeoutError } from './client-errors';
import {
  JsonRpcClientOptions,
  ResolvedClientOptions,
  resolveClientOptions,
  WebSocketLike,
} from './client-options';
import { Listeners } from './listeners';
import { Outgoing, OutgoingCall, outgoingCall } from './outgoing';
import { PendingCalls } from './pending-calls';

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

/** The browser's `online` event, where there is one (not in Node). */
const browserWindow = globalThis as unknown as {
  addEventListener?: (type: 'online', listener: () => void) => void;
  removeEventListener?: (type: 'online', listener: () => void) => void;
};

const LIFECYCLE = new Set<string>(['state', 'connected', 'disconnected', 'error']);
/** The client ended a socket it no longer trusts (connect or heartbeat timeout). */
const CLIENT_DROP = 4000;
const UNAUTHORIZED = -32001;
const METHOD_NOT_FOUND = -32601;

/**
 * A JSON-RPC 2.0 client for the library's endpoint, for browsers and Node:
 * promise calls with typed errors, server notifications, batches, and a
 * connection that comes back by itself (full-jitter backoff, log in again,
 * subscribe again, then the queued calls).
 */
export class JsonRpcClient {
  private readonly options: ResolvedClientOptions;
  private socket?: WebSocketLike;
  private current: ClientState = 'disconnected';
  private nextId = 1;
  private readonly pending = new PendingCalls();
  private queue: Outgoing[] = [];
  private readonly topics = new Set<string>();
  private readonly notifications: Listeners<[unknown]>;
  private readonly lifecycle: Listeners;
  private attempts = 0;
  private wasConnected = false;
  /** From `session.kicked`: the close that follows is final. */
  private kicked = false;
  /** From `session.shutdown`: when the server asks to be called back. */
  private requestedDelayMs?: number;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private heartbeatTimer?: ReturnType<typeof setInterval>;

  constructor(options: JsonRpcClientOptions) {
    this.options = resolveClientOptions(options);
    this.lifecycle = new Listeners((error) =>
      console.error('JsonRpcClient listener failed', error),
    );
    this.notifications = new Listeners((error) => this.lifecycle.emit('error', error));
    browserWindow.addEventListener?.('online', this.onOnline);
    if (this.options.autoConnect) this.connect();
  }

  get state(): ClientState {
    return this.current;
  }

  /** Connects (or reconnects at once, if waiting to); no-op while connecting or connected. */
  connect(): void {
    if (this.current === 'connecting' || this.current === 'connected') return;
    if (this.current === 'closed') browserWindow.addEventListener?.('online', this.onOnline);
    this.kicked = false;
    this.attempts = 0;
    this.open();
  }

  /** Closes for good: no reconnect; waiting and queued calls fail (`closed`). */
  close(): void {
    if (this.current === 'closed') return;
    browserWindow.removeEventListener?.('online', this.onOnline);
    clearTimeout(this.reconnectTimer);
    this.setState('closed');
    const socket = this.socket;
    if (socket) {
      this.detach(socket);
      socket.close(1000, 'Client closed');
    }
    this.pending.failAll('closed');
    this.failQueue('closed');
  }

  /** Calls `method`; resolves to its result, rejects with `RpcError` and the other client errors. */
  call<T = unknown>(method: string, params?: unknown, options: CallOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const call = outgoingCall(
        id,
        method,
        resolve as (v: unknown) => void,
        reject,
        this.limits(options),
      );
      this.submit({ frame: request(method, params, id), calls: [call] });
    });
  }

  /** Sends a notification (no answer); resolves once written (or queued and then written). */
  notify(method: string, params?: unknown): Promise<void> {
    return new Promise((resolve, reject) =>
      this.submit({ frame: request(method, params), calls: [], sent: resolve, failed: reject }),
    );
  }

  /** Sends several calls in one message; resolves to one result per call (not per notification), in order. */
  batch<T = unknown>(calls: BatchCall[], options: CallOptions = {}): Promise<BatchResult<T>[]> {
    const requests: string[] = [];
    const settled: Promise<BatchResult<T>>[] = [];
    const outgoing: Outgoing = { frame: '', calls: [] };
    for (const { method, params, notify } of calls) {
      if (notify) {
        requests.push(request(method, params));
        continue;
      }
      const id = this.nextId++;
      settled.push(
        new Promise<BatchResult<T>>((resolve) =>
          outgoing.calls.push(
            outgoingCall(
              id,
              method,
              (result) => resolve({ ok: true, result: result as T }),
              (error) => resolve({ ok: false, error }),
              this.limits(options),
            ),
          ),
        ),
      );
      requests.push(request(method, params, id));
    }
    outgoing.frame = `[${requests.join(',')}]`;
    if (requests.length > 0) this.submit(outgoing);
    return Promise.all(settled);
  }

  /** Subscribes to topics with the built-in `subscribe`; they are subscribed again after each reconnect. */
  async subscribe(topics: string[], options?: CallOptions): Promise<string[]> {
    const { subscribed } = await this.call<{ subscribed: string[] }>(
      'subscribe',
      { topics },
      options,
    );
    for (const topic of subscribed) this.topics.add(topic);
    return subscribed;
  }

  async unsubscribe(topics: string[], options?: CallOptions): Promise<string[]> {
    for (const topic of topics) this.topics.delete(topic);
    const { unsubscribed } = await this.call<{ unsubscribed: string[] }>(
      'unsubscribe',
      { topics },
      options,
    );
    return unsubscribed;
  }

  /** Listens to a server notification (`chat.message`, …) or a lifecycle event; returns `off`. */
  on<E extends keyof ClientEvents>(event: E, listener: ClientEvents[E]): () => void;
  on<TParams = unknown>(method: string, listener: (params: TParams) => void): () => void;
  on(name: string, listener: (...args: never[]) => void): () => void {
    const target = LIFECYCLE.has(name) ? this.lifecycle : this.notifications;
    return (target as Listeners<unknown[]>).on(name, listener as (...args: unknown[]) => void);
  }

  off(name: string, listener: (...args: never[]) => void): void {
    const target = LIFECYCLE.has(name) ? this.lifecycle : this.notifications;
    (target as Listeners<unknown[]>).off(name, listener as (...args: unknown[]) => void);
  }

  private limits(options: CallOptions) {
    return {
      timeoutMs: options.timeout ?? this.options.callTimeoutMs,
      signal: options.signal,
      onGiveUp: (call: OutgoingCall) => this.giveUp(call),
    };
  }

  /** Sends now when connected, else queues (or fails, by option). */
  private submit(outgoing: Outgoing): void {
    const fail = (reason: 'closed' | 'not-connected' | 'queue-full' | 'too-many-calls') => {
      const method = outgoing.calls[0]?.method ?? 'notification';
      outgoing.failed?.(new RpcConnectionError(method, reason));
      for (const call of outgoing.calls) call.reject(new RpcConnectionError(call.method, reason));
    };
    if (outgoing.calls.length > 0 && outgoing.calls.every((call) => call.done)) return;
    if (this.current === 'closed') return fail('closed');
    if (this.current === 'connected') {
      if (this.pending.size + outgoing.calls.length > this.options.maxPendingCalls)
        return fail('too-many-calls');
      return this.write(this.socket!, outgoing);
    }
    if (!this.options.queueWhileDisconnected) return fail('not-connected');
    if (this.queue.length >= this.options.maxQueuedCalls) return fail('queue-full');
    this.queue.push(outgoing);
  }

  private write(socket: WebSocketLike, outgoing: Outgoing): void {
    for (const call of outgoing.calls) this.pending.add(call);
    try {
      socket.send(outgoing.frame);
    } catch (error) {
      for (const call of outgoing.calls) {
        this.pending.forget(call);
        call.reject(new RpcConnectionError(call.method, 'connection-lost'));
      }
      outgoing.failed?.(error as Error);
      return;
    }
    outgoing.sent?.();
  }

  /** A call timed out or was aborted: it waits nowhere any more. */
  private giveUp(call: OutgoingCall): void {
    this.pending.forget(call);
    this.queue = this.queue.filter(
      (outgoing) => outgoing.calls.length === 0 || outgoing.calls.some((other) => !other.done),
    );
  }

  private failQueue(reason: 'closed'): void {
    const queued = this.queue;
    this.queue = [];
    for (const outgoing of queued) {
      outgoing.failed?.(new RpcConnectionError('notification', reason));
      for (const call of outgoing.calls) call.reject(new RpcConnectionError(call.method, reason));
    }
  }

  private open(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket(this.options.url, this.options.protocols);
    } catch (error) {
      this.lifecycle.emit('error', error);
      return this.lost(CLIENT_DROP, error instanceof Error ? error.message : 'Cannot connect');
    }
    this.socket = socket;
    this.connectTimer = setTimeout(
      () => this.drop(socket, 'Connect timeout'),
      this.options.connectTimeoutMs,
    );
    socket.onopen = () => void this.handshake(socket);
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onclose = (event) => {
      if (socket === this.socket) this.lost(event.code, event.reason);
    };
    socket.onerror = () => undefined; // a close event follows
  }

  /** Logs in and subscribes again before the connection counts as connected. */
  private async handshake(socket: WebSocketLike): Promise<void> {
    try {
      const token = await this.options.getToken?.();
      if (socket !== this.socket) return;
      if (token) {
        const params = this.options.platform
          ? { token, platform: this.options.platform }
          : { token };
        await this.direct(socket, 'login', params, this.options.connectTimeoutMs);
      }
      if (this.topics.size > 0)
        await this.direct(
          socket,
          'subscribe',
          { topics: [...this.topics] },
          this.options.connectTimeoutMs,
        );
    } catch (error) {
      if (socket !== this.socket) return;
      this.lifecycle.emit('error', error);
      // A refused token will be refused again: stop rather than loop.
      if (error instanceof RpcError && error.code === UNAUTHORIZED) this.kicked = true;
      return this.drop(socket, 'Handshake failed');
    }
    if (socket !== this.socket) return;
    clearTimeout(this.connectTimer);
    this.attempts = 0;
    this.setState('connected');
    this.lifecycle.emit('connected', { reconnected: this.wasConnected });
    this.wasConnected = true;
    this.startHeartbeat(socket);
    const queued = this.queue;
    this.queue = [];
    for (const outgoing of queued) this.submit(outgoing);
  }

  /** A call on this very socket, ahead of the queue (handshake, heartbeat). */
  private direct(socket: WebSocketLike, method: string, params: unknown, timeoutMs: number) {
    return new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      const call = outgoingCall(id, method, resolve, reject, this.limits({ timeout: timeoutMs }));
      this.write(socket, { frame: request(method, params, id), calls: [call] });
    });
  }

  private startHeartbeat(socket: WebSocketLike): void {
    const { heartbeatIntervalMs, heartbeatTimeoutMs } = this.options;
    if (heartbeatIntervalMs <= 0) return;
    this.heartbeatTimer = setInterval(() => {
      this.direct(socket, 'heartbeat', undefined, heartbeatTimeoutMs).catch((error: unknown) => {
        if (socket !== this.socket) return;
        if (error instanceof RpcTimeoutError) this.drop(socket, 'Heartbeat timeout');
        // A server without the built-in heartbeat: nothing to measure with.
        else if (error instanceof RpcError && error.code === METHOD_NOT_FOUND) this.stopHeartbeat();
      });
    }, heartbeatIntervalMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private receive(socket: WebSocketLike, data: unknown): void {
    if (socket !== this.socket || typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return this.lifecycle.emit(
        'error',
        new JsonRpcClientError('Unreadable message from the server'),
      );
    }
    for (const item of Array.isArray(message) ? (message as unknown[]) : [message])
      this.handle(item);
  }

  private handle(item: unknown): void {
    if (item === null || typeof item !== 'object') return;
    const message = item as { id?: unknown; method?: unknown; params?: unknown; error?: unknown };
    if (typeof message.method !== 'string') {
      if (!this.pending.answer(message) && message.error !== undefined)
        this.lifecycle.emit('error', message.error); // e.g. a message the server could not parse
      return;
    }
    const params = message.params as { reconnectAfterMs?: unknown } | undefined;
    if (message.method === 'session.kicked') this.kicked = true;
    if (message.method === 'session.shutdown' && typeof params?.reconnectAfterMs === 'number')
      this.requestedDelayMs = params.reconnectAfterMs;
    this.notifications.emit(message.method, message.params);
  }

  /** Ends a socket that is no longer trusted without waiting for its close event. */
  private drop(socket: WebSocketLike, reason: string): void {
    if (socket !== this.socket) return;
    this.detach(socket);
    try {
      socket.close(CLIENT_DROP, reason);
    } catch {
      // already closing
    }
    this.lost(CLIENT_DROP, reason);
  }

  private detach(socket: WebSocketLike): void {
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.onerror = () => undefined;
    if (socket === this.socket) this.socket = undefined;
    clearTimeout(this.connectTimer);
    this.stopHeartbeat();
  }

  /** The connection is gone: fail what was sent, then reconnect unless told not to. */
  private lost(code: number, reason: string): void {
    if (this.socket) this.detach(this.socket);
    this.pending.failAll('connection-lost');
    if (this.current === 'closed') return;
    const { reconnect, maxReconnectAttempts, terminalCloseCodes } = this.options;
    const exhausted = maxReconnectAttempts > 0 && this.attempts >= maxReconnectAttempts;
    if (!reconnect || this.kicked || terminalCloseCodes.includes(code) || exhausted) {
      this.setState('closed');
      browserWindow.removeEventListener?.('online', this.onOnline);
      this.lifecycle.emit('disconnected', { code, reason });
      return this.failQueue('closed');
    }
    const delay =
      this.requestedDelayMs ??
      backoffDelay(
        this.attempts,
        this.options.minReconnectDelayMs,
        this.options.maxReconnectDelayMs,
      );
    this.requestedDelayMs = undefined;
    this.attempts++;
    this.setState('disconnected');
    this.lifecycle.emit('disconnected', { code, reason, reconnectInMs: delay });
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  /** A browser back online: try now rather than at the end of the backoff. */
  private readonly onOnline = (): void => {
    if (this.current === 'disconnected' && this.reconnectTimer !== undefined) this.open();
  };

  private setState(state: ClientState): void {
    const previous = this.current;
    if (state === previous) return;
    this.current = state;
    this.lifecycle.emit('state', state, previous);
  }
}

function request(method: string, params: unknown, id?: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    method,
    ...(params === undefined ? {} : { params }),
    ...(id === undefined ? {} : { id }),
  });
}
