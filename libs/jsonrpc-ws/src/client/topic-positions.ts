import type { RecoveredEvent, RecoveryCause } from './client-types';
import type { AnsweredStream, Publication, StreamPosition, SubscribeAnswer } from './publication';

/** A `subscribe` sent for topics that may keep history: what its answer settles. */
export interface StreamRequest {
  readonly serial: number;
  readonly topics: string[];
  /** Each topic's last position when the request was made: recover from there. */
  readonly since: Record<string, StreamPosition>;
  readonly cause: RecoveryCause;
}

export interface TopicPositionsHooks {
  /** A publication for the app: each once, in offset order per topic. */
  deliver(publication: Publication): void;
  recovered(event: RecoveredEvent): void;
  /** A gap on a live connection: send the request, then `settle` or `fail` it. */
  recover(request: StreamRequest): void;
}

interface TopicState {
  /** The last publication delivered, or the stream's top when subscribed; unknown until then. */
  position?: StreamPosition;
  /** The request whose answer the topic waits for: its publications are held meanwhile. */
  awaiting?: number;
  held: Publication[];
}

/**
 * Per topic with history: the last position the app has, so that duplicates are
 * dropped, a gap starts a recovery at once, and a (re)subscribe recovers from
 * there. While an answer is awaited the topic's live publications are held,
 * then delivered after the recovered ones, only those newer: whatever the order
 * in which the answer and the publications arrive, none is lost or repeated.
 */
export class TopicPositions {
  private readonly states = new Map<string, TopicState>();
  private serial = 0;

  constructor(private readonly hooks: TopicPositionsHooks) {}

  /** Before sending `subscribe`: holds the topics' publications; gives the positions to send. */
  begin(topics: string[], cause: RecoveryCause): StreamRequest {
    const serial = ++this.serial;
    const unique = [...new Set(topics)];
    const since: Record<string, StreamPosition> = {};
    for (const topic of unique) {
      let state = this.states.get(topic);
      if (!state) this.states.set(topic, (state = { held: [] }));
      state.awaiting = serial;
      if (state.position) since[topic] = { ...state.position };
    }
    return { serial, topics: unique, since, cause };
  }

  /** The request's answer: each topic's position, and what it missed. */
  settle(request: StreamRequest, answer: SubscribeAnswer): void {
    const subscribed = new Set(answer.subscribed);
    for (const topic of request.topics) {
      const state = this.states.get(topic);
      const stream = answer.streams[topic];
      if (!state) continue; // unsubscribed meanwhile
      if (state.awaiting !== request.serial) {
        // A later request settles the topic: what this one recovered are just more publications.
        if (stream?.recovered)
          for (const publication of stream.publications) this.publication(publication);
        continue;
      }
      state.awaiting = undefined;
      if (subscribed.has(topic) && stream) {
        this.open(topic, state, stream, request);
        continue;
      }
      this.states.delete(topic);
      // A server that no longer keeps the topic's history cannot say what was missed.
      if (subscribed.has(topic) && request.since[topic])
        this.report(topic, false, 0, request.cause);
    }
  }

  /** The request failed: lost with its connection (the next one recovers), or refused. */
  fail(request: StreamRequest, lost: boolean): void {
    for (const topic of request.topics) {
      const state = this.states.get(topic);
      if (!state || state.awaiting !== request.serial) continue;
      state.awaiting = undefined;
      if (!state.position) {
        this.states.delete(topic);
      } else if (lost) {
        state.held = [];
      } else {
        this.report(topic, false, 0, request.cause);
        // What comes next is where the app stands from now on.
        state.position = undefined;
        this.flush(topic, state);
      }
    }
  }

  /** A `publication` notification. */
  publication(publication: Publication): void {
    const state = this.states.get(publication.topic);
    if (!state) return this.hooks.deliver(publication);
    if (state.awaiting !== undefined) state.held.push(publication);
    else this.accept(publication.topic, state, publication);
  }

  /** The connection is gone: what was held goes (it is recovered on reconnect), answers awaited too. */
  lost(): void {
    for (const [topic, state] of this.states) {
      if (!state.position) this.states.delete(topic);
      state.awaiting = undefined;
      state.held = [];
    }
  }

  forget(topics: string[]): void {
    for (const topic of topics) this.states.delete(topic);
  }

  /** The position the app has of a topic, if known. */
  position(topic: string): StreamPosition | undefined {
    const position = this.states.get(topic)?.position;
    return position && { ...position };
  }

  private open(
    topic: string,
    state: TopicState,
    stream: AnsweredStream,
    request: StreamRequest,
  ): void {
    const since = request.since[topic];
    if (since) {
      const missed = stream.recovered === true ? contiguous(since, stream) : undefined;
      this.report(topic, missed !== undefined, missed?.length ?? 0, request.cause);
      for (const publication of missed ?? []) {
        if (this.states.get(topic) !== state) return;
        this.hooks.deliver(publication);
      }
    }
    state.position = { epoch: stream.epoch, offset: stream.offset };
    this.flush(topic, state);
  }

  private accept(topic: string, state: TopicState, publication: Publication): void {
    const last = state.position;
    if (last?.epoch === publication.epoch && publication.offset <= last.offset) return;
    if (last && (last.epoch !== publication.epoch || publication.offset > last.offset + 1)) {
      state.held.push(publication);
      this.hooks.recover(this.begin([topic], 'gap'));
      return;
    }
    // The next in order: same epoch, so only the offset moves (no object per publication).
    if (last) last.offset = publication.offset;
    else state.position = { epoch: publication.epoch, offset: publication.offset };
    this.hooks.deliver(publication);
  }

  /** Delivers what was held, in order; a gap among it holds the rest again. */
  private flush(topic: string, state: TopicState): void {
    const held = state.held;
    state.held = [];
    for (const publication of held) {
      if (this.states.get(topic) !== state) return;
      if (state.awaiting !== undefined) state.held.push(publication);
      else this.accept(topic, state, publication);
    }
  }

  private report(topic: string, recovered: boolean, publications: number, cause: RecoveryCause) {
    this.hooks.recovered({ topic, recovered, publications, cause });
  }
}

/**
 * The recovered publications, if they run from `since` to the stream's top
 * without a hole (the server promises as much; a partial set is never delivered).
 */
function contiguous(since: StreamPosition, stream: AnsweredStream): Publication[] | undefined {
  if (stream.epoch !== since.epoch) return undefined;
  const missed = stream.publications.filter((publication) => publication.offset > since.offset);
  const whole = missed.every((publication, i) => publication.offset === since.offset + 1 + i);
  return whole && since.offset + missed.length === stream.offset ? missed : undefined;
}
