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
  @RpcMethod('auth.login', {
    summary: 'Logs this connection in with the demo password and hands out a token',
    description: 'The token also logs in the built-in `login` and the SSE stream.',
    tags: ['auth'],
    result: {
      schema: {
        type: 'object',
        properties: {
          token: { type: 'string' },
          expiresAt: { type: 'integer' },
          userId: { type: 'string' },
        },
        required: ['token', 'expiresAt', 'userId'],
      },
    },
    examples: [
      {
        name: 'ada logs in',
        params: { username: 'ada', password: 'demo', platform: 'web' },
        result: { token: 'eyJ…', expiresAt: 1767225600000, userId: 'ada' },
      },
    ],
  })
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
