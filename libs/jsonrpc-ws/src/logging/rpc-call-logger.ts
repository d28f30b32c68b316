import { Logger, LogLevel } from '@nestjs/common';
import { RpcCallRecord, formatRpcCall } from './rpc-call-format';

/**
 * The dispatcher's own call log (option `logCalls`): the same line as
 * `RpcLoggingInterceptor`, for every call that reached a method — guard
 * refusals included — without the cost of an interceptor.
 */
export class RpcCallLogger {
  private readonly logger = new Logger('JsonRpc');

  constructor(private readonly successLevel: LogLevel) {}

  /** Whether a call with this outcome would be printed, so the line is not built for nothing. */
  enabled(code: number): boolean {
    return isPrinted(code === 0 ? this.successLevel : 'warn');
  }

  write(call: RpcCallRecord): void {
    const line = formatRpcCall(call);
    if (call.code !== 0) this.logger.warn(line);
    else if (this.successLevel === 'debug') this.logger.debug(line);
    else if (this.successLevel === 'verbose') this.logger.verbose(line);
    else this.logger.log(line);
  }
}

/**
 * Whether Nest's Logger prints a level. Nest only knows levels set as a list
 * (`logger: ['error', 'warn']`); with a custom LoggerService it knows none (even
 * 'fatal' reads as off), and the line is written for that logger to filter.
 */
export function isPrinted(level: LogLevel): boolean {
  return Logger.isLevelEnabled(level) || !Logger.isLevelEnabled('fatal');
}
