import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Redis } from 'ioredis';
import { ClusterUnavailableError } from '../errors/cluster-unavailable.error';
import type { HubTarget, PresenceChange } from '../hub/hub-target';
import type { ClusterStats, HubTransport, UsersPage } from '../hub/hub-transport.interface';
import type { LocalDelivery } from '../hub/local-delivery';
import type { ConnectionInfo } from '../session/session-identity';
import { ClusterHistory, ClusterHistoryOptions } from './cluster-history';
import { ClusterMessage, encodeMessage, encodePush } from './cluster-envelope';
import {
  JsonRpcWsClusterOptions,
  ResolvedClusterOptions,
  resolveClusterOptions,
} from './cluster-options';
import { RedisChannels } from './redis-channels';
import { createCommandClient, createSubscriber } from './redis-clients';
import { RedisKeys } from './redis-keys';
import { RedisPresence } from './redis-presence';
import type { RedisTopicHistory } from './redis-topic-history';
import { sumNodeStats } from './sum-node-stats';

/**
 * Joins nodes through Redis: node-addressed channels for pushes and kicks to
 * users and connections, a channel per topic that a node listens to only while
 * it has local subscribers, one broadcast channel, and presence with per-node
 * liveness (see RedisPresence); topic history in Redis Streams (ClusterHistory).
 * While Redis is away, pushes reach this node's connections only, and pushes
 * with history and questions about other nodes fail at once.
 */
export class RedisHubTransport implements HubTransport {
  readonly nodeId = randomUUID();
  private readonly logger = new Logger('JsonRpcWs');
  private readonly options: ResolvedClusterOptions;
  private readonly keys: RedisKeys;
  private readonly command: Redis;
  private readonly subscriber: Redis;
  private readonly presence: RedisPresence;
  private readonly streams: ClusterHistory;
  private channels?: RedisChannels;
  private delivery?: LocalDelivery;
  private heartbeat?: NodeJS.Timeout;
  private stopped = false;
  /** Pushes that could not cross to other nodes since Redis went away (logged once per outage). */
  private unsent = 0;

  /**
   * @param history the bounds of topic history (`maxRecovered`, `metaTtlMs`,
   * `positionCheckMs`): `JsonRpcWsModule` passes its `history` option itself.
   */
  constructor(options: JsonRpcWsClusterOptions, history: ClusterHistoryOptions = {}) {
    this.options = resolveClusterOptions(options);
    this.keys = new RedisKeys(this.options.keyPrefix);
    this.command = createCommandClient(
      this.options.redis,
      this.options.commandTimeoutMs,
      this.logger,
    );
    this.subscriber = createSubscriber(this.command, this.logger);
    this.presence = new RedisPresence(this.command, this.options);
    this.streams = new ClusterHistory(this.command, this.keys, this.nodeId, history, this.logger);
  }

  /** Topic histories shared by the nodes (what the module's `TOPIC_HISTORY` is, in a cluster). */
  get history(): RedisTopicHistory {
    return this.streams.store;
  }

  bind(delivery: LocalDelivery): void {
    this.delivery = delivery;
    const channels = new RedisChannels({
      subscriber: this.subscriber,
      command: this.command,
      nodeId: this.nodeId,
      cluster: this.options,
      logger: this.logger,
      receive: (message) => this.receive(message),
      resubscribed: () => this.streams.resubscribed(),
    });
    this.streams.follow(delivery, channels);
    this.channels = channels;
    delivery.listen({
      topicOpened: (topic) => channels.openTopic(topic),
      topicClosed: (topic) => channels.closeTopic(topic),
    });
  }

  /** Connects, listens, registers this node's presence, and starts the heartbeat. */
  async start(): Promise<void> {
    const connected = await Promise.all([this.command.connect(), this.subscriber.connect()]).then(
      () => true,
      (error: Error) => {
        this.logger.warn(`Redis unreachable at startup (${error.message}): this node starts alone`);
        return false;
      },
    );
    // Every later 'ready' follows an outage: this node's presence is then rebuilt from its real connections.
    this.command.on('ready', () => void this.reconcile());
    const listening = this.channels!.start(this.delivery!.localTopics()).catch((error: Error) =>
      this.logger.warn(`Could not listen to other nodes yet: ${error.message}`),
    );
    if (connected) {
      await listening;
      await this.reconcile();
    }
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs).unref();
    this.streams.start();
    this.logger.log(`Cluster node ${this.nodeId} on Redis (key prefix ${this.options.keyPrefix})`);
  }

  /** Leaves the cluster at once: presence removed, connections closed. */
  async stop(): Promise<void> {
    const reachable = this.ready;
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.streams.stop();
    if (reachable) await this.presence.reap(this.nodeId).catch(() => undefined);
    await this.channels?.stop();
    await this.command.quit().catch(() => this.command.disconnect());
  }

  async publish(target: HubTarget, frame: string): Promise<number> {
    if (!this.ready) return this.notSent();
    try {
      switch (target.kind) {
        case 'topic':
        case 'broadcast': {
          const channel =
            target.kind === 'topic'
              ? this.keys.topicChannel(target.topic)
              : this.keys.broadcastChannel;
          await this.command.publish(channel, encodePush(this.nodeId, target, frame));
          return 0;
        }
        case 'user': {
          // Lookup and publishes in one script: one round trip, one PUBLISH per node.
          const text = encodePush(this.nodeId, target, frame);
          return await this.presence.pushToUser(target.userId, target.platform, this.nodeId, text);
        }
        case 'connection': {
          const remote = await this.presence.remoteConnections(target, this.nodeId);
          await this.sendToNodes(remote, encodePush(this.nodeId, target, frame));
          return remote.length;
        }
      }
    } catch (error) {
      return this.notSent(error);
    }
  }

  async kick(target: HubTarget, reason: string): Promise<number> {
    if (!this.ready) throw new ClusterUnavailableError('kick on other nodes');
    const remote = await this.presence.remoteConnections(target, this.nodeId);
    await this.sendToNodes(
      remote,
      encodeMessage({ kind: 'kick', from: this.nodeId, target, reason }),
    );
    return remote.length;
  }

  async connectionsOf(userId: string): Promise<ConnectionInfo[]> {
    if (!this.ready) throw new ClusterUnavailableError('presence of other nodes');
    const all = await this.presence.connectionsOf(userId);
    return all.filter((connection) => connection.nodeId !== this.nodeId);
  }

  announce(change: PresenceChange): void {
    // While Redis is away, presence is rebuilt from the real connections when it returns.
    if (!this.ready) return;
    const update =
      change.type === 'login'
        ? this.presence.login(change.connection)
        : this.presence.logout(change.connectionId);
    update.catch((error: Error) => this.logger.debug(`Presence update failed: ${error.message}`));
  }

  async onlineUsers(limit: number, cursor?: string): Promise<UsersPage> {
    if (!this.ready) throw new ClusterUnavailableError('users online');
    return this.presence.users(limit, cursor);
  }

  async clusterStats(): Promise<ClusterStats> {
    if (!this.ready) throw new ClusterUnavailableError('cluster stats');
    const [nodes, users] = await Promise.all([this.presence.nodes(), this.presence.users(0)]);
    return sumNodeStats(nodes, users.count);
  }

  private get ready(): boolean {
    return !this.stopped && this.command.status === 'ready';
  }

  /** One publish per node, whatever the number of its connections. */
  private async sendToNodes(connections: ConnectionInfo[], text: string): Promise<void> {
    const nodes = new Set(connections.map((connection) => connection.nodeId));
    await Promise.all(
      [...nodes].map((node) => this.command.publish(this.keys.nodeChannel(node), text)),
    );
  }

  private receive(message: ClusterMessage): void {
    if (message.kind === 'push') this.delivery?.deliver(message.target, message.frame);
    else if (message.kind === 'kick') this.delivery?.kick(message.target, message.reason);
    else if (message.kind === 'pub') this.streams.receive(message);
  }

  private notSent(error?: unknown): number {
    if (this.unsent++ === 0) {
      const why = error instanceof Error ? error.message : 'Redis is unreachable';
      this.logger.warn(`Pushes reach this node's connections only until Redis answers (${why})`);
    }
    return 0;
  }

  /** Makes this node's presence its real connections: after startup, and after every outage. */
  private async reconcile(): Promise<void> {
    if (this.stopped || !this.delivery) return;
    this.unsent = 0;
    try {
      await this.presence.reap(this.nodeId);
      const local = this.delivery.localConnections(this.nodeId);
      await Promise.all(local.map((connection) => this.presence.login(connection)));
      await this.beat();
    } catch (error) {
      this.logger.warn(`Could not register this node's presence: ${(error as Error).message}`);
    }
  }

  /** Tells the cluster this node is alive, removes nodes that are not, and probes pub/sub. */
  private async beat(): Promise<void> {
    if (!this.ready || !this.delivery) return;
    try {
      const dead = await this.presence.heartbeat(this.nodeId, this.delivery.counts());
      for (const node of dead.filter((id) => id !== this.nodeId)) {
        const removed = await this.presence.reap(node);
        this.logger.warn(
          `Cluster node ${node} stopped answering: its ${removed} connection(s) left presence`,
        );
      }
    } catch (error) {
      this.logger.debug(`Heartbeat failed: ${(error as Error).message}`);
    }
    this.channels?.probe(3 * this.options.heartbeatMs);
  }
}
