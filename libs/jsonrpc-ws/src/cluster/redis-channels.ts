import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ClusterMessage, decodeMessage, encodeMessage } from './cluster-envelope';
import { RedisKeys } from './redis-keys';

/**
 * This node's pub/sub side: its own channel, the broadcast channel, and one
 * channel per topic for as long as the node has a local subscriber to it (so
 * a publication crosses Redis once per node that needs it). A probe sent to
 * the node's own channel every heartbeat proves the subscription alive; when
 * probes stop arriving although Redis answers commands, the subscriber
 * connection is silently dead and is rebuilt.
 */
export class RedisChannels {
  private readonly keys: RedisKeys;
  private readonly topics = new Set<string>();
  private lastProbeAt = Date.now();

  constructor(
    private readonly subscriber: Redis,
    private readonly command: Redis,
    private readonly nodeId: string,
    prefix: string,
    private readonly logger: Logger,
    private readonly receive: (message: ClusterMessage) => void,
  ) {
    this.keys = new RedisKeys(prefix);
    subscriber.on('messageBuffer', (_channel: Buffer, raw: Buffer) => this.onMessage(raw));
  }

  /** Subscribes to the node's and the broadcast channel, and to the given topics. */
  async start(topics: string[]): Promise<void> {
    for (const topic of topics) this.topics.add(topic);
    const channels = [this.keys.nodeChannel(this.nodeId), this.keys.broadcastChannel];
    await this.subscriber.subscribe(...channels, ...topics.map((t) => this.keys.topicChannel(t)));
    this.lastProbeAt = Date.now();
  }

  /** The first local subscriber of a topic joined. */
  openTopic(topic: string): void {
    if (this.topics.has(topic)) return;
    this.topics.add(topic);
    this.subscriber.subscribe(this.keys.topicChannel(topic)).catch((error: Error) => {
      // Rolled back, so that the next local subscriber tries again.
      this.topics.delete(topic);
      this.logger.warn(`Could not listen to topic ${topic} across nodes: ${error.message}`);
    });
  }

  /** The last local subscriber of a topic left. */
  closeTopic(topic: string): void {
    if (!this.topics.delete(topic)) return;
    this.subscriber.unsubscribe(this.keys.topicChannel(topic)).catch(() => undefined);
  }

  /** Sends a probe through Redis to this node; rebuilds the subscriber if earlier ones were lost. */
  probe(deadAfterMs: number): void {
    if (this.command.status !== 'ready') return;
    if (this.subscriber.status === 'ready' && Date.now() - this.lastProbeAt > deadAfterMs) {
      this.logger.warn('Redis pub/sub connection is silent although Redis answers: rebuilding it');
      this.lastProbeAt = Date.now();
      // ioredis reconnects and re-subscribes every channel by itself.
      this.subscriber.disconnect(true);
      return;
    }
    const probe = encodeMessage({ kind: 'probe', from: this.nodeId });
    this.command.publish(this.keys.nodeChannel(this.nodeId), probe).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.topics.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private onMessage(raw: Buffer): void {
    const message = decodeMessage(raw);
    if (!message) return;
    if (message.kind === 'probe') {
      if (message.from === this.nodeId) this.lastProbeAt = Date.now();
      return;
    }
    // A node hears its own topic publications and broadcasts: it has served them locally already.
    if (message.from === this.nodeId) return;
    this.receive(message);
  }
}
