import { Inject, Injectable } from '@nestjs/common';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { LocalDelivery } from '../hub/local-delivery';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import type { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { policyFor } from './history-options';
import { positionedText, recoveredPublication } from './positioned-frame';
import { PositionedSubscriptions } from './positioned-subscriptions';
import { judgeRecovery } from './recovery';
import {
  HistoryPolicy,
  HistoryRead,
  StreamPosition,
  TOPIC_HISTORY,
  TopicHistory,
} from './topic-history.interface';
import type { TopicStream } from './topic-streams';

/**
 * Publishes to topics that keep history and opens positioned subscriptions to
 * them: their position, and what a subscriber missed since a position it had.
 */
@Injectable()
export class HistoryService {
  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    @Inject(TOPIC_HISTORY) private readonly history: TopicHistory,
    private readonly delivery: LocalDelivery,
    private readonly positioned: PositionedSubscriptions,
  ) {}

  /** Whether publications reach the other nodes through the history itself (the cluster's). */
  get reachesOtherNodes(): boolean {
    return this.history.loopsBack === true;
  }

  /** The topic's policy: the push's own (`false`: none), else the option's. */
  policyFor(topic: string, own?: HistoryPolicy | false): HistoryPolicy | undefined {
    if (own === false) return undefined;
    return own ?? policyFor(this.options.history, topic);
  }

  /**
   * Appends to the history and delivers; this node's subscribers reached, at once
   * when the store needs no I/O.
   */
  publish(topic: string, frame: string, policy: HistoryPolicy): number | Promise<number> {
    if (this.history.appendNow) {
      const position = this.history.appendNow(topic, frame, policy);
      return this.delivery.deliverPublication(topic, position, frame);
    }
    return this.history
      .append(topic, frame, policy)
      .then((position) =>
        this.history.loopsBack
          ? this.delivery.subscriberCount(topic)
          : this.delivery.deliverPublication(topic, position, frame),
      );
  }

  /** Holds the topics' publications for the session until `finish`: call before subscribing. */
  hold(session: JsonRpcSession, topics: string[]): void {
    for (const topic of topics) this.positioned.hold(session, topic);
  }

  /** Where each topic stands, and for those in `since`, what the session missed. */
  async streams(
    topics: string[],
    since: Record<string, StreamPosition> = {},
  ): Promise<Record<string, TopicStream>> {
    const { maxRecovered } = this.options.history;
    const entries = await Promise.all(
      topics.map(async (topic): Promise<[string, TopicStream]> => {
        await this.history.listening?.(topic);
        const from = Object.hasOwn(since, topic) ? since[topic] : undefined;
        if (!from) return [topic, position(await this.history.read(topic, Infinity, 0))];
        const read = await this.history.read(topic, from.offset, maxRecovered + 1);
        const { recovered, epoch, offset, publications } = judgeRecovery(from, read, maxRecovered);
        return [
          topic,
          { epoch, offset, recovered, publications: publications.map(recoveredPublication) },
        ];
      }),
    );
    return Object.fromEntries(entries);
  }

  /**
   * Sends, after the answer, what arrived while the topics were held (only what
   * is newer than the position the answer gave), then delivers them live. A
   * topic the session did not end up subscribed to returns to plain delivery.
   */
  finish(session: JsonRpcSession, topics: string[], streams: Record<string, TopicStream>): void {
    // After the answer: the dispatcher writes it once this call's promise settles.
    setImmediate(() => {
      for (const topic of topics) {
        if (!session.topics.has(topic)) {
          this.positioned.forget(session, topic);
          continue;
        }
        const stream = streams[topic];
        for (const { position, frame } of this.positioned.release(session, topic)) {
          if (!stream || position.epoch !== stream.epoch || position.offset > stream.offset) {
            session.send(positionedText(topic, position, frame));
          }
        }
      }
    });
  }

  /** Plain notifications again for these topics (on unsubscribe). */
  forget(session: JsonRpcSession, topics: string[]): void {
    for (const topic of topics) this.positioned.forget(session, topic);
  }

  /** Drops a topic's history: its next publication starts a new epoch. */
  reset(topic: string): Promise<void> {
    return this.history.reset(topic);
  }

  /** The topic's position and publications after `after` (the admin API's history). */
  read(topic: string, after: number, limit: number): Promise<HistoryRead> {
    return this.history.read(topic, after, limit);
  }
}

function position(read: HistoryRead): TopicStream {
  return { epoch: read.epoch, offset: read.offset };
}
