import { ConnectionFailure, RpcConnectionError } from './client-errors';
import { ClientConnection } from './client-connection';
import { ClientSubscriptions } from './client-subscriptions';
import {
  JsonRpcClientOptions,
  ResolvedClientOptions,
  resolveClientOptions,
  WebSocketLike,
} from './client-options';
import { Listeners } from './listeners';
import {
  batchOutgoing,
  failOutgoing,
  Outgoing,
  OutgoingCall,
  outgoingCall,
  request,
} from './outgoing';
import type {
  BatchCall,
  BatchResult,
  CallOptions,
  ClientEvents,
  ClientState,
  PublicationPosition,
} from './client-types';
import { PendingCalls } from './pending-calls';

const LIFECYCLE = new Set<string>(['state', 'connected', 'disconnected', 'error', 'recovered']);
/**
 * A JSON-RPC 2.0 client for the library's endpoint, for browsers and Node:
 * promise calls with typed errors, server notifications, batches, and a
 * connection that comes back by itself (full-jitter backoff, log in again,
 * subscribe again and recover what topics with history published, then the queued calls).
 */
export class JsonRpcClient {
  private readonly options: ResolvedClientOptions;
  private nextId = 1;
  private readonly pending = new PendingCalls();
  private queue: Outgoing[] = [];
  private readonly subscriptions: ClientSubscriptions;
  private readonly notifications: Listeners<[unknown, PublicationPosition | undefined]>;
  private readonly lifecycle: Listeners;
  private readonly connection: ClientConnection;

  constructor(options: JsonRpcClientOptions) {
    this.options = resolveClientOptions(options);
    this.lifecycle = new Listeners((error) =>
      console.error('JsonRpcClient listener failed', error),
    );
    this.notifications = new Listeners((error) => this.lifecycle.emit('error', error));
    this.subscriptions = new ClientSubscriptions(this.notifications, this.lifecycle, {
      call: (method, params, options) => this.call(method, params, options),
      now: (method, params) => {
        const socket = this.connection.socket;
        if (!socket) return Promise.reject(new RpcConnectionError(method, 'connection-lost'));
        return this.direct(socket, method, params, this.options.callTimeoutMs);
      },
    });
    this.connection = new ClientConnection(this.options, this.lifecycle, {
      prepare: (socket) => this.prepare(socket),
      ready: () => this.flushQueue(),
      receive: (message) => this.handle(message),
      heartbeat: (socket) =>
        this.direct(socket, 'heartbeat', undefined, this.options.heartbeatTimeoutMs),
      lost: () => {
        this.subscriptions.lost();
        this.pending.failAll('connection-lost');
      },
      ended: () => this.failQueue('closed'),
    });
    if (this.options.autoConnect) this.connect();
  }

  get state(): ClientState {
    return this.connection.state;
  }

  /** Connects (or reconnects at once, if waiting to); no-op while connecting or connected. */
  connect(): void {
    this.connection.connect();
  }

  /** Closes for good: no reconnect; waiting and queued calls fail (`closed`). */
  close(): void {
    if (this.connection.state === 'closed') return;
    this.connection.close();
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
    const { outgoing, results } = batchOutgoing<T>(
      calls,
      () => this.nextId++,
      this.limits(options),
    );
    if (outgoing.frame) this.submit(outgoing);
    return results;
  }

  /**
   * Subscribes to topics with the built-in `subscribe`, again after each reconnect. On topics
   * with history what was missed comes first, each once, in order (see the `recovered` event).
   */
  subscribe(topics: string[], options?: CallOptions): Promise<string[]> {
    return this.subscriptions.subscribe(topics, options);
  }

  unsubscribe(topics: string[], options?: CallOptions): Promise<string[]> {
    return this.subscriptions.unsubscribe(topics, options);
  }

  /**
   * Listens to a server notification (`chat.message`, …) or a lifecycle event; returns `off`.
   * A publication of a topic with history also gives its position, as the second argument.
   */
  on<E extends keyof ClientEvents>(event: E, listener: ClientEvents[E]): () => void;
  on<TParams = unknown>(
    method: string,
    listener: (params: TParams, position?: PublicationPosition) => void,
  ): () => void;
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
    const fail = (reason: ConnectionFailure) => failOutgoing(outgoing, reason);
    if (outgoing.calls.length > 0 && outgoing.calls.every((call) => call.done)) return;
    if (this.state === 'closed') return fail('closed');
    if (this.state === 'connected') {
      if (this.pending.size + outgoing.calls.length > this.options.maxPendingCalls)
        return fail('too-many-calls');
      return this.write(this.connection.socket!, outgoing);
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
    for (const outgoing of queued) failOutgoing(outgoing, reason);
  }

  /** Logs in with `getToken()` and subscribes to the topics again, on a fresh socket. */
  private async prepare(socket: WebSocketLike): Promise<void> {
    const { getToken, platform, connectTimeoutMs } = this.options;
    const token = await getToken?.();
    if (token) {
      const params = platform ? { token, platform } : { token };
      await this.direct(socket, 'login', params, connectTimeoutMs);
    }
    await this.subscriptions.resubscribe((params) =>
      this.direct(socket, 'subscribe', params, connectTimeoutMs),
    );
  }

  private flushQueue(): void {
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

  private handle(item: object): void {
    const message = item as { id?: unknown; method?: unknown; params?: unknown; error?: unknown };
    if (typeof message.method !== 'string') {
      if (!this.pending.answer(message) && message.error !== undefined)
        this.lifecycle.emit('error', message.error); // e.g. a message the server could not parse
      return;
    }
    if (message.method === 'publication' && this.subscriptions.receive(message.params)) return;
    this.connection.notice(message.method, message.params);
    this.notifications.emit(message.method, message.params, undefined);
  }
}
