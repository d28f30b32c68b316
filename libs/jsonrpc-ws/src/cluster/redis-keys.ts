/**
 * The Redis keys and channels of one cluster. Every key carries the hash tag
 * `{<prefix>}`, so all of them live in one slot: the Lua scripts that update
 * several at once also run on Redis Cluster.
 */
export class RedisKeys {
  /** connectionId → ConnectionInfo JSON, for every logged-in connection of the cluster. */
  readonly connections: string;
  /** userId (score 0, so members sort by their bytes: code-point order), for every user online. */
  readonly users: string;
  /** nodeId → time of its last heartbeat (ms, Redis's clock). */
  readonly nodes: string;
  /** Channel every node listens to: broadcasts. */
  readonly broadcastChannel: string;

  constructor(readonly prefix: string) {
    const tag = `{${prefix}}`;
    this.connections = `${tag}:connections`;
    this.users = `${tag}:users`;
    this.nodes = `${tag}:nodes`;
    this.broadcastChannel = `${prefix}:broadcast`;
  }

  /** The connection ids of one user. */
  user(userId: string): string {
    return `{${this.prefix}}:user:${userId}`;
  }

  /** The logged-in connection ids of one node (what a reaper removes). */
  nodeConnections(nodeId: string): string {
    return `{${this.prefix}}:node:${nodeId}:connections`;
  }

  /** One node's counters, written with each heartbeat. */
  nodeStats(nodeId: string): string {
    return `{${this.prefix}}:node:${nodeId}:stats`;
  }

  /** A topic's history: a stream whose entry ids are `<offset>-1`, so XRANGE starts at an offset. */
  historyStream(topic: string): string {
    return `{${this.prefix}}:history:stream:${topic}`;
  }

  /** A topic's stream position: a hash of `e` (the epoch) and `s` (the last offset). */
  historyMeta(topic: string): string {
    return `{${this.prefix}}:history:meta:${topic}`;
  }

  /** Channel of one node: pushes and kicks for its connections. */
  nodeChannel(nodeId: string): string {
    return `${this.prefix}:node:${nodeId}`;
  }

  /** Channel of one topic, listened to by the nodes that have local subscribers. */
  topicChannel(topic: string): string {
    return `${this.prefix}:topic:${topic}`;
  }

  /** The topic of a topic channel, or undefined for any other channel. */
  topicOf(channel: string): string | undefined {
    const head = `${this.prefix}:topic:`;
    return channel.startsWith(head) ? channel.slice(head.length) : undefined;
  }
}
