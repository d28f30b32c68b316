import type { Duplex } from 'stream';
import type { WebSocket } from 'ws';
import { queuesMessages } from './jsonrpc-websocket';
import { PreparedText } from './prepared-text';
import { Corked, currentTick, uncorkAtTickEnd } from './tick-cork';
import { textFrame, textFrameOf } from './ws-frame';

/** Past this many buffered bytes (a socket's default high-water mark), corked writes leave at once. */
const CORK_FLUSH_BYTES = 16 * 1024;
/** Shared options object: one less allocation per message. */
const TEXT_FRAME = { binary: false } as const;

/**
 * The one path by which a connection's text messages are written.
 *
 * With the TCP socket at hand, each message is framed here and written as one
 * buffer (`ws` would frame it again and write header and payload apart). That
 * is only correct while `ws` writes everything at once and never holds a
 * message in a queue of its own that these writes could overtake. `ws` queues
 * in two cases: compression (a negotiated extension), and a `Blob` being read.
 * So frames go straight to TCP only when no extension was negotiated (the
 * endpoint turns compression off), and from the first `Blob` handed to the
 * socket on (`JsonRpcWebSocket` notes it), every message goes through `ws`.
 */
export class FrameWriter implements Corked {
  private readonly raw: Duplex | undefined;
  private corked = false;
  /** The tick of the last write (see tick-cork.ts). */
  private lastWriteTick = 0;

  constructor(
    private readonly socket: WebSocket,
    transport: Duplex | undefined,
  ) {
    this.raw = transport && !socket.extensions ? transport : undefined;
  }

  /** Writes one text message (a string, its UTF-8 bytes, or a message framed once for many). */
  write(message: string | Buffer | PreparedText): void {
    const transport = this.raw;
    if (!transport || queuesMessages(this.socket)) {
      this.uncorkWrites();
      this.socket.send(message instanceof PreparedText ? message.payload : message, TEXT_FRAME);
      return;
    }
    // A second write in the same tick corks the socket until the tick ends, so that
    // the rest of what this connection is sent in the tick leaves in one system call.
    const tick = currentTick();
    if (this.lastWriteTick === tick && !this.corked) {
      this.corked = true;
      transport.cork();
      uncorkAtTickEnd(this);
    }
    this.lastWriteTick = tick;
    if (typeof message === 'string') transport.write(textFrame(message));
    else transport.write(message instanceof PreparedText ? message.frame : textFrameOf(message));
    // A large backlog is written now rather than held for the rest of the tick.
    if (transport.writableLength >= CORK_FLUSH_BYTES) this.uncorkWrites();
  }

  /** Writes what the socket held since the second write of the tick. */
  uncorkWrites(): void {
    if (!this.corked) return;
    this.corked = false;
    this.raw!.uncork();
  }
}
