import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';

/** Only for trying the demo out: anyone who reads this file can forge its tokens. */
const DEVELOPMENT_SECRET = 'demo-secret-change-me';

/**
 * The secret the demo signs tokens with: `JWT_SECRET`. Without it the demo refuses to
 * start under `NODE_ENV=production`, and elsewhere starts with a published secret, loudly.
 */
export function jwtSecret(config: ConfigService): string {
  const secret = config.get<string>('JWT_SECRET');
  if (secret) return secret;
  if (config.get<string>('NODE_ENV') === 'production') {
    throw new Error(
      'JWT_SECRET is not set: the demo will not sign tokens with a published secret in production',
    );
  }
  new Logger('Demo').warn(
    'JWT_SECRET is not set: tokens are signed with a published development secret. Set JWT_SECRET before exposing this server',
  );
  return DEVELOPMENT_SECRET;
}
