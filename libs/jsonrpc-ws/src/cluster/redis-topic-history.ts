import type { Logger } from '@nestjs/common';
import { randomBytes } from 'crypto';
import type { Redis } from 'ioredis';
import { ClusterUnavailableError } from '../errors/cluster-unavailable.error';
import type {
  HistoryPolicy,
  HistoryRead,
  StreamPosition,
  TopicHistory,
} from '../history/topic-history.interface';
import { publicationHead } from './cluster-envelope';
import { APPEND, READ } from './history.scripts';
import type { RedisKeys } from './redis-keys';

/** The ioredis commands `defineCommand` adds for the scripts. */
interface HistoryCommands {
  jrwsHistoryAppend(stream: string, meta: string, ...args: string[]): Promise<[string, number]>;
  jrwsHistoryRead(
    stream: string,
    meta: string,
    ...args: string[]
  ): Promise<[string, string, Array<[string, string[]]>]>;
}

/** What this node's pub/sub side tells the history (the PublicationSequencer). */
export interface HistoryFollower {
  /** Resolves once the topic's publications reach this node. */
  listening(topic: string): Promise<void>;
  /** Resolves once what Redis published to the topic so far has been delivered here. */
  caughtUp(topic: string): Promise<void>;
}

/**
 * Topic history shared by the nodes, in Redis Streams: one script appends,
 * numbers and publishes each publication, so every node sees the same offsets
 * in the same order, and delivers it when it comes back from Redis (the
 * publisher too: `loopsBack`). While Redis is unreachable it refuses with
 * `ClusterUnavailableError` rather than deliver without history.
 */
export class RedisTopicHistory implements TopicHistory {
  readonly loopsBack = true;
  private readonly redis: Redis & HistoryCommands;
  private follower?: HistoryFollower;
  /** Logged once per outage. */
  private down = false;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
    private readonly nodeId: string,
    private readonly metaTtlMs: number,
    private readonly logger: Logger,
  ) {
    redis.defineCommand('jrwsHistoryAppend', { numberOfKeys: 2, lua: APPEND });
    redis.defineCommand('jrwsHistoryRead', { numberOfKeys: 2, lua: READ });
    redis.on('ready', () => (this.down = false));
    this.redis = redis as Redis & HistoryCommands;
  }

  /** Makes `listening` and `read` wait for this node's pub/sub (set once the node has one). */
  follow(follower: HistoryFollower): void {
    this.follower = follower;
  }

  async append(topic: string, frame: string, policy: HistoryPolicy): Promise<StreamPosition> {
    const [epoch, offset] = await this.run(() =>
      this.redis.jrwsHistoryAppend(
        this.keys.historyStream(topic),
        this.keys.historyMeta(topic),
        newEpoch(),
        String(policy.size),
        String(policy.ttlMs),
        String(Math.max(this.metaTtlMs, policy.ttlMs)),
        this.keys.topicChannel(topic),
        publicationHead(this.nodeId, topic),
        frame,
      ),
    );
    return { epoch, offset: Number(offset) };
  }

  async read(topic: string, after: number, limit: number): Promise<HistoryRead> {
    const read = await this.readStream(topic, after, limit);
    // Everything up to the read's top has reached this node's subscribers, so a recovery
    // answering up to offset N is followed, live, by exactly the publications after N.
    await this.follower?.caughtUp(topic);
    return read;
  }

  /** `read()` without waiting for this node's pub/sub (what the sequencer itself reads). */
  async readStream(topic: string, after: number, limit: number): Promise<HistoryRead> {
    const count = Number.isFinite(after) ? Math.max(0, Math.floor(limit)) : 0;
    const from = Number.isFinite(after) ? Math.max(0, Math.floor(after)) + 1 : 0;
    const [epoch, offset, entries] = await this.run(() =>
      this.redis.jrwsHistoryRead(
        this.keys.historyStream(topic),
        this.keys.historyMeta(topic),
        newEpoch(),
        String(this.metaTtlMs),
        String(from),
        String(count),
      ),
    );
    const publications = entries.map(([id, fields]) => ({
      offset: parseInt(id, 10),
      frame: fields[fields.indexOf('f') + 1] ?? '',
    }));
    return { epoch, offset: Number(offset), publications };
  }

  async reset(topic: string): Promise<void> {
    await this.run(() =>
      this.redis.del(this.keys.historyStream(topic), this.keys.historyMeta(topic)),
    );
  }

  async listening(topic: string): Promise<void> {
    await this.follower?.listening(topic);
  }

  /** Runs a command; an outage (not an error Redis answered) becomes ClusterUnavailableError. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') throw this.unavailable();
    try {
      return await command();
    } catch (error) {
      if ((error as Error).name === 'ReplyError') throw error;
      throw this.unavailable(error);
    }
  }

  private unavailable(error?: unknown): ClusterUnavailableError {
    if (!this.down) {
      this.down = true;
      const why = error instanceof Error ? error.message : 'Redis is unreachable';
      this.logger.warn(
        `Topic history unavailable (${why}): pushes to topics with history and recoveries fail with 503 until Redis answers`,
      );
    }
    return new ClusterUnavailableError('topic history');
  }
}

/** An identity no earlier stream of the topic had (8 hex digits, as on a single node). */
function newEpoch(): string {
  return randomBytes(4).toString('hex');
}
