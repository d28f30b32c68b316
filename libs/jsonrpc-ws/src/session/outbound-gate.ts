import type { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { CloseCode } from '../protocol/close-codes';
import type { CloseReason } from './close-reason';

export type SlowConsumerPolicy = 'disconnect' | 'drop';

/** How long a slow consumer gets to complete the close handshake before its TCP connection is cut. */
const SLOW_CONSUMER_GRACE_MS = 1000;

/**
 * What the gate needs of a connection. Declared here, not imported, so that the
 * session depends on the gate and not the other way round.
 */
export interface GatedConnection {
  readonly socket: { readonly bufferedAmount: number };
  readonly closeReason?: CloseReason;
  holdUntilDrained(): void;
  end(ending: { code: number; reason: CloseReason; terminateAfterMs: number }): void;
}

/**
 * Bounds what the server buffers for each client. `ws` queues writes in memory
 * when the peer does not read; once a socket holds more than `maxBufferedBytes`
 * the next message is refused, and the client is dropped or disconnected.
 */
export class OutboundGate {
  /** Messages not sent because a buffer was full (both policies). */
  droppedMessages = 0;
  /** Connections ended for not reading. */
  slowConsumerDisconnects = 0;

  constructor(
    private readonly maxBufferedBytes: number,
    private readonly policy: SlowConsumerPolicy,
    private readonly instrumentation?: RpcInstrumentation,
  ) {}

  /** Whether a push may be written to this connection's socket now. */
  admit(connection: GatedConnection): boolean {
    if (connection.socket.bufferedAmount <= this.maxBufferedBytes) return true;
    this.countDrop();
    if (this.policy === 'disconnect') this.disconnect(connection);
    return false;
  }

  /**
   * Whether a reply may be written now. Replies are not dropped: under `drop`
   * the reply goes out and the client is not read from until it catches up,
   * which bounds what it can make the server buffer.
   */
  admitReply(connection: GatedConnection): boolean {
    if (connection.socket.bufferedAmount <= this.maxBufferedBytes) return true;
    if (this.policy === 'drop') {
      connection.holdUntilDrained();
      return true;
    }
    this.countDrop();
    this.disconnect(connection);
    return false;
  }

  private countDrop(): void {
    this.droppedMessages++;
    this.instrumentation?.sink.dropped();
  }

  private disconnect(connection: GatedConnection): void {
    if (connection.closeReason !== undefined) return;
    this.slowConsumerDisconnects++;
    connection.end({
      code: CloseCode.SlowConsumer,
      reason: 'slow-consumer',
      terminateAfterMs: SLOW_CONSUMER_GRACE_MS,
    });
  }
}
