import type { Redis } from 'ioredis';
import type { HubTarget } from '../hub/hub-target';
import type { ConnectionInfo } from '../session/session-identity';
import type { ResolvedClusterOptions } from './cluster-options';
import {
  CLUSTER_STATS,
  CONNECTIONS_OF,
  HEARTBEAT,
  LOGIN,
  LOGOUT,
  PUSH_TO_USER,
  REAP_NODE,
} from './presence.scripts';
import { RedisKeys } from './redis-keys';

/** The ioredis commands `defineCommand` adds for the scripts. */
interface PresenceCommands {
  jrwsLogin(k1: string, k2: string, k3: string, ...args: string[]): Promise<number>;
  jrwsLogout(k1: string, k2: string, k3: string, ...args: string[]): Promise<number>;
  jrwsReap(k1: string, k2: string, k3: string, ...args: string[]): Promise<number>;
  jrwsHeartbeat(k1: string, k2: string, k3: string, ...args: string[]): Promise<string[]>;
  jrwsConnectionsOf(k1: string, k2: string, k3: string, ...args: string[]): Promise<string[]>;
  jrwsClusterStats(k1: string, k2: string, k3: string, ...args: string[]): Promise<string[]>;
  jrwsPushToUser(k1: string, k2: string, k3: string, ...args: string[]): Promise<number>;
}

/** One page of the cluster's online users, in code-point order. */
export interface RemoteUsersPage {
  count: number;
  users: string[];
  nextCursor: string | null;
}

/**
 * Presence in Redis: who is logged in where, which nodes are alive, and what
 * each node counts. Every update is one script, atomic (see presence.scripts.ts).
 */
export class RedisPresence {
  private readonly redis: Redis & PresenceCommands;
  private readonly keys: RedisKeys;

  constructor(
    redis: Redis,
    private readonly options: ResolvedClusterOptions,
  ) {
    this.keys = new RedisKeys(options.keyPrefix);
    const scripts = {
      jrwsLogin: LOGIN,
      jrwsLogout: LOGOUT,
      jrwsReap: REAP_NODE,
      jrwsHeartbeat: HEARTBEAT,
      jrwsConnectionsOf: CONNECTIONS_OF,
      jrwsClusterStats: CLUSTER_STATS,
      jrwsPushToUser: PUSH_TO_USER,
    };
    for (const [name, lua] of Object.entries(scripts))
      redis.defineCommand(name, { numberOfKeys: 3, lua });
    this.redis = redis as Redis & PresenceCommands;
  }

  login(info: ConnectionInfo): Promise<number> {
    const args = [this.tag, info.connectionId, info.userId, info.nodeId, JSON.stringify(info)];
    return this.redis.jrwsLogin(...this.indexKeys, ...args);
  }

  logout(connectionId: string): Promise<number> {
    return this.redis.jrwsLogout(...this.indexKeys, this.tag, connectionId);
  }

  /** Removes a node and its connections; resolves to how many connections it had. */
  reap(nodeId: string): Promise<number> {
    return this.redis.jrwsReap(...this.indexKeys, this.tag, nodeId);
  }

  /** Records this node as alive with its counts; resolves to the nodes that are not. */
  heartbeat(nodeId: string, stats: object): Promise<string[]> {
    const { nodeTimeoutMs } = this.options;
    const args = [nodeId, JSON.stringify(stats), String(nodeTimeoutMs), String(nodeTimeoutMs)];
    return this.redis.jrwsHeartbeat(...this.indexKeys, this.tag, ...args);
  }

  /** A user's logged-in connections on live nodes. */
  async connectionsOf(userId: string): Promise<ConnectionInfo[]> {
    const timeout = String(this.options.nodeTimeoutMs);
    const raw = await this.redis.jrwsConnectionsOf(...this.indexKeys, this.tag, userId, timeout);
    return raw.map((entry) => JSON.parse(entry) as ConnectionInfo);
  }

  /**
   * Publishes `message` to every other live node holding a connection of the user (on
   * one platform if given), in one round trip; resolves to how many connections.
   */
  pushToUser(
    userId: string,
    platform: string | undefined,
    fromNode: string,
    message: string,
  ): Promise<number> {
    const timeout = String(this.options.nodeTimeoutMs);
    const args = [userId, platform ?? '', timeout, this.keys.prefix, fromNode, message];
    return this.redis.jrwsPushToUser(...this.indexKeys, this.tag, ...args);
  }

  /** A logged-in connection anywhere in the cluster. */
  async connection(connectionId: string): Promise<ConnectionInfo | undefined> {
    const raw = await this.redis.hget(this.keys.connections, connectionId);
    return raw ? (JSON.parse(raw) as ConnectionInfo) : undefined;
  }

  /** Connections of a user or connection target on live nodes other than `nodeId`. */
  async remoteConnections(target: HubTarget, nodeId: string): Promise<ConnectionInfo[]> {
    if (target.kind === 'user') {
      const connections = await this.connectionsOf(target.userId);
      return connections.filter(
        (connection) =>
          connection.nodeId !== nodeId &&
          (target.platform === undefined || connection.platform === target.platform),
      );
    }
    if (target.kind === 'connection') {
      const connection = await this.connection(target.connectionId);
      return connection && connection.nodeId !== nodeId ? [connection] : [];
    }
    return [];
  }

  /** The live nodes and their last counts. */
  async nodes(): Promise<Array<{ nodeId: string; stats: Record<string, unknown> }>> {
    const flat = await this.redis.jrwsClusterStats(
      ...this.indexKeys,
      this.tag,
      String(this.options.nodeTimeoutMs),
    );
    const nodes: Array<{ nodeId: string; stats: Record<string, unknown> }> = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      nodes.push({ nodeId: flat[i]!, stats: JSON.parse(flat[i + 1]!) as Record<string, unknown> });
    return nodes;
  }

  /** Users online in the whole cluster, one page after `cursor`. */
  async users(limit: number, cursor?: string): Promise<RemoteUsersPage> {
    const from = cursor === undefined ? '-' : `(${cursor}`;
    const [count, page] = await Promise.all([
      this.redis.zcard(this.keys.users),
      this.redis.zrangebylex(this.keys.users, from, '+', 'LIMIT', 0, limit + 1),
    ]);
    const users = page.slice(0, limit);
    return { count, users, nextCursor: page.length > limit ? users[users.length - 1]! : null };
  }

  private get tag(): string {
    return `{${this.keys.prefix}}`;
  }

  private get indexKeys(): [string, string, string] {
    return [this.keys.connections, this.keys.users, this.keys.nodes];
  }
}
