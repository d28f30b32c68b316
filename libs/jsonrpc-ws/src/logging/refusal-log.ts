import type { Logger } from '@nestjs/common';

/**
 * Logs refusals so that none goes unseen and none floods the log: the first of
 * each status as a warning, saying that later ones are logged at debug level.
 */
export class RefusalLog {
  private readonly warned = new Set<number>();

  constructor(
    private readonly logger: Logger,
    /** What was refused, e.g. "SSE stream". */
    private readonly subject: string,
  ) {}

  record(status: number, message: string): void {
    const line = `${this.subject} refused with ${status}: ${message}`;
    if (this.warned.has(status)) return this.logger.debug(line);
    this.warned.add(status);
    this.logger.warn(`${line} (further ${status} refusals are logged at debug level)`);
  }
}
