import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SessionIdentity } from 'nestjs-jsonrpc-ws';
import { DemoUser } from './demo-user';

interface DemoClaims {
  sub: string;
  roles: string[];
  platform?: string;
  exp?: number;
}

/** Issues and verifies the demo's signed JWTs. */
@Injectable()
export class DemoTokenService {
  constructor(private readonly jwt: JwtService) {}

  async issue(user: DemoUser, platform?: string): Promise<{ token: string; expiresAt: number }> {
    const token = await this.jwt.signAsync({ sub: user.userId, roles: user.roles, platform });
    // Signed with signOptions.expiresIn, so it always has one.
    const exp = this.jwt.decode<DemoClaims>(token).exp!;
    return { token, expiresAt: exp * 1000 };
  }

  /** The identity a valid token stands for; throws on a bad or expired one. */
  async verify(token: string): Promise<SessionIdentity<DemoUser>> {
    const claims = await this.jwt.verifyAsync<DemoClaims>(token);
    // A token without an expiry would log a connection in for ever.
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('Token has no expiry');
    return {
      userId: claims.sub,
      platform: claims.platform,
      expiresAt: claims.exp * 1000,
      user: { userId: claims.sub, roles: claims.roles ?? [] },
    };
  }
}
