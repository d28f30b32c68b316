import { HttpException, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'http';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { SessionIdentity } from '../session/session-identity';
import { isOriginAllowed } from './origin-policy';

export type UpgradeVerdict =
  | { accepted: true; identity?: SessionIdentity }
  | { accepted: false; status: number; message: string };

/** Decides, before the 101, whether an upgrade request becomes a connection and as whom. */
@Injectable()
export class UpgradeAuthorizer {
  private readonly logger = new Logger('JsonRpcWs');

  constructor(@InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions) {}

  async authorize(request: IncomingMessage): Promise<UpgradeVerdict> {
    if (!isOriginAllowed(request, this.options.allowedOrigins)) {
      return { accepted: false, status: 403, message: 'Origin not allowed' };
    }
    const { authenticate } = this.options;
    if (!authenticate) return { accepted: true };
    try {
      const outcome = await authenticate(request);
      if (outcome === false) return { accepted: false, status: 401, message: 'Unauthorized' };
      if (outcome === undefined || outcome === null || outcome === true) return { accepted: true };
      if (!isIdentity(outcome)) {
        throw new TypeError('authenticate() must return { userId, ... }, false, or nothing');
      }
      return { accepted: true, identity: outcome };
    } catch (error) {
      if (error instanceof HttpException) {
        return { accepted: false, status: error.getStatus(), message: error.message };
      }
      this.logger.error(
        'The upgrade authenticator failed',
        error instanceof Error ? error.stack : String(error),
      );
      return { accepted: false, status: 500, message: 'Internal Server Error' };
    }
  }
}

function isIdentity(value: unknown): value is SessionIdentity {
  const userId = (value as SessionIdentity | null)?.userId;
  return typeof userId === 'string' || typeof userId === 'number';
}
