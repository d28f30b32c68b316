/** What the client needs of a WebSocket: the browser's, or `ws` in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

/**
 * An event handler checked bivariantly, as methods are: so that the `WebSocket`
 * classes of browsers and of `ws`, whose handlers take richer event types, fit
 * without a cast.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

export interface JsonRpcClientOptions {
  /** The endpoint, e.g. `wss://api.example.com/ws`. */
  url: string;
  /** The WebSocket class: the global one by default (browsers, Node ≥ 22); pass `ws`'s in older Node. */
  WebSocket?: WebSocketConstructor;
  /** WebSocket subprotocols to offer. */
  protocols?: string | string[];
  /** Connect when constructed. @default true */
  autoConnect?: boolean;
  /**
   * Gives the token to log in with after every (re)connect, before queued calls
   * go out; called again on each connect, so a token that expired is replaced.
   * Nothing (undefined/null) = stay anonymous.
   */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** The platform sent with the token (`login { token, platform }`). */
  platform?: string;
  /** Reconnect after a connection is lost. @default true */
  reconnect?: boolean;
  /** Backoff of the first reconnect, ms; doubles per attempt, with full jitter. @default 500 */
  minReconnectDelayMs?: number;
  /** Longest backoff, ms. @default 20000 */
  maxReconnectDelayMs?: number;
  /** Attempts in a row before giving up (state `closed`); 0 = never give up. @default 0 */
  maxReconnectAttempts?: number;
  /** Close codes after which the client does not reconnect. @default [1003, 1008, 4004, 4005, 4029] */
  terminalCloseCodes?: number[];
  /** Default timeout of a call, ms, queued time included; 0 = none. @default 30000 */
  callTimeoutMs?: number;
  /** Calls made while not connected wait for the connection (true) or fail at once. @default true */
  queueWhileDisconnected?: boolean;
  /** Calls that may wait for the connection; past it they fail (`queue-full`). @default 100 */
  maxQueuedCalls?: number;
  /** Calls awaiting an answer at once; past it they fail (`too-many-calls`). @default 1000 */
  maxPendingCalls?: number;
  /** Time to open the socket and log in before trying again, ms. @default 10000 */
  connectTimeoutMs?: number;
  /**
   * Interval of the `heartbeat` call that detects dead connections (browsers cannot
   * see WebSocket pings), ms; 0 = off. @default 25000
   */
  heartbeatIntervalMs?: number;
  /** How long a heartbeat may take before the connection counts as dead, ms. @default 10000 */
  heartbeatTimeoutMs?: number;
}

export type ResolvedClientOptions = Required<
  Omit<JsonRpcClientOptions, 'getToken' | 'platform' | 'protocols' | 'WebSocket'>
> &
  Pick<JsonRpcClientOptions, 'getToken' | 'platform' | 'protocols'> & {
    WebSocket: WebSocketConstructor;
  };

export const CLIENT_DEFAULTS = {
  autoConnect: true,
  reconnect: true,
  minReconnectDelayMs: 500,
  maxReconnectDelayMs: 20_000,
  maxReconnectAttempts: 0,
  terminalCloseCodes: [1003, 1008, 4004, 4005, 4029],
  callTimeoutMs: 30_000,
  queueWhileDisconnected: true,
  maxQueuedCalls: 100,
  maxPendingCalls: 1000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 25_000,
  heartbeatTimeoutMs: 10_000,
};

export function resolveClientOptions(options: JsonRpcClientOptions): ResolvedClientOptions {
  const WebSocket =
    options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WebSocket) {
    throw new TypeError(
      "JsonRpcClient: no global WebSocket here (Node < 22): pass { WebSocket } from the 'ws' package",
    );
  }
  if (typeof options.url !== 'string') throw new TypeError('JsonRpcClient: url is required');
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as JsonRpcClientOptions;
  return { ...CLIENT_DEFAULTS, ...defined, WebSocket };
}
