import type { LoggerService } from '@nestjs/common';

export interface LogLine {
  level: 'log' | 'warn' | 'error';
  message: string;
  context?: string;
}

/** A logger that keeps what it is given, as nestjs-pino or any LoggerService would receive it. */
export class CapturingLogger implements LoggerService {
  readonly lines: LogLine[] = [];
  log = (message: unknown, context?: string) => this.keep('log', message, context);
  warn = (message: unknown, context?: string) => this.keep('warn', message, context);
  error = (message: unknown, ...rest: unknown[]) =>
    this.keep('error', message, rest.filter((part) => typeof part === 'string').at(-1));
  debug = () => undefined;
  verbose = () => undefined;

  /** The call log lines of `logCalls` / RpcLoggingInterceptor. */
  calls(): LogLine[] {
    return this.lines.filter((line) => line.context === 'JsonRpc');
  }

  at(level: LogLine['level']): LogLine[] {
    return this.lines.filter((line) => line.level === level);
  }

  private keep(level: LogLine['level'], message: unknown, context?: string): void {
    const text =
      message instanceof Error ? `${message.message}\n${message.stack}` : String(message);
    this.lines.push({ level, message: text, context });
  }
}
