import { RPC_METHOD_METADATA } from '../jsonrpc-ws.constants';
import type { RpcMethodExample, RpcSchemaSource } from '../openrpc/openrpc-options';
import type { OpenRpcError } from '../openrpc/openrpc.types';

export interface RpcMethodOptions {
  /**
   * Names for by-position params, in order: `[42, 23]` reaches the handler as
   * `{ minuend: 42, subtrahend: 23 }`, so one DTO validates both forms.
   */
  paramNames?: string[];
  /**
   * The params, for `rpc.discover`, when the handler's `@RpcParams()` type does not
   * say (`unknown`, an interface): a DTO class or `{ schema }`.
   * @default the type of the `@RpcParams()` parameter
   */
  params?: RpcSchemaSource;
  /**
   * The result, for `rpc.discover`: a DTO class, `[Dto]` or `{ schema }`. TypeScript
   * erases return types (`Promise<T>` is only `Promise` at run time), so this is how to
   * declare them. @default the reflected return type when it is a primitive, else any value
   */
  result?: RpcSchemaSource;
  /** One line for the OpenRPC document. */
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  examples?: RpcMethodExample[];
  /** Errors of the application's own, listed beside those the library knows the method can raise. */
  errors?: OpenRpcError[];
}

/** One `@RpcMethod()` entry as stored in metadata. */
export interface RpcMethodMetadata extends RpcMethodOptions {
  name: string;
}

/**
 * Exposes a provider method as one or more JSON-RPC methods. Guards,
 * interceptors, pipes and filters apply to it as to an HTTP route.
 *
 * @example
 * @Injectable()
 * export class MathRpc {
 *   @RpcMethod('math.add')
 *   add(@RpcParams() { a, b }: AddDto) {
 *     return a + b;
 *   }
 * }
 */
export function RpcMethod(
  name: string | string[],
  options: RpcMethodOptions = {},
): MethodDecorator {
  const names = Array.isArray(name) ? name : [name];
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as object;
    // Entries accumulate, so several decorators on one method each add a name.
    const existing = (Reflect.getOwnMetadata(RPC_METHOD_METADATA, handler) ??
      []) as RpcMethodMetadata[];
    const added = names.map((entry) => ({ ...options, name: entry }));
    Reflect.defineMetadata(RPC_METHOD_METADATA, [...existing, ...added], handler);
    return descriptor;
  };
}
