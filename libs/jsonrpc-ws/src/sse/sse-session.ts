import type { WebSocket } from 'ws';
import type { PreparedText } from '../transport/prepared-text';
import { JsonRpcSession } from '../session/jsonrpc-session';
import type { OutboundGate } from '../session/outbound-gate';
import { sseEventOf } from './sse-event';
import type { SseStream } from './sse-stream';

/**
 * A client listening over Server-Sent Events. It counts, is pushed to, kicked,
 * expired and shut down like a WebSocket session; pushes become SSE events.
 */
export class SseSession<TUser = unknown> extends JsonRpcSession<TUser> {
  override readonly kind = 'sse';

  constructor(
    readonly stream: SseStream,
    remoteAddress: string | undefined,
    outbound: OutboundGate,
  ) {
    // The stream stands in for the socket: it has the members sessions use.
    super(stream as unknown as WebSocket, remoteAddress, outbound);
  }

  /** Writes a push as an SSE event, within the same outbound budget as a WebSocket. */
  override send(message: string | Buffer | PreparedText): boolean {
    if (!this.isOpen || !this.outbound.admit(this)) return false;
    this.stream.writeEvent(sseEventOf(message));
    return true;
  }

  /** An SSE client sends no requests, so there is nothing to reply to. */
  override reply(): boolean {
    return false;
  }
}
