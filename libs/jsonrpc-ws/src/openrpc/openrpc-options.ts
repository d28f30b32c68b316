import type { Type } from '@nestjs/common';
import { check } from '../options/option-checks';
import type { JsonSchema, OpenRpcServer } from './openrpc.types';

/**
 * Where a schema comes from: a class-validator DTO class, `[Dto]` for an array of
 * them, or a JSON Schema as is.
 */
export type RpcSchemaSource = Type<unknown> | [Type<unknown>] | { schema: JsonSchema };

/** An example call of a method, for the OpenRPC document. */
export interface RpcMethodExample {
  name: string;
  description?: string;
  /** By name (`{ a: 1 }`) or by position (`[1]`). */
  params: Record<string, unknown> | unknown[];
  result?: unknown;
}

/** A notification the server sends (with `HubService` pushes), as the document lists it. */
export interface RpcNotificationDeclaration {
  name: string;
  /** Its params: a DTO class or `{ schema }`. @default any value */
  params?: RpcSchemaSource;
  summary?: string;
  description?: string;
  deprecated?: boolean;
}

/** What `rpc.discover` says about the application (option `openrpc`). */
export interface JsonRpcWsOpenRpcOptions {
  /** @default the `name` and `version` of the package.json in the working directory */
  info?: { title?: string; version?: string; description?: string };
  /** @default one server: the WebSocket endpoint's `path` */
  servers?: OpenRpcServer[];
  /**
   * Notifications the application pushes, listed under `x-notifications` with the
   * library's own (`session.*`, `publication`).
   * @example notifications: [{ name: 'chat.message', params: ChatMessageDto }]
   */
  notifications?: RpcNotificationDeclaration[];
  /**
   * Whether `rpc.discover` is `@Public()`: a global `RpcAuthGuard` lets anonymous
   * callers read the document. `false` lets the guards decide, as for any method.
   * @default true
   */
  public?: boolean;
}

/** Stops the startup at a malformed `openrpc` option, naming it. */
export function checkOpenRpcOptions(options: JsonRpcWsOpenRpcOptions | undefined): void {
  if (options === undefined) return;
  check('openrpc', typeof options === 'object' && options !== null, 'an object', options);
  const { notifications = [], servers = [], info = {} } = options;
  check('openrpc.notifications', Array.isArray(notifications), 'an array', notifications);
  for (const [index, notification] of notifications.entries()) {
    const name = (notification as Partial<RpcNotificationDeclaration> | null)?.name;
    check(
      `openrpc.notifications[${index}].name`,
      typeof name === 'string' && name.length > 0,
      'a non-empty string',
      name,
    );
  }
  check('openrpc.servers', Array.isArray(servers), 'an array of { url, name? }', servers);
  for (const key of ['title', 'version', 'description'] as const) {
    const value = info[key];
    check(
      `openrpc.info.${key}`,
      value === undefined || typeof value === 'string',
      'a string',
      value,
    );
  }
  const visibility = options.public;
  check(
    'openrpc.public',
    visibility === undefined || typeof visibility === 'boolean',
    'a boolean',
    visibility,
  );
}
