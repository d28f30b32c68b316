import { randomUUID } from 'crypto';
import type {
  HistoryPolicy,
  HistoryRead,
  StoredPublication,
  StreamPosition,
  TopicHistory,
} from './topic-history.interface';

const SWEEP_INTERVAL_MS = 60_000;

interface Stream {
  epoch: string;
  offset: number;
  /** The latest `size` publications, oldest first. */
  publications: StoredPublication[];
  lastPublishedAt: number;
  ttlMs: number;
}

/**
 * Topic histories of a single node. A stream keeps its last `size` publications
 * until `ttlMs` after its last one, and its epoch and offset until `metaTtlMs`
 * after it: past that the next publication starts a new epoch, as the Redis one does.
 */
export class InMemoryTopicHistory implements TopicHistory {
  private readonly streams = new Map<string, Stream>();
  private sweptAt = 0;

  constructor(
    private readonly metaTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  append(topic: string, frame: string, policy: HistoryPolicy): Promise<StreamPosition> {
    return Promise.resolve(this.appendNow(topic, frame, policy));
  }

  appendNow(topic: string, frame: string, policy: HistoryPolicy): StreamPosition {
    this.sweep();
    const stream = this.live(topic) ?? this.create(topic);
    stream.offset++;
    stream.publications.push({ offset: stream.offset, frame });
    if (stream.publications.length > policy.size) {
      stream.publications.splice(0, stream.publications.length - policy.size);
    }
    stream.lastPublishedAt = this.now();
    stream.ttlMs = policy.ttlMs;
    return { offset: stream.offset, epoch: stream.epoch };
  }

  read(topic: string, after: number, limit: number): Promise<HistoryRead> {
    this.sweep();
    const stream = this.live(topic) ?? this.create(topic);
    const publications = stream.publications.filter((p) => p.offset > after).slice(0, limit);
    return Promise.resolve({ epoch: stream.epoch, offset: stream.offset, publications });
  }

  reset(topic: string): Promise<void> {
    this.streams.delete(topic);
    return Promise.resolve();
  }

  /** Now and then, forgets every stream past its meta TTL: topics nobody uses again cost nothing. */
  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < SWEEP_INTERVAL_MS) return;
    this.sweptAt = now;
    for (const topic of [...this.streams.keys()]) this.live(topic);
  }

  /** The topic's stream, its publications dropped once their TTL passed; undefined once its meta expired. */
  private live(topic: string): Stream | undefined {
    const stream = this.streams.get(topic);
    if (!stream) return undefined;
    const idle = this.now() - stream.lastPublishedAt;
    if (idle > Math.max(this.metaTtlMs, stream.ttlMs)) {
      this.streams.delete(topic);
      return undefined;
    }
    if (idle > stream.ttlMs) stream.publications = [];
    return stream;
  }

  private create(topic: string): Stream {
    const stream: Stream = {
      epoch: randomUUID().slice(0, 8),
      offset: 0,
      publications: [],
      lastPublishedAt: this.now(),
      ttlMs: 0,
    };
    this.streams.set(topic, stream);
    return stream;
  }
}
