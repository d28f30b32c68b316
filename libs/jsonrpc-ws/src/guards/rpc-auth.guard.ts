import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { getJsonRpcContext, isJsonRpcContext } from '../pipeline/jsonrpc-context';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { IS_PUBLIC_METADATA } from '../jsonrpc-ws.constants';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { isThenable } from '../utils/is-thenable';

/**
 * Requires a logged-in session: anonymous callers get -32001 `Unauthorized`;
 * logged-in callers that `authorize()` turns down get -32003 `Forbidden`.
 * Use it per method or class with `@UseGuards(RpcAuthGuard)`, or for every
 * method with `APP_GUARD` and open some with `@Public()`. HTTP routes pass.
 *
 * @example
 * // A role check on top: subclass and override authorize().
 * @Injectable()
 * export class RolesGuard extends RpcAuthGuard {
 *   protected authorize(session: JsonRpcSession<User>, context: ExecutionContext) {
 *     const roles = this.reflector.get<string[]>(ROLES, context.getHandler()) ?? [];
 *     return roles.every((role) => session.user?.roles.includes(role));
 *   }
 * }
 */
@Injectable()
export class RpcAuthGuard implements CanActivate {
  private readonly publicMethods = new WeakMap<object, WeakMap<object, boolean>>();

  constructor(protected readonly reflector: Reflector) {}

  /** Answers synchronously unless `authorize()` returns a promise (no await per call). */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (!isJsonRpcContext(context) || this.isPublic(context)) return true;
    const { session } = getJsonRpcContext(context);
    if (!session.authenticated) {
      throw new JsonRpcError(JsonRpcErrorCode.Unauthorized, 'Login required');
    }
    const allowed = this.authorize(session, context);
    return isThenable(allowed) ? Promise.resolve(allowed).then(permitted) : permitted(allowed);
  }

  /** Whether a logged-in session may call this method; every one may by default. */
  protected authorize(
    _session: JsonRpcSession,
    _context: ExecutionContext,
  ): boolean | Promise<boolean> {
    return true;
  }

  /** `@Public()` on the method or its class; read once per method and class, as metadata is fixed. */
  protected isPublic(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    const type = context.getClass();
    let byClass = this.publicMethods.get(handler);
    if (!byClass) this.publicMethods.set(handler, (byClass = new WeakMap()));
    let known = byClass.get(type);
    if (known === undefined) {
      known =
        this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_METADATA, [handler, type]) === true;
      byClass.set(type, known);
    }
    return known;
  }
}

function permitted(allowed: unknown): true {
  if (!allowed) throw new JsonRpcError(JsonRpcErrorCode.Forbidden, 'Forbidden');
  return true;
}
