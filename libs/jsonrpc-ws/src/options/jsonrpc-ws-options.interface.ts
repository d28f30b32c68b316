import type { IncomingMessage } from 'http';

/**
 * Decides whether an HTTP upgrade may become a WebSocket connection, before the 101.
 * - return `false` to refuse with 401;
 * - return `undefined`, `null` or `true` to accept an anonymous connection;
 * - return anything else to accept it as that user (`session.user`, `@RpcUser()`);
 * - throw an `HttpException` to refuse with its status (403, 429, 503, …).
 */
export type UpgradeAuthenticator = (request: IncomingMessage) => unknown;

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
   * Browser origins allowed to connect; others are refused with 403 before the upgrade.
   * @default 'same-origin'
   */
  allowedOrigins?: AllowedOrigins;
  /**
   * Authenticates the HTTP upgrade request (headers, cookies, query string).
   * @default undefined (every connection starts anonymous)
   */
  authenticate?: UpgradeAuthenticator;
}

/** Options after defaults are applied and values checked. */
export interface ResolvedJsonRpcWsOptions {
  path: string;
  maxPayload: number;
  maxBatchSize: number;
  maxParamsDepth: number;
  allowedOrigins: AllowedOrigins;
  authenticate?: UpgradeAuthenticator;
}
