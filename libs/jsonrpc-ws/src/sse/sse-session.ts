import type { WebSocket } from 'ws';
import type { PreparedText } from '../transport/prepared-text';
import { JsonRpcSession } from '../session/jsonrpc-session';
import type { OutboundGate } from '../session/outbound-gate';
import { ssePushOf } from './sse-event';
import type { SsePositions } from './sse-positions';
import type { SseStream } from './sse-stream';

/**
 * A client listening over Server-Sent Events. It counts, is pushed to, kicked,
 * expired and shut down like a WebSocket session; pushes become SSE events.
 */
export class SseSession<TUser = unknown> extends JsonRpcSession<TUser> {
  override readonly kind = 'sse';
  private positions?: SsePositions;

  constructor(
    readonly stream: SseStream,
    remoteAddress: string | undefined,
    outbound: OutboundGate,
  ) {
    // The stream stands in for the socket: it has the members sessions use.
    super(stream as unknown as WebSocket, remoteAddress, outbound);
  }

  /** @internal From now on the stream tracks these topics' positions, and its ids encode them. */
  trackPositions(positions: SsePositions): void {
    this.positions = positions;
    this.stream.identifyEventsBy(() => positions.id);
  }

  /**
   * Writes a push as an SSE event, within the same outbound budget as a
   * WebSocket. A positioned publication of a tracked topic becomes the event of
   * the publication itself, in order: one already given is dropped, one after a
   * gap starts a recovery of its topic.
   */
  override send(message: string | Buffer | PreparedText): boolean {
    if (!this.isOpen || !this.outbound.admit(this)) return false;
    const push = ssePushOf(message);
    const publication = push.publication;
    const positions = this.positions;
    if (!publication || !positions?.has(publication.topic)) {
      this.stream.writeEvent(push.body);
      return true;
    }
    const { topic, position, body } = publication;
    switch (positions.order(topic, position)) {
      case 'seen':
        return false;
      case 'gap':
        // The recovery reads it, and whatever was missed before it, from the history.
        positions.gap(topic);
        return false;
      case 'next':
        positions.set(topic, position);
        this.stream.writeEvent(body);
        return true;
    }
  }

  /** An SSE client sends no requests, so there is nothing to reply to. */
  override reply(): boolean {
    return false;
  }
}
