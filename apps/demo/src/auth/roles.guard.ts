import { ExecutionContext, Injectable } from '@nestjs/common';
import { JsonRpcSession, RpcAuthGuard } from 'nestjs-jsonrpc-ws';
import { DemoUser } from './demo-user';
import { ROLES } from './roles.decorator';

/** The library's login check, plus `@Roles()`: a logged-in caller without the role gets -32003. */
@Injectable()
export class RolesGuard extends RpcAuthGuard {
  protected override authorize(session: JsonRpcSession, context: ExecutionContext): boolean {
    const needed = this.reflector.getAllAndOverride<string[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const roles = (session.user as DemoUser | undefined)?.roles ?? [];
    return !needed || needed.every((role) => roles.includes(role));
  }
}
