import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SessionIdentity } from 'nestjs-jsonrpc-ws';

interface DemoClaims {
  sub: string;
  platform?: string;
  exp: number;
}

/** Issues and verifies the demo's signed JWTs. */
@Injectable()
export class DemoTokenService {
  constructor(private readonly jwt: JwtService) {}

  async issue(userId: string, platform?: string): Promise<{ token: string; expiresAt: number }> {
    const token = await this.jwt.signAsync({ sub: userId, platform });
    const { exp } = this.jwt.decode<DemoClaims>(token);
    return { token, expiresAt: exp * 1000 };
  }

  /** The identity a valid token stands for; throws on a bad or expired one. */
  async verify(token: string): Promise<SessionIdentity> {
    const claims = await this.jwt.verifyAsync<DemoClaims>(token);
    return { userId: claims.sub, platform: claims.platform, expiresAt: claims.exp * 1000 };
  }
}
