/**
 * Who a connection belongs to once logged in: returned by `authenticate` (on the
 * upgrade) or `verifyToken` (for the built-in `login`), or given to `HubService.login()`.
 */
export interface SessionIdentity<TUser = unknown> {
  /** The key pushes and limits use. Numbers are turned into strings. */
  userId: string | number;
  /** The device family (`web`, `ios`, …); defaults to the `defaultPlatform` option. */
  platform?: string;
  /** When the credentials expire (ms since the epoch or a Date): the session then gets `session.expired`. */
  expiresAt?: number | Date;
  /** What `@RpcUser()` and `session.user` give; defaults to `{ userId, platform }`. */
  user?: TUser;
}

/** A logged-in connection as presence reports it, on this node or another. */
export interface ConnectionInfo {
  connectionId: string;
  userId: string;
  platform: string;
  nodeId: string;
  connectedAt: number;
  authenticatedAt: number;
}
