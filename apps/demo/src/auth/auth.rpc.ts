import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  HubService,
  JsonRpcSession,
  Public,
  RateLimit,
  RpcMethod,
  RpcParams,
  RpcSession,
} from 'nestjs-jsonrpc-ws';
import { DemoLoginDto } from './demo-login.dto';
import { DemoTokenService } from './demo-token.service';
import { DemoUser } from './demo-user';

/** `auth.login`: any username with the demo password gets a token, and this connection is logged in. */
@Injectable()
export class AuthRpc {
  constructor(
    private readonly tokens: DemoTokenService,
    private readonly hub: HubService,
    private readonly config: ConfigService,
  ) {}

  @Public()
  @RateLimit({ limit: 5, windowMs: 60_000 })
  @RpcMethod('auth.login')
  async login(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() { username, password, platform }: DemoLoginDto,
  ): Promise<{ token: string; expiresAt: number; userId: string }> {
    if (password !== this.config.get<string>('DEMO_PASSWORD', 'demo')) {
      throw new UnauthorizedException('Wrong username or password');
    }
    const user: DemoUser = { userId: username, roles: username === 'admin' ? ['admin'] : [] };
    const { token, expiresAt } = await this.tokens.issue(user, platform);
    await this.hub.login(session, { userId: username, platform, expiresAt, user });
    return { token, expiresAt, userId: username };
  }
}
