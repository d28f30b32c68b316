/**
 * Counts what one connection sends that is refused before any handler runs,
 * in fixed windows: a client that keeps sending past its errors is one to cut
 * off, not to keep serving refusals.
 */
export class RejectionCounter {
  private count = 0;
  private windowStart = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one refusal; true once `limit` is reached within the window. */
  add(now: number): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count >= this.limit;
  }
}
