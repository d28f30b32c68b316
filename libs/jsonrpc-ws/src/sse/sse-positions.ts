import type { StreamPosition } from '../history/topic-history.interface';
import { encodeEventId } from './sse-event-id';

/** How a publication stands against the last one a stream was given of its topic. */
export type PublicationOrder = 'next' | 'seen' | 'gap';

/**
 * Where an SSE stream stands in each of its topics that keep history: the last
 * publication it was given of each, which every event's id encodes. A browser
 * cannot drop a repeated publication or notice a missing one, so the stream
 * does it: a publication at or before the last is dropped, and one past the
 * next (a lost or dropped one before it), or of another epoch, makes the stream
 * recover the topic in place (`onGap`).
 */
export class SsePositions {
  private readonly positions = new Map<string, StreamPosition>();
  private readonly recovering = new Set<string>();
  private encoded?: string;

  constructor(private readonly onGap: (topic: string, last: StreamPosition) => void) {}

  /** The id of the stream's next event. */
  get id(): string {
    return (this.encoded ??= encodeEventId(this.positions));
  }

  has(topic: string): boolean {
    return this.positions.has(topic);
  }

  get(topic: string): StreamPosition | undefined {
    return this.positions.get(topic);
  }

  set(topic: string, position: StreamPosition): void {
    this.positions.set(topic, position);
    this.encoded = undefined;
  }

  order(topic: string, { epoch, offset }: StreamPosition): PublicationOrder {
    const last = this.positions.get(topic);
    if (last && epoch === last.epoch) {
      if (offset <= last.offset) return 'seen';
      if (offset === last.offset + 1) return 'next';
    }
    return 'gap';
  }

  /** Starts recovering the topic from the last publication given, unless already under way. */
  gap(topic: string): void {
    const last = this.positions.get(topic);
    if (!last || this.recovering.has(topic)) return;
    this.recovering.add(topic);
    this.onGap(topic, last);
  }

  /** The topic's recovery ended: a later gap may start another. */
  recovered(topic: string): void {
    this.recovering.delete(topic);
  }
}
