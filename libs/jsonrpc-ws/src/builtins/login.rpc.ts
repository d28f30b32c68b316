import { HttpException, Injectable } from '@nestjs/common';
import { Public } from '../decorators/public.decorator';
import { RpcParams, RpcSession } from '../decorators/rpc-param.decorators';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { HubService, LoginResult } from '../hub/hub.service';
import { SessionIdentity } from '../session/session-identity';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { readLogin } from './builtin-params';

/** `login { token, platform? }` with the application's `verifyToken`, and `logout`. */
@Injectable()
export class LoginRpc {
  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly hub: HubService,
  ) {}

  @Public()
  async login(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() params: unknown,
  ): Promise<LoginResult> {
    const { token, platform } = readLogin(params);
    const identity = await this.verify(token, session, platform);
    return this.hub.login(session, { ...identity, platform: identity.platform ?? platform });
  }

  @Public()
  logout(@RpcSession() session: JsonRpcSession): { loggedOut: true } {
    this.hub.logout(session);
    return { loggedOut: true };
  }

  private async verify(
    token: string,
    session: JsonRpcSession,
    platform?: string,
  ): Promise<SessionIdentity> {
    let identity: SessionIdentity | null | undefined | false;
    try {
      identity = await this.options.verifyToken!(token, { session, platform });
    } catch (error) {
      // A deliberate refusal keeps its code; a library's "jwt expired" must not reach the client as -32603.
      if (error instanceof JsonRpcError || error instanceof HttpException) throw error;
      identity = undefined;
    }
    if (!identity) throw new JsonRpcError(JsonRpcErrorCode.Unauthorized, 'Invalid token');
    return identity;
  }
}
