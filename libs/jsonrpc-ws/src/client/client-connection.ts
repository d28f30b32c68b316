import { backoffDelay } from './backoff';
import { JsonRpcClientError, RpcError, RpcTimeoutError } from './client-errors';
import type { ResolvedClientOptions, WebSocketLike } from './client-options';
import type { ClientState } from './client-types';
import type { Listeners } from './listeners';

/** The browser's `online` event, where there is one (not in Node). */
const browserWindow = globalThis as unknown as {
  addEventListener?: (type: 'online', listener: () => void) => void;
  removeEventListener?: (type: 'online', listener: () => void) => void;
};

/** The client ended a socket it no longer trusts (connect or heartbeat timeout). */
const CLIENT_DROP = 4000;
const UNAUTHORIZED = -32001;
const METHOD_NOT_FOUND = -32601;

/** What the connection asks of the client it serves. */
export interface ConnectionHooks {
  /** Runs on a fresh socket before it counts as connected: log in, subscribe again. */
  prepare(socket: WebSocketLike): Promise<void>;
  /** The socket is connected: send what waited. */
  ready(socket: WebSocketLike): void;
  /** One message from the server: a response or a notification. */
  receive(message: object): void;
  /** A heartbeat call on the socket, rejecting with `RpcTimeoutError` when unanswered. */
  heartbeat(socket: WebSocketLike): Promise<unknown>;
  /** The socket is gone: what was sent on it fails. */
  lost(): void;
  /** No reconnect follows: what waits fails. */
  ended(): void;
}

/**
 * The socket's lifecycle: open, prepare, connected, heartbeat, lost; then reconnect
 * with full-jitter backoff (or when the server or the browser says), or end.
 */
export class ClientConnection {
  socket?: WebSocketLike;
  private current: ClientState = 'disconnected';
  private attempts = 0;
  private wasConnected = false;
  /** From `session.kicked` or a refused token: the close that follows is final. */
  private final = false;
  /** From `session.shutdown`: when the server asks to be called back. */
  private requestedDelayMs?: number;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private heartbeatTimer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly options: ResolvedClientOptions,
    private readonly lifecycle: Listeners,
    private readonly hooks: ConnectionHooks,
  ) {}

  get state(): ClientState {
    return this.current;
  }

  connect(): void {
    if (this.current === 'connecting' || this.current === 'connected') return;
    browserWindow.addEventListener?.('online', this.onOnline);
    this.final = false;
    this.attempts = 0;
    this.open();
  }

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
  }

  /** What the server's session notifications mean for reconnecting. */
  notice(method: string, params: unknown): void {
    const delay = (params as { reconnectAfterMs?: unknown } | undefined)?.reconnectAfterMs;
    if (method === 'session.kicked') this.final = true;
    if (method === 'session.shutdown' && typeof delay === 'number') this.requestedDelayMs = delay;
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

  /** Prepares the socket (log in, subscribe) before it counts as connected. */
  private async handshake(socket: WebSocketLike): Promise<void> {
    try {
      await this.hooks.prepare(socket);
    } catch (error) {
      if (socket !== this.socket) return;
      this.lifecycle.emit('error', error);
      // A refused token will be refused again: stop rather than loop.
      if (error instanceof RpcError && error.code === UNAUTHORIZED) this.final = true;
      return this.drop(socket, 'Handshake failed');
    }
    if (socket !== this.socket) return;
    clearTimeout(this.connectTimer);
    this.attempts = 0;
    this.setState('connected');
    this.lifecycle.emit('connected', { reconnected: this.wasConnected });
    this.wasConnected = true;
    this.startHeartbeat(socket);
    this.hooks.ready(socket);
  }

  private startHeartbeat(socket: WebSocketLike): void {
    const { heartbeatIntervalMs } = this.options;
    if (heartbeatIntervalMs <= 0) return;
    this.heartbeatTimer = setInterval(() => {
      this.hooks.heartbeat(socket).catch((error: unknown) => {
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
    for (const item of Array.isArray(message) ? (message as unknown[]) : [message]) {
      if (item !== null && typeof item === 'object') this.hooks.receive(item);
    }
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
    this.hooks.lost();
    if (this.current === 'closed') return;
    const { reconnect, maxReconnectAttempts, terminalCloseCodes } = this.options;
    const exhausted = maxReconnectAttempts > 0 && this.attempts >= maxReconnectAttempts;
    if (!reconnect || this.final || terminalCloseCodes.includes(code) || exhausted) {
      this.setState('closed');
      browserWindow.removeEventListener?.('online', this.onOnline);
      this.lifecycle.emit('disconnected', { code, reason });
      return this.hooks.ended();
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
