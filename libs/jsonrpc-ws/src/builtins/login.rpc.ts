import { Injectable } from '@nestjs/common';
import { Public } from '../decorators/public.decorator';
import { RpcParams, RpcSession } from '../decorators/rpc-param.decorators';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { HubService, LoginResult } from '../hub/hub.service';
import { checkToken } from '../session/token-check';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
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
    const identity = await checkToken(this.options.verifyToken!, token, session, platform);
    return this.hub.login(session, { ...identity, platform: identity.platform ?? platform });
  }

  @Public()
  logout(@RpcSession() session: JsonRpcSession): { loggedOut: true } {
    this.hub.logout(session);
    return { loggedOut: true };
  }
}
