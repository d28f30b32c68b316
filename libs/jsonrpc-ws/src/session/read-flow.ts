import type { Duplex } from 'stream';
import type { WebSocket } from 'ws';

/** Why reading from a client is paused; reading resumes when no reason is left. */
export type ReadingHold = 'in-flight' | 'login' | 'backlog' | 'fairness';

/**
 * Read flow control of one connection: several parts of the server can ask to stop
 * reading for their own reason (TCP backpressure then slows the client down), and
 * reading resumes only when every reason is gone.
 */
export class ReadFlow {
  private readonly holds = new Set<ReadingHold>();

  constructor(
    private readonly socket: Pick<WebSocket, 'pause' | 'resume'>,
    /** The TCP socket under `socket`, whose 'drain' tells when a backlog has been written. */
    private readonly transport?: Duplex,
  ) {}

  hold(reason: ReadingHold): void {
    if (this.holds.size === 0) this.socket.pause();
    this.holds.add(reason);
  }

  release(reason: ReadingHold): void {
    if (!this.holds.delete(reason) || this.holds.size > 0) return;
    this.socket.resume();
  }

  /** Holds reading until the socket's backlog has been written. */
  holdUntilDrained(): void {
    // 'drain' only comes after a write the socket could not take at once.
    if (!this.transport?.writableNeedDrain || this.holds.has('backlog')) return;
    this.hold('backlog');
    this.transport.once('drain', () => this.release('backlog'));
  }
}
