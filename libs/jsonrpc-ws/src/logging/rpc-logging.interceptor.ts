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
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { RpcCallRecord, formatRpcCall } from './rpc-call-format';
import { isPrinted } from './rpc-call-logger';

/**
 * Logs one line per RPC call through Nest's `Logger` (so `nestjs-pino` and
 * friends plug in): method, outcome code, duration, connection, user and both
 * ids. Register it with `APP_INTERCEPTOR` or `@UseInterceptors()`. Override
 * `format()` to change the line, `levelFor()` to change the level, `write()` to
 * write it elsewhere. When the logger prints neither level, a call costs no more
 * than passing through.
 */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  protected readonly logger = new Logger('JsonRpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!isJsonRpcContext(context)) return next.handle();
    const logsSuccess = isPrinted(this.levelFor(0));
    const logsErrors = isPrinted(this.levelFor(JsonRpcErrorCode.InternalError));
    if (!logsSuccess && !logsErrors) return next.handle();
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
        this.levelFor(code),
      );
    return next.handle().pipe(
      tap({
        next: logsSuccess ? () => record(0) : undefined,
        error: logsErrors ? (error: unknown) => record(toJsonRpcError(error).code) : undefined,
      }),
    );
  }

  /** The level of a call's line by its outcome code: `warn` for errors, `log` for successes. */
  protected levelFor(code: number): LogLevel {
    return code === 0 ? 'log' : 'warn';
  }

  /** Writes a record at its level. */
  protected write(call: RpcCallRecord, level: LogLevel): void {
    const line = this.format(call);
    if (level === 'warn') this.logger.warn(line);
    else if (level === 'debug') this.logger.debug(line);
    else if (level === 'verbose') this.logger.verbose(line);
    else if (level === 'error') this.logger.error(line);
    else this.logger.log(line);
  }

  protected format(call: RpcCallRecord): string {
    return formatRpcCall(call);
  }
}
