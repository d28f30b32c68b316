import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SessionIdentity } from 'nestjs-jsonrpc-ws';
import { DemoUser } from './demo-user';

interface DemoClaims {
  sub: string;
  roles: string[];
  platform?: string;
  exp: number;
}

/** Issues and verifies the demo's signed JWTs. */
@Injectable()
export class DemoTokenService {
  constructor(private readonly jwt: JwtService) {}

  async issue(user: DemoUser, platform?: string): Promise<{ token: string; expiresAt: number }> {
    const token = await this.jwt.signAsync({ sub: user.userId, roles: user.roles, platform });
    const { exp } = this.jwt.decode<DemoClaims>(token);
    return { token, expiresAt: exp * 1000 };
  }

  /** The identity a valid token stands for; throws on a bad or expired one. */
  async verify(token: string): Promise<SessionIdentity<DemoUser>> {
    const claims = await this.jwt.verifyAsync<DemoClaims>(token);
    return {
      userId: claims.sub,
      platform: claims.platform,
      expiresAt: claims.exp * 1000,
      user: { userId: claims.sub, roles: claims.roles ?? [] },
    };
  }
}
