import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ClusterUnavailableError } from '../errors/cluster-unavailable.error';
import { ClusterMessage, decodeMessage, encodeMessage } from './cluster-envelope';
import type { ResolvedClusterOptions } from './cluster-options';
import type { TopicListener } from './publication-sequencer';
import { RedisKeys } from './redis-keys';

export interface RedisChannelsOptions {
  subscriber: Redis;
  command: Redis;
  nodeId: string;
  /** Its key prefix, and the longest wait for a subscription or a fence (commandTimeoutMs). */
  cluster: Pick<ResolvedClusterOptions, 'keyPrefix' | 'commandTimeoutMs'>;
  logger: Logger;
  receive(message: ClusterMessage): void;
  /** The subscriber reconnected (ioredis re-subscribed): messages may have been lost meanwhile. */
  resubscribed(): void;
}

/**
 * This node's pub/sub side: its own channel, the broadcast channel, and one
 * channel per topic for as long as the node has a local subscriber to it (so
 * a publication crosses Redis once per node that needs it). A probe sent to
 * the node's own channel every heartbeat proves the subscription alive; when
 * probes stop arriving although Redis answers commands, the subscriber
 * connection is silently dead and is rebuilt.
 */
export class RedisChannels implements TopicListener {
  private readonly keys: RedisKeys;
  private readonly subscriber: Redis;
  private readonly command: Redis;
  /** Each topic listened to, with the promise of its subscription being in effect. */
  private readonly topics = new Map<string, Promise<void>>();
  private lastProbeAt = Date.now();

  constructor(private readonly options: RedisChannelsOptions) {
    this.keys = new RedisKeys(options.cluster.keyPrefix);
    this.subscriber = options.subscriber;
    this.command = options.command;
    this.subscriber.on('messageBuffer', (_channel: Buffer, raw: Buffer) => this.onMessage(raw));
    this.subscriber.on('ready', () => this.onReady());
  }

  /** Subscribes to the node's and the broadcast channel, and to the given topics. */
  async start(topics: string[]): Promise<void> {
    const subscribed = this.subscriber.subscribe(
      this.keys.nodeChannel(this.options.nodeId),
      this.keys.broadcastChannel,
      ...topics.map((t) => this.keys.topicChannel(t)),
    );
    const inEffect = subscribed.then(() => undefined);
    inEffect.catch(() => undefined);
    for (const topic of topics) this.topics.set(topic, inEffect);
    await subscribed;
    this.lastProbeAt = Date.now();
  }

  /** The first local subscriber of a topic joined. */
  openTopic(topic: string): void {
    if (this.topics.has(topic)) return;
    const subscribed = this.subscriber
      .subscribe(this.keys.topicChannel(topic))
      .then(() => undefined);
    this.topics.set(topic, subscribed);
    subscribed.catch((error: Error) => {
      // Rolled back, so that the next local subscriber tries again.
      if (this.topics.get(topic) === subscribed) this.topics.delete(topic);
      this.options.logger.warn(`Could not listen to topic ${topic} across nodes: ${error.message}`);
    });
  }

  /** The last local subscriber of a topic left. */
  closeTopic(topic: string): void {
    if (!this.topics.delete(topic)) return;
    this.subscriber.unsubscribe(this.keys.topicChannel(topic)).catch(() => undefined);
  }

  isListening(topic: string): boolean {
    return this.topics.has(topic);
  }

  /**
   * Resolves once publications of the topic reach this node; fails at once
   * while Redis is away. A topic whose subscription failed is tried again
   * (it is asked about because it has a local subscriber).
   */
  async listening(topic: string): Promise<void> {
    if (this.subscriber.status !== 'ready' || this.command.status !== 'ready')
      throw new ClusterUnavailableError('topic history');
    if (!this.topics.has(topic)) this.openTopic(topic);
    await this.bounded(this.topics.get(topic)!);
  }

  /**
   * Resolves once every message Redis sent this node's subscriber before now
   * has been received: a PING on that connection is answered after them.
   */
  async fence(): Promise<void> {
    if (this.subscriber.status !== 'ready') throw new ClusterUnavailableError('topic history');
    await this.bounded(this.subscriber.ping());
  }

  /** Sends a probe through Redis to this node; rebuilds the subscriber if earlier ones were lost. */
  probe(deadAfterMs: number): void {
    if (this.command.status !== 'ready') return;
    if (this.subscriber.status === 'ready' && Date.now() - this.lastProbeAt > deadAfterMs) {
      this.options.logger.warn(
        'Redis pub/sub connection is silent although Redis answers: rebuilding it',
      );
      this.lastProbeAt = Date.now();
      // ioredis reconnects and re-subscribes every channel by itself.
      this.subscriber.disconnect(true);
      return;
    }
    const probe = encodeMessage({ kind: 'probe', from: this.options.nodeId });
    this.command.publish(this.keys.nodeChannel(this.options.nodeId), probe).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.topics.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  /**
   * After a reconnect ioredis has re-sent every SUBSCRIBE before this runs: a
   * PING answered after them tells when the topics are listened to again.
   */
  private onReady(): void {
    if (this.topics.size === 0) return;
    const inEffect = this.subscriber.ping().then(() => undefined);
    inEffect.catch(() => undefined);
    for (const topic of this.topics.keys()) this.topics.set(topic, inEffect);
    this.options.resubscribed();
  }

  private onMessage(raw: Buffer): void {
    const message = decodeMessage(raw);
    if (!message) return;
    if (message.kind === 'probe') {
      if (message.from === this.options.nodeId) this.lastProbeAt = Date.now();
      return;
    }
    // A node hears its own topic pushes and broadcasts: it has served them locally already.
    // Publications with history are the exception: every node delivers them in Redis's order.
    if (message.from === this.options.nodeId && message.kind !== 'pub') return;
    this.options.receive(message);
  }

  /** The promise, or ClusterUnavailableError past the timeout (the subscriber may be queueing). */
  private bounded<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ClusterUnavailableError('topic history')),
        this.options.cluster.commandTimeoutMs,
      );
    });
    return Promise.race([promise, timeout])
      .catch((error: unknown) => {
        throw error instanceof ClusterUnavailableError
          ? error
          : new ClusterUnavailableError('topic history');
      })
      .finally(() => clearTimeout(timer));
  }
}
