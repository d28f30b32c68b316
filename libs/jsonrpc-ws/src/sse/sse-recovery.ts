import { Injectable, Logger } from '@nestjs/common';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { StreamPosition } from '../history/topic-history.interface';
import type { TopicStream } from '../history/topic-streams';
import { HubService } from '../hub/hub.service';
import { CloseCode } from '../protocol/close-codes';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { sseEvent } from './sse-event';
import { decodeEventId, eventIdsFit, MAX_EVENT_ID_LENGTH } from './sse-event-id';
import { SsePositions } from './sse-positions';
import type { SseSession } from './sse-session';

/** The event that tells a page a topic could not be recovered: reload its state. */
export const RECOVERY_EVENT = 'recovery';

/**
 * Subscribes SSE streams to their topics, those that keep history with
 * positions, and resumes them from a `Last-Event-ID`: the publications a
 * stream missed of each topic are written first, in order, as the events they
 * would have been; a topic that cannot be recovered gets a `recovery` event
 * (`{ topic, recovered: false }`). A stream that later misses a publication
 * (dropped for a slow reader, lost between nodes) recovers it in place the same way.
 */
@Injectable()
export class SseRecovery {
  private readonly logger = new Logger('JsonRpcWs');

  constructor(private readonly hub: HubService) {}

  /**
   * Subscribes the stream; resolves to what writes what it missed, to call right
   * after the stream opens, before anything else is written to it.
   * @throws JsonRpcError -32602 when the positions of the topics would not fit in an event id
   */
  async subscribe(
    session: SseSession,
    topics: string[],
    lastEventId: string | undefined,
  ): Promise<() => void> {
    const since = decodeEventId(lastEventId) ?? noPositions();
    const { streams } = await this.hub.subscribeWithPositions(session, topics, since);
    const kept = Object.keys(streams);
    if (kept.length === 0) return () => undefined;
    // Until the missed publications are written, the stream stands where the client said.
    const start = new Map(
      kept.map((topic) => [topic, since[topic] ?? positionOf(streams[topic]!)]),
    );
    if (!eventIdsFit(start)) {
      throw new JsonRpcError(
        JsonRpcErrorCode.InvalidParams,
        `The positions of ${kept.length} topics with history do not fit in an event id ` +
          `(${MAX_EVENT_ID_LENGTH} characters): open fewer of them per stream`,
      );
    }
    const positions: SsePositions = new SsePositions((topic, last) =>
      this.resume(session, positions, topic, last),
    );
    for (const [topic, position] of start) positions.set(topic, position);
    session.trackPositions(positions);
    return () => this.write(session, positions, streams);
  }

  /** Recovers a topic in place: what the stream missed after `last`, then live again. */
  private resume(
    session: SseSession,
    positions: SsePositions,
    topic: string,
    last: StreamPosition,
  ): void {
    if (!session.isOpen || !session.topics.has(topic)) return positions.recovered(topic);
    const since = noPositions();
    since[topic] = last;
    this.hub
      .subscribeWithPositions(session, [topic], since)
      .then(({ streams }) => this.write(session, positions, streams))
      .catch((error: Error) => {
        // The browser reconnects and resumes from the last event it got.
        this.logger.warn(`SSE stream ${session.id} could not recover ${topic}: ${error.message}`);
        session.end({ code: CloseCode.InternalError, reason: 'error' });
      })
      .finally(() => positions.recovered(topic));
  }

  /** Writes each recovered topic's publications, or its `recovery` event. */
  private write(
    session: SseSession,
    positions: SsePositions,
    streams: Record<string, TopicStream>,
  ): void {
    for (const [topic, stream] of Object.entries(streams)) {
      if (stream.recovered === true) {
        for (const { offset, method, params } of stream.publications ?? []) {
          positions.set(topic, { epoch: stream.epoch, offset });
          session.stream.writeEvent(sseEvent(method, params));
        }
      }
      positions.set(topic, positionOf(stream));
      if (stream.recovered === false)
        session.stream.writeEvent(sseEvent(RECOVERY_EVENT, { topic, recovered: false }));
    }
  }
}

function positionOf({ epoch, offset }: TopicStream): StreamPosition {
  return { epoch, offset };
}

/** Positions by topic, without a prototype: no topic name reads an inherited member. */
function noPositions(): Record<string, StreamPosition> {
  return Object.create(null) as Record<string, StreamPosition>;
}
