import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HISTORY_DEFAULTS, JsonRpcWsHistoryOptions } from '../history/history-options';
import type { LocalDelivery } from '../hub/local-delivery';
import type { ClusterMessage } from './cluster-envelope';
import { PublicationSequencer, TopicListener } from './publication-sequencer';
import type { RedisKeys } from './redis-keys';
import { RedisTopicHistory } from './redis-topic-history';

/**
 * The bounds of the `history` option the cluster's history needs (the module
 * passes its own `history` option; which topics keep history is the hub's
 * business). Defaults as in the option.
 */
export type ClusterHistoryOptions = Pick<
  JsonRpcWsHistoryOptions,
  'maxRecovered' | 'metaTtlMs' | 'positionCheckMs'
>;

/**
 * A node's share of the cluster's topic history: the streams in Redis, and
 * the delivery of their publications to this node's subscribers, in order and
 * each once, whatever pub/sub loses.
 */
export class ClusterHistory {
  readonly store: RedisTopicHistory;
  private sequencer?: PublicationSequencer;

  constructor(
    command: Redis,
    keys: RedisKeys,
    nodeId: string,
    private readonly options: ClusterHistoryOptions,
    private readonly logger: Logger,
  ) {
    const metaTtlMs = options.metaTtlMs ?? HISTORY_DEFAULTS.metaTtlMs;
    this.store = new RedisTopicHistory(command, keys, nodeId, metaTtlMs, logger);
  }

  /** Delivers what the topic channels bring through `delivery`; once, when the node binds. */
  follow(delivery: LocalDelivery, channels: TopicListener): void {
    const maxRepair = this.options.maxRecovered ?? HISTORY_DEFAULTS.maxRecovered;
    const sequencer = new PublicationSequencer(
      this.store,
      delivery,
      channels,
      maxRepair,
      this.logger,
    );
    delivery.listen({ topicClosed: (topic) => sequencer.forget(topic) });
    this.store.follow(sequencer);
    this.sequencer = sequencer;
  }

  receive(message: Extract<ClusterMessage, { kind: 'pub' }>): void {
    this.sequencer?.receive(message.topic, message.position, message.frame);
  }

  /** Pub/sub reconnected: what it lost meanwhile is found now, not at the next periodic check. */
  resubscribed(): void {
    void this.sequencer?.checkAll();
  }

  start(): void {
    this.sequencer?.start(this.options.positionCheckMs ?? HISTORY_DEFAULTS.positionCheckMs);
  }

  stop(): void {
    this.sequencer?.stop();
  }
}
