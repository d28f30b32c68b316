import type { Logger } from '@nestjs/common';
import type { HistoryRead, StreamPosition } from '../history/topic-history.interface';
import type { LocalDelivery } from '../hub/local-delivery';
import type { HistoryFollower } from './redis-topic-history';

/** What the sequencer needs of this node's pub/sub side (RedisChannels). */
export interface TopicListener {
  isListening(topic: string): boolean;
  /** Resolves once this node's subscription to the topic is in effect. */
  listening(topic: string): Promise<void>;
  /** Resolves once everything Redis sent this node's subscriber so far has been received. */
  fence(): Promise<void>;
}

/** The stream, read without waiting for pub/sub (RedisTopicHistory.readStream). */
export interface StreamReader {
  readStream(topic: string, after: number, limit: number): Promise<HistoryRead>;
}

type Item = { position: StreamPosition; frame: Buffer | string } | { top: StreamPosition };

interface Sequence {
  /** Of the last publication delivered here; undefined until the first (or a check) sets it. */
  epoch?: string;
  offset: number;
  /** While missing publications are read from the stream: what arrived meanwhile, in order. */
  queued?: Item[];
  repairing?: Promise<void>;
}

/**
 * Delivers a node's publications of topics with history in offset order, each
 * once. Pub/sub is at most once (a reconnect loses messages), so a publication
 * already delivered is dropped, and a gap (offset > last + 1) is filled from
 * the stream before what follows it. A periodic check compares each topic's
 * stream top with the last delivered, which catches a lost last publication.
 */
export class PublicationSequencer implements HistoryFollower {
  private readonly sequences = new Map<string, Sequence>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly stream: StreamReader,
    private readonly delivery: Pick<LocalDelivery, 'deliverPublication'>,
    private readonly channels: TopicListener,
    /** Most publications one repair reads; past that subscribers see the gap and recover. */
    private readonly maxRepair: number,
    private readonly logger: Logger,
  ) {}

  /** Starts the periodic position check (0: none). */
  start(positionCheckMs: number): void {
    if (positionCheckMs > 0)
      this.timer = setInterval(() => void this.checkAll(), positionCheckMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sequences.clear();
  }

  /** A publication from Redis. */
  receive(topic: string, position: StreamPosition, frame: Buffer): void {
    // Still in flight after this node stopped listening: no one here to deliver to.
    if (!this.channels.isListening(topic)) return;
    const sequence = this.sequenceOf(topic);
    if (sequence.queued) sequence.queued.push({ position, frame });
    else this.apply(topic, sequence, { position, frame });
  }

  /** The topic lost its last local subscriber: its next subscription starts afresh. */
  forget(topic: string): void {
    this.sequences.delete(topic);
  }

  async listening(topic: string): Promise<void> {
    await this.channels.listening(topic);
    if (this.sequences.has(topic) || !this.channels.isListening(topic)) return;
    this.sequenceOf(topic);
    // The position this node starts from, so that even its first publication's loss shows.
    void this.check([topic]);
  }

  async caughtUp(topic: string): Promise<void> {
    if (!this.channels.isListening(topic)) return;
    await this.channels.fence();
    for (let s = this.sequences.get(topic); s?.repairing; s = this.sequences.get(topic))
      await s.repairing;
  }

  /** Checks every topic this node delivers (periodically, and after pub/sub reconnected). */
  checkAll(): Promise<void> {
    return this.check([...this.sequences.keys()]);
  }

  /**
   * Reads each topic's stream top between two fences: after the second, every
   * publication made before the read has been received here, so a top above the
   * last delivered is a real loss.
   */
  private async check(topics: string[]): Promise<void> {
    if (topics.length === 0) return;
    try {
      await this.channels.fence();
      const checked = topics.map((topic) => [topic, this.sequences.get(topic)] as const);
      const tops = await Promise.all(
        checked.map(([topic]) => this.stream.readStream(topic, Infinity, 0)),
      );
      await this.channels.fence();
      checked.forEach(([topic, sequence], i) => {
        if (!sequence || this.sequences.get(topic) !== sequence) return;
        const top = { epoch: tops[i]!.epoch, offset: tops[i]!.offset };
        if (sequence.queued) sequence.queued.push({ top });
        else this.compare(topic, sequence, top);
      });
    } catch (error) {
      this.logger.debug(`Topic position check failed: ${(error as Error).message}`);
    }
  }

  private sequenceOf(topic: string): Sequence {
    let sequence = this.sequences.get(topic);
    if (!sequence) this.sequences.set(topic, (sequence = { offset: 0 }));
    return sequence;
  }

  private apply(topic: string, sequence: Sequence, item: Item): void {
    if ('top' in item) return this.compare(topic, sequence, item.top);
    const { position } = item;
    if (position.epoch === sequence.epoch) {
      if (position.offset <= sequence.offset) return;
      if (position.offset > sequence.offset + 1)
        return this.repair(
          topic,
          sequence,
          position.epoch,
          sequence.offset,
          position.offset - 1,
          item,
        );
    } else if (sequence.epoch !== undefined && position.offset > 1) {
      // A new epoch began while this node listened: its first publications were lost on the way.
      return this.repair(topic, sequence, position.epoch, 0, position.offset - 1, item);
    }
    this.deliver(topic, sequence, position, item.frame);
  }

  /** After a check: every publication up to `top` should have been delivered. */
  private compare(topic: string, sequence: Sequence, top: StreamPosition): void {
    if (sequence.epoch === undefined) {
      sequence.epoch = top.epoch;
      sequence.offset = top.offset;
    } else if (top.epoch === sequence.epoch) {
      if (top.offset > sequence.offset)
        this.repair(topic, sequence, top.epoch, sequence.offset, top.offset);
    } else if (top.offset > 0) {
      this.repair(topic, sequence, top.epoch, 0, top.offset);
    } else {
      sequence.epoch = top.epoch;
      sequence.offset = 0;
    }
  }

  /** Delivers the publications after `after` up to `upTo` from the stream, then `next` and the queue. */
  private repair(
    topic: string,
    sequence: Sequence,
    epoch: string,
    after: number,
    upTo: number,
    next?: Item,
  ): void {
    sequence.queued = next ? [next] : [];
    sequence.repairing = this.fill(topic, sequence, epoch, after, upTo).then(() =>
      this.drain(topic, sequence, next !== undefined),
    );
  }

  private async fill(
    topic: string,
    sequence: Sequence,
    epoch: string,
    after: number,
    upTo: number,
  ): Promise<void> {
    const missing = upTo - after;
    if (missing <= this.maxRepair) {
      try {
        const read = await this.stream.readStream(topic, after, missing);
        if (this.sequences.get(topic) !== sequence || read.epoch !== epoch) return;
        for (const { offset, frame } of read.publications)
          if (offset > after && offset <= upTo)
            this.deliver(topic, sequence, { offset, epoch }, frame);
        this.logger.debug(
          `Topic ${topic}: ${read.publications.length} lost publication(s) re-read`,
        );
      } catch (error) {
        // Left as it was: the next publication or check tries again.
        this.logger.debug(`Topic ${topic}: lost publications not re-read: ${String(error)}`);
        return;
      }
    } else this.logger.debug(`Topic ${topic}: ${missing} publications lost, too many to re-read`);
    // What the stream no longer holds (or too much of it) is lost here: subscribers see the gap and recover.
    if (sequence.epoch !== epoch || sequence.offset < upTo) {
      sequence.epoch = epoch;
      sequence.offset = upTo;
    }
  }

  /**
   * Delivers what arrived during the repair. The publication that revealed the
   * gap goes out whatever the repair managed (else a failing read would loop).
   */
  private drain(topic: string, sequence: Sequence, forceFirst: boolean): void {
    const queued = sequence.queued ?? [];
    sequence.queued = undefined;
    sequence.repairing = undefined;
    if (this.sequences.get(topic) !== sequence) return;
    let i = 0;
    const first = queued[0];
    if (forceFirst && first && 'position' in first) {
      i++;
      const { position, frame } = first;
      if (position.epoch !== sequence.epoch || position.offset > sequence.offset)
        this.deliver(topic, sequence, position, frame);
    }
    for (; i < queued.length && !repairing(sequence); i++) this.apply(topic, sequence, queued[i]!);
    // Another gap: the rest waits for that repair, in order.
    if (i < queued.length) sequence.queued!.push(...queued.slice(i));
  }

  private deliver(
    topic: string,
    s: Sequence,
    position: StreamPosition,
    frame: Buffer | string,
  ): void {
    s.epoch = position.epoch;
    s.offset = position.offset;
    this.delivery.deliverPublication(topic, position, frame);
  }
}

function repairing(sequence: Sequence): boolean {
  return sequence.queued !== undefined;
}
