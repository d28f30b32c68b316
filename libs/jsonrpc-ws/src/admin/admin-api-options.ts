import { check, checkInteger, checkPath } from '../options/option-checks';
import type { CanActivate, Type } from '@nestjs/common';

/** `JsonRpcWsModule.forRoot({ adminApi })`: HTTP endpoints for other services to push, kick and ask. */
export interface JsonRpcWsAdminApiOptions {
  /** Path the endpoints are served under, on the app's port. @default '/api/v1/websocket' */
  prefix?: string;
  /**
   * Guard in place of the default one, which compares `Authorization: Bearer <token>`
   * with the `adminToken` option in constant time (and answers 404 while none is set).
   */
  guard?: Type<CanActivate>;
  /** Largest request body in bytes; a larger one answers 413. @default 65536 */
  maxBodyBytes?: number;
  /** How long a `POST` with an `Idempotency-Key` is remembered (a retry within it delivers nothing). @default 600000 */
  idempotencyTtlMs?: number;
  /** Keys remembered at most; the oldest are forgotten first. @default 100000 */
  maxIdempotencyKeys?: number;
  /** Most users one `GET /online` page lists. @default 1000 */
  maxPageSize?: number;
}

export type ResolvedAdminApiOptions = Required<Omit<JsonRpcWsAdminApiOptions, 'guard'>> &
  Pick<JsonRpcWsAdminApiOptions, 'guard'>;

export const ADMIN_API_OPTIONS = Symbol('JSON_RPC_WS_ADMIN_API_OPTIONS');

export function resolveAdminApiOptions(
  options: JsonRpcWsAdminApiOptions | true,
): ResolvedAdminApiOptions {
  const given = options === true ? {} : options;
  const resolved: ResolvedAdminApiOptions = {
    prefix: given.prefix ?? '/api/v1/websocket',
    guard: given.guard,
    maxBodyBytes: given.maxBodyBytes ?? 64 * 1024,
    idempotencyTtlMs: given.idempotencyTtlMs ?? 10 * 60_000,
    maxIdempotencyKeys: given.maxIdempotencyKeys ?? 100_000,
    maxPageSize: given.maxPageSize ?? 1000,
  };
  checkPath('adminApi.prefix', resolved.prefix);
  check(
    'adminApi.guard',
    resolved.guard === undefined || typeof resolved.guard === 'function',
    'a guard class',
    resolved.guard,
  );
  for (const name of [
    'maxBodyBytes',
    'idempotencyTtlMs',
    'maxIdempotencyKeys',
    'maxPageSize',
  ] as const)
    checkInteger(`adminApi.${name}`, resolved[name], 1);
  return resolved;
}
