import {
  BadRequestException,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { IncomingHttpHeaders } from 'http';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { findParamsViolation } from '../protocol/params-inspector';
import { ADMIN_API_OPTIONS, ResolvedAdminApiOptions } from './admin-api-options';

/**
 * Bounds what one admin request can cost before validation runs: the body's
 * size, and `params` within the same limits as a WebSocket call's.
 */
@Injectable()
export class AdminBodyGuard implements CanActivate {
  constructor(
    @Inject(ADMIN_API_OPTIONS) private readonly admin: ResolvedAdminApiOptions,
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
  ) {}

  canActivate(context: ExecutionContext): true {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: IncomingHttpHeaders; body?: unknown }>();
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > this.admin.maxBodyBytes) {
      throw new PayloadTooLargeException(
        `The body must be at most ${this.admin.maxBodyBytes} bytes`,
      );
    }
    const params = (request.body as { params?: unknown } | undefined)?.params;
    if (params === undefined) return true;
    const violation = findParamsViolation(params, {
      maxDepth: this.options.maxParamsDepth,
      maxNodes: this.options.maxParamsNodes,
      maxKeys: this.options.maxParamsKeys,
    });
    if (violation === undefined) return true;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid request body',
      errors: [{ field: 'params', messages: [violation] }],
    });
  }
}
