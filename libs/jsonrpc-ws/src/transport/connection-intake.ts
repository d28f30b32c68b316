import type { JsonRpcSession } from '../session/jsonrpc-session';
import { currentTick } from './tick-cork';

/** Messages of one connection handled in one turn of the event loop; the rest wait for the next. */
export const MESSAGES_PER_TURN = 32;
/** Messages waiting past which the connection is not read from until they have run. */
const QUEUE_HOLD = 256;

/**
 * Keeps one connection from holding the event loop: `ws` hands over every message
 * of a read at once (a 64 KiB read of tiny requests is a thousand of them), so past
 * `MESSAGES_PER_TURN` in one tick the rest queue, in order, and run in later turns,
 * after the other connections' reads. A long queue pauses reading, so TCP
 * backpressure slows the sender down. A connection that sends little never queues.
 */
export class ConnectionIntake {
  private tick = 0;
  private handled = 0;
  private queue: string[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly session: JsonRpcSession,
    private readonly handle: (text: string) => void,
    /** Called when nothing waits any more (shutdown waits for it). */
    private readonly ranDry: () => void = () => undefined,
    private readonly perTurn = MESSAGES_PER_TURN,
  ) {}

  /** Runs a message now, or queues it behind this turn's share. */
  accept(text: string): void {
    if (this.head === this.queue.length && this.take()) return this.handle(text);
    this.queue.push(text);
    if (this.queue.length - this.head === QUEUE_HOLD) this.session.holdReading('fairness');
    this.schedule();
  }

  /** Messages read and waiting for their turn. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  private take(): boolean {
    const tick = currentTick();
    if (tick !== this.tick) {
      this.tick = tick;
      this.handled = 0;
    }
    if (this.handled === this.perTurn) return false;
    this.handled++;
    return true;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.runQueued);
  }

  private readonly runQueued = (): void => {
    this.scheduled = false;
    if (!this.session.isOpen) {
      // Ending: nothing queued can be answered, and the closing handshake must still be read.
      this.queue = [];
      this.head = 0;
      this.session.releaseReading('fairness');
      return this.ranDry();
    }
    while (this.head < this.queue.length && this.take()) this.handle(this.queue[this.head++]!);
    if (this.head < this.queue.length) return this.schedule();
    this.queue = [];
    this.head = 0;
    this.session.releaseReading('fairness');
    this.ranDry();
  };
}
