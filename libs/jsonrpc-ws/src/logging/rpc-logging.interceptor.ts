import {
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  LogLevel,
  NestInterceptor,
} from '@nestjs/common';
import { performance } from 'perf_hooks';
import { Observable, tap } from 'rxjs';
import { getJsonRpcContext, isJsonRpcContext } from '../pipeline/jsonrpc-context';
import { toJsonRpcError } from '../pipeline/rpc-exception.mapper';
import { RpcCallRecord, formatRpcCall } from './rpc-call-format';

/**
 * Logs one line per RPC call through Nest's `Logger` (so `nestjs-pino` and
 * friends plug in): method, outcome code, duration, connection, user and both
 * ids. Register it with `APP_INTERCEPTOR` or `@UseInterceptors()`. Override
 * `format()` or `write()` to change the line or the level.
 */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  protected readonly logger = new Logger('JsonRpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!isJsonRpcContext(context)) return next.handle();
    const call = getJsonRpcContext(context);
    const started = performance.now();
    const record = (code: number): void =>
      this.write(
        {
          method: call.method,
          id: call.id,
          requestId: call.requestId,
          connectionId: call.session.id,
          userId: call.session.userId,
          code,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        },
        code === 0 ? 'log' : 'warn',
      );
    return next.handle().pipe(
      tap({
        next: () => record(0),
        error: (error: unknown) => record(toJsonRpcError(error).code),
      }),
    );
  }

  /** Writes a record; warnings for errors, `log` for successes by default. */
  protected write(call: RpcCallRecord, level: LogLevel): void {
    const line = this.format(call);
    if (level === 'warn') this.logger.warn(line);
    else this.logger.log(line);
  }

  protected format(call: RpcCallRecord): string {
    return formatRpcCall(call);
  }
}
