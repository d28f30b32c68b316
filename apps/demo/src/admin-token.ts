import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { randomBytes } from 'crypto';

/**
 * The admin API's Bearer token: `ADMIN_TOKEN`, or one generated for this run and
 * printed, so that the `curl` examples of the README work right away.
 */
export function demoAdminToken(config: ConfigService): string {
  const token = config.get<string>('ADMIN_TOKEN');
  if (token) return token;
  const generated = randomBytes(24).toString('base64url');
  new Logger('Demo').warn(
    `ADMIN_TOKEN is not set: the admin API at /api/v1/websocket takes this token for this run: ${generated}`,
  );
  return generated;
}
