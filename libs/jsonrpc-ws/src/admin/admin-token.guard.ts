import {
  CanActivate,
  ExecutionContext,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { bearerToken } from '../http/bearer-token';
import { setHeader } from '../http/raw-http';
import { RefusalLog } from '../logging/refusal-log';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';

/**
 * The admin API's default guard: `Authorization: Bearer <adminToken>`, compared
 * in constant time. Without an `adminToken` the API is off (404), never open.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  /** Digests have one length whatever the token's, so comparing them leaks nothing of it. */
  private readonly expected?: Buffer;
  private readonly refusals = new RefusalLog(new Logger('JsonRpcWs'), 'Admin API request');

  constructor(@InjectJsonRpcWsOptions() options: ResolvedJsonRpcWsOptions) {
    if (options.adminToken) this.expected = digest(options.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) throw new NotFoundException();
    const http = context.switchToHttp();
    const headers = http.getRequest<{ headers: IncomingHttpHeaders }>().headers;
    const token = bearerToken(headers);
    if (token !== undefined && timingSafeEqual(digest(token), this.expected)) return true;
    setHeader(http.getResponse(), 'WWW-Authenticate', 'Bearer realm="jsonrpc-ws-admin"');
    this.refusals.record(401, token === undefined ? 'no Bearer token' : 'wrong token');
    throw new UnauthorizedException('A valid admin token is required');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
