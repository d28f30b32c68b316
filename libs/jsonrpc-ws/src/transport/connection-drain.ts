import type { Duplex } from 'stream';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import type { ConnectionIntake } from './connection-intake';

/**
 * Shutdown's wait on one connection: `done` settles once every message it read has
 * its answer written — nothing waiting in its intake, no request in flight, no
 * backlog in its socket — and one more turn of the event loop has brought nothing
 * new, so that requests already in the socket are read and answered (-32053)
 * rather than cut off by the close. It also settles when the connection closes,
 * or at the deadline. Nothing polls: whoever changes what it waits for calls `check()`.
 */
export class ConnectionDrain {
  readonly done: Promise<void>;
  private finish!: () => void;
  private finished = false;
  private confirming = false;
  private awaitingDrain = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly session: JsonRpcSession,
    private readonly intake: Pick<ConnectionIntake, 'waiting'>,
    private readonly transport: Duplex | undefined,
    timeoutMs: number,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.timer = setTimeout(this.end, timeoutMs);
    session.socket.once('close', this.end);
    this.check();
  }

  /** Something it waits for may have changed: a request settled, the intake ran dry. */
  readonly check = (): void => {
    if (this.finished || this.confirming || !this.answered()) return;
    this.confirming = true;
    setImmediate(this.confirm);
  };

  private readonly confirm = (): void => {
    this.confirming = false;
    if (this.answered()) this.end();
  };

  private answered(): boolean {
    if (this.intake.waiting > 0 || this.session.inFlight > 0) return false;
    // 'drain' only comes after a write the socket could not take; below that, what is
    // buffered leaves ahead of the close frame without holding it up.
    if (!this.transport?.writableNeedDrain) return true;
    if (!this.awaitingDrain) {
      this.awaitingDrain = true;
      this.transport.once('drain', this.drained);
    }
    return false;
  }

  private readonly drained = (): void => {
    this.awaitingDrain = false;
    this.check();
  };

  private readonly end = (): void => {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.session.socket.off('close', this.end);
    this.transport?.off('drain', this.drained);
    this.finish();
  };
}
