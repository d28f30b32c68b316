// Long file: every option with its documentation in one interface, the reference users read
// in their editor; the resolved form at the end mirrors it field for field.
import type { IncomingMessage } from 'http';
import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import type { HubTransport } from '../hub/hub-transport.interface';
import type { JsonRpcWsHistoryOptions, ResolvedHistoryOptions } from '../history/history-options';
import type { JsonRpcWsClusterOptions } from '../cluster/cluster-options';
import type { SlowConsumerPolicy } from '../session/outbound-gate';
import type { RateLimitStore } from '../rate-limit/rate-limit-store.interface';
import type { SessionIdentity } from '../session/session-identity';
import type { JsonRpcWsOpenRpcOptions } from '../openrpc/openrpc-options';

/**
 * Decides whether an HTTP upgrade may become a WebSocket connection, before the 101.
 * - return `false` to refuse with 401;
 * - return `undefined`, `null` or `true` to accept an anonymous connection;
 * - return a `SessionIdentity` (`{ userId, platform?, expiresAt?, user? }`) to accept
 *   it logged in, as if it had called `login`;
 * - throw an `HttpException` to refuse with its status (403, 429, 503, …).
 */
export type UpgradeAuthenticator = (
  request: IncomingMessage,
) =>
  | SessionIdentity
  | boolean
  | null
  | undefined
  | Promise<SessionIdentity | boolean | null | undefined>;

/**
 * Checks the token of the built-in `login` method and says who it belongs to.
 * Throw (or return a falsy value) to refuse: the call answers -32001.
 */
export type TokenVerifier = (
  token: string,
  context: { session: JsonRpcSession; platform?: string },
) =>
  SessionIdentity | null | undefined | false | Promise<SessionIdentity | null | undefined | false>;

/** Decides whether a session may subscribe to a topic. */
export type TopicAuthorizer = (
  session: JsonRpcSession,
  topic: string,
) => boolean | Promise<boolean>;

/** What happens to an extra login of a user on a platform that is full. */
export type PlatformLimitPolicy = 'kick-oldest' | 'reject-new';

/** Built-in methods; each can be turned off (and replaced by a method of your own). */
export interface BuiltInMethods {
  /** `heartbeat` → `{ status: 'ok', serverTime }`. @default true */
  heartbeat?: boolean;
  /** `login { token, platform? }` and `logout`; served only when `verifyToken` is set. @default true */
  login?: boolean;
  /** `subscribe { topics }` and `unsubscribe { topics }`. @default true */
  subscribe?: boolean;
  /** `rpc.discover` → the OpenRPC document of every method (see the `openrpc` option). @default true */
  discover?: boolean;
}

/**
 * Which browser origins may open a connection. Clients that send no `Origin`
 * header (servers, CLIs, mobile apps) are not browsers and are always let through:
 * the check exists to stop other web pages from using a visitor's cookies.
 * - `'same-origin'`: the origin's host must equal the request's `Host`;
 * - `'*'`: any origin;
 * - a list of exact origins such as `'https://app.example.com'`;
 * - a function returning whether the origin is allowed.
 */
export type AllowedOrigins =
  'same-origin' | '*' | string[] | ((origin: string, request: IncomingMessage) => boolean);

/** The module-wide rate limit: a token bucket per caller per method. */
export interface RateLimitOptions {
  /** Calls per `windowMs` per caller per method; 0 = unlimited. @default 100 */
  limit?: number;
  /** @default 1000 */
  windowMs?: number;
  /** Calls allowed at once after a quiet period. @default limit */
  burst?: number;
  /** Whose calls share a bucket: each connection, each user (anonymous: connection), or each IP. @default 'connection' */
  by?: 'connection' | 'user' | 'ip';
  /** Rules by method name; they override `@RateLimit()` decorators. `0` = unlimited. */
  methods?: Record<string, RateLimitRule | 0>;
  /**
   * Whose calls share a bucket, when `by` is not enough: a key per call (a tenant,
   * an API key). Buckets of such keys expire once full again, not when a connection closes.
   *
   * @example
   * key: (session) => String(session.data.get('tenantId') ?? session.id)
   */
  key?: RateLimitKey;
  /**
   * Where buckets live. @default an `InMemoryRateLimitStore` (one node). Give a shared
   * store for limits that hold across nodes; `RATE_LIMIT_STORE` injects the one in use.
   */
  store?: RateLimitStore;
}

/** Names the bucket a call takes from (see `RateLimitOptions.key`). */
export type RateLimitKey = (session: JsonRpcSession, method: string) => string;

export interface ResolvedRateLimitOptions {
  limit: number;
  windowMs: number;
  burst?: number;
  by: 'connection' | 'user' | 'ip';
  methods: Record<string, RateLimitRule>;
  key?: RateLimitKey;
  store?: RateLimitStore;
}

/** Options of `JsonRpcWsModule.forRoot()` / `forRootAsync()`. */
export interface JsonRpcWsModuleOptions {
  /**
   * URL path of the WebSocket endpoint, served on the application's HTTP port.
   * @default '/ws'
   */
  path?: string;
  /**
   * Largest frame in bytes a client may send; a larger one closes its connection with 1009.
   * @default 1048576 (1 MiB)
   */
  maxPayload?: number;
  /**
   * Most requests one batch may hold; a larger batch is answered with a single -32600.
   * @default 100
   */
  maxBatchSize?: number;
  /**
   * Deepest nesting of arrays and objects inside `params`; deeper params get -32602.
   * @default 32
   */
  maxParamsDepth?: number;
  /**
   * Most values (object keys and array elements, counted at every level) `params` may
   * hold; more get -32602 before any guard or pipe runs. Validation costs about 2 µs per
   * value, so this bounds what one message can cost. @default 100000
   */
  maxParamsNodes?: number;
  /**
   * Most keys any one object inside `params` may have; more get -32602. class-transformer's
   * cost per object grows with the square of its keys (100,000 keys: 24 s). @default 1000
   */
  maxParamsKeys?: number;
  /**
   * Browser origins allowed to connect; others are refused with 403 before the upgrade.
   * @default 'same-origin'
   */
  allowedOrigins?: AllowedOrigins;
  /**
   * Authenticates the HTTP upgrade request (headers, cookies, query string).
   * @default undefined (every connection starts anonymous)
   */
  authenticate?: UpgradeAuthenticator;

  /**
   * Verifies the token of the built-in `login` method (a JWT, an opaque session id, …).
   * @default undefined (no `login` method)
   */
  verifyToken?: TokenVerifier;
  /**
   * Bearer token of the admin HTTP API (`forRoot({ adminApi: true })`), at least 16
   * characters; without it the API answers 404. Usually read from the environment.
   * @default undefined
   */
  adminToken?: string;
  /** Built-in methods to serve. @default all on */
  builtInMethods?: BuiltInMethods;
  /**
   * What `rpc.discover`'s OpenRPC document says beyond the methods: title and version,
   * servers, the notifications the application sends, and whether it is public.
   * @example openrpc: { notifications: [{ name: 'chat.message', params: ChatMessageDto }] }
   * @default undefined (title and version from ./package.json, no app notifications, public)
   */
  openrpc?: JsonRpcWsOpenRpcOptions;

  /**
   * Connections this node accepts; more are refused with HTTP 503 at the upgrade. 0 = no limit.
   * @default 10000
   */
  maxConnections?: number;
  /**
   * Logged-in connections one user may hold across platforms; a login beyond is refused
   * with -32029, `session.rejected` and close 4005. 0 = no limit.
   * @default 10
   */
  maxConnectionsPerUser?: number;
  /**
   * Connections one user may hold on one platform. With the default 1 and
   * `kick-oldest`, a second login on the same platform kicks the first (single-device login).
   * @default 1
   */
  maxConnectionsPerPlatform?: number;
  /** What a login beyond `maxConnectionsPerPlatform` does. @default 'kick-oldest' */
  platformLimitPolicy?: PlatformLimitPolicy;
  /** Platform of a login that names none. @default 'default' */
  defaultPlatform?: string;
  /** Platforms a login may name; any short name (letters, digits, `._-`) when unset. @default undefined */
  platforms?: string[];

  /**
   * A connection not logged in after this long is closed with 4001. 0 = never. Set it
   * when connections log in through a method of your own (`HubService.login()`).
   * @default 30000 with `verifyToken` or `authenticate`, else 0 (nothing to log in with)
   */
  anonymousTimeoutMs?: number;
  /**
   * A connection the server has heard nothing from (no message, no pong) for this long
   * is closed with 4002. 0 = never.
   * @default 60000
   */
  heartbeatTimeoutMs?: number;
  /** Interval of WebSocket pings, so live but idle clients answer with pongs. 0 = no pings. @default 25000 */
  pingIntervalMs?: number;

  /** Who may subscribe to what; everyone to everything when unset. @default undefined */
  authorizeTopic?: TopicAuthorizer;
  /** Whether `subscribe` needs a logged-in session. @default true */
  subscribeRequiresLogin?: boolean;
  /** Topics one connection may hold. @default 100 */
  maxTopicsPerConnection?: number;

  /**
   * Bytes the server may hold for one client that does not read; past it
   * `slowConsumerPolicy` applies.
   * @default 1048576 (1 MiB)
   */
  maxBufferedBytes?: number;
  /** Disconnect a slow client (close 4006) or drop messages to it. @default 'disconnect' */
  slowConsumerPolicy?: SlowConsumerPolicy;
  /** Requests of one connection handled at once; reading pauses beyond. @default 64 */
  maxInFlightPerConnection?: number;
  /**
   * Requests of one connection refused before any handler runs (rate-limited, unparsable,
   * invalid, unknown method, params over a limit) that close it with 4029 when reached
   * within `rejectionWindowMs`: a client that ignores its errors is cut off. 0 never closes.
   * @default 100
   */
  maxRejections?: number;
  /** @default 10000 */
  rejectionWindowMs?: number;

  /**
   * Rate limit of every RPC method, per connection and method by default; `false` turns it off.
   * @default { limit: 100, windowMs: 1000, by: 'connection' }
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * How pushes, kicks and presence reach other nodes. @default an `InMemoryHubTransport`
   * (a single node). `HUB_TRANSPORT` injects the one in use.
   */
  transport?: HubTransport;
  /**
   * Several nodes as one through Redis (`ioredis`, an optional peer dependency):
   * pushes, kicks, presence and limits hold for the whole cluster.
   * @example cluster: { redis: { url: 'redis://127.0.0.1:6379' } }
   * @default undefined (a single node)
   */
  cluster?: JsonRpcWsClusterOptions;
  /**
   * Topics that keep their last publications, so that a subscriber coming back
   * gets exactly what it missed (`subscribe { topic, since }`): in memory on one
   * node, in Redis Streams in the cluster.
   * @example history: { topics: { 'room:*': { size: 100, ttlMs: 600_000 } } }
   * @default undefined (no topic keeps history)
   */
  history?: JsonRpcWsHistoryOptions;

  /**
   * One log line per call to a registered method (guard refusals included), written
   * by the dispatcher through Nest's Logger (context `JsonRpc`) at this level, errors
   * as warnings. Cheaper than `RpcLoggingInterceptor`, which pays for Nest's
   * interceptor machinery on every call. `false` = off.
   * @default false
   */
  logCalls?: boolean | 'log' | 'debug' | 'verbose';
  /**
   * Handlers whose enhancers are guards, interceptors and pipes run without Nest's
   * promise-per-step runner, with the same enhancers in the same order (see the
   * README's "How a call runs"). `false` sends every call through Nest's own
   * `ExternalContextCreator` pipeline: slower, for telling a difference of the fast
   * path from one of the application.
   * @default true
   */
  fastPipeline?: boolean;

  /** On shutdown, how long in-flight requests may take to finish. @default 10000 */
  shutdownTimeoutMs?: number;
  /**
   * Range of the `reconnectAfterMs` each client gets in `session.shutdown`, picked
   * at random per client so they do not all reconnect at once.
   * @default [1000, 5000]
   */
  reconnectAfterMs?: [number, number];
}

/** Options after defaults are applied and values checked. */
export interface ResolvedJsonRpcWsOptions {
  path: string;
  maxPayload: number;
  maxBatchSize: number;
  maxParamsDepth: number;
  maxParamsNodes: number;
  maxParamsKeys: number;
  allowedOrigins: AllowedOrigins;
  authenticate?: UpgradeAuthenticator;
  verifyToken?: TokenVerifier;
  adminToken?: string;
  builtInMethods: Required<BuiltInMethods>;
  openrpc?: JsonRpcWsOpenRpcOptions;
  maxConnections: number;
  maxConnectionsPerUser: number;
  maxConnectionsPerPlatform: number;
  platformLimitPolicy: PlatformLimitPolicy;
  defaultPlatform: string;
  platforms?: string[];
  anonymousTimeoutMs: number;
  heartbeatTimeoutMs: number;
  pingIntervalMs: number;
  authorizeTopic?: TopicAuthorizer;
  subscribeRequiresLogin: boolean;
  maxTopicsPerConnection: number;
  maxBufferedBytes: number;
  slowConsumerPolicy: SlowConsumerPolicy;
  maxInFlightPerConnection: number;
  maxRejections: number;
  rejectionWindowMs: number;
  rateLimit: ResolvedRateLimitOptions | false;
  transport?: HubTransport;
  cluster?: JsonRpcWsClusterOptions;
  history: ResolvedHistoryOptions;
  logCalls: false | 'log' | 'debug' | 'verbose';
  fastPipeline?: boolean;
  shutdownTimeoutMs: number;
  reconnectAfterMs: [number, number];
}
