import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { DemoTokenService } from './demo-token.service';
import { jwtSecret } from './jwt-secret';

/** Signed JWTs for the demo; exported so the WebSocket module's factory can verify them. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        secret: jwtSecret(config),
        signOptions: { expiresIn: Number(config.get('JWT_TTL_SECONDS', 3600)) },
      }),
    }),
  ],
  providers: [DemoTokenService],
  exports: [DemoTokenService],
})
export class DemoAuthModule {}
