import { check, checkInteger, checkPath } from '../options/option-checks';

/** `JsonRpcWsModule.forRoot({ sse })`: Server-Sent Events for clients that cannot use WebSocket. */
export interface JsonRpcWsSseOptions {
  /** HTTP path of the stream, on the app's port. @default '/sse' */
  path?: string;
  /** Interval of the comment lines that keep proxies from cutting an idle stream. @default 15000 */
  keepAliveMs?: number;
  /**
   * Query parameter that may carry the token, for browsers' `EventSource`, which cannot
   * set headers (RFC 6750's name). `false` accepts the `Authorization` header only.
   * @default 'access_token'
   */
  tokenQueryParam?: string | false;
  /** Reconnection delay browsers are told to use (the stream's `retry:` field). @default 3000 */
  retryMs?: number;
}

export type ResolvedSseOptions = Required<JsonRpcWsSseOptions>;

export const SSE_OPTIONS = Symbol('JSON_RPC_WS_SSE_OPTIONS');

export function resolveSseOptions(options: JsonRpcWsSseOptions | true): ResolvedSseOptions {
  const given = options === true ? {} : options;
  const resolved: ResolvedSseOptions = {
    path: given.path ?? '/sse',
    keepAliveMs: given.keepAliveMs ?? 15_000,
    tokenQueryParam: given.tokenQueryParam ?? 'access_token',
    retryMs: given.retryMs ?? 3000,
  };
  checkPath('sse.path', resolved.path);
  checkInteger('sse.keepAliveMs', resolved.keepAliveMs, 0);
  checkInteger('sse.retryMs', resolved.retryMs, 0);
  const param = resolved.tokenQueryParam;
  check(
    'sse.tokenQueryParam',
    param === false || (typeof param === 'string' && param.length > 0),
    'a query parameter name or false',
    param,
  );
  return resolved;
}
