// Long file: the hub's whole public API is this one class, which applications inject.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { notification } from '../protocol/jsonrpc.responses';
import { PreparedText } from '../transport/prepared-text';
import { JsonRpcPushParams } from '../protocol/jsonrpc.types';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { describeConnection } from './describe-connection';
import { HubEventListener, HubEventName, HubEvents } from './hub-events';
import { ClusterStats, HUB_TRANSPORT, HubTarget, HubTransport } from './hub-transport.interface';
import { pageOf, UsersPage } from './users-page';
import { LocalDelivery } from './local-delivery';
import { LoginPolicy } from './login.policy';
import { SubscriptionPolicy } from './subscription.policy';
import { HistoryService } from '../history/history.service';
import type { HistoryPolicy, StreamPosition } from '../history/topic-history.interface';
import type { TopicStream } from '../history/topic-streams';
import { RecoveredPublication, recoveredPublication } from '../history/positioned-frame';
import { OutboundGate } from '../session/outbound-gate';
import { ConnectionInfo, SessionIdentity } from '../session/session-identity';
import { RegistryCounts, SessionRegistry } from '../session/session-registry';

/** This node's connections at a glance. */
export interface HubStats extends RegistryCounts {
  nodeId: string;
  /** Messages not sent because a client's buffer was full. */
  droppedMessages: number;
  /** Connections closed for not reading. */
  slowConsumerDisconnects: number;
}

export interface LoginResult {
  userId: string;
  platform: string;
  /** ms since the epoch, or null when the credentials do not expire. */
  expiresAt: number | null;
}

/**
 * Pushes to connections, users, topics and everyone; logs sessions in and out;
 * kicks; answers who is online. Inject it anywhere.
 */
@Injectable()
export class HubService {
  private readonly logger = new Logger('JsonRpcWs');

  constructor(
    private readonly registry: SessionRegistry,
    private readonly delivery: LocalDelivery,
    private readonly events: HubEvents,
    private readonly gate: OutboundGate,
    @Inject(HUB_TRANSPORT) private readonly transport: HubTransport,
    private readonly instrumentation: RpcInstrumentation,
    private readonly loginPolicy: LoginPolicy,
    private readonly subscriptionPolicy: SubscriptionPolicy,
    private readonly history: HistoryService,
  ) {
    // A logout is announced where it happens; a close of a logged-in connection, here.
    registry.listen({
      closedWhileLoggedIn: (connectionId, userId) =>
        transport.announce({ type: 'logout', connectionId, userId }),
    });
  }

  /** Sends `method` to one connection. Resolves to the number of connections reached (0 or 1). */
  pushToConnection(
    connectionId: string,
    method: string,
    params?: JsonRpcPushParams,
  ): Promise<number> {
    return this.push({ kind: 'connection', connectionId }, method, params);
  }

  /** Sends `method` to a user's connections: on one platform with `{ platform }`, else on all. */
  pushToUser(
    userId: string | number,
    method: string,
    params?: JsonRpcPushParams,
    options: { platform?: string } = {},
  ): Promise<number> {
    return this.push(
      { kind: 'user', userId: String(userId), platform: options.platform },
      method,
      params,
    );
  }

  /** Sends `method` to every connection of a user, whatever the platform. */
  pushToUserAllPlatforms(
    userId: string | number,
    method: string,
    params?: JsonRpcPushParams,
  ): Promise<number> {
    return this.push({ kind: 'user', userId: String(userId) }, method, params);
  }

  /**
   * Sends `method` to the subscribers of a topic. A topic that keeps history
   * (the `history` option, or `{ history: { size, ttlMs } }` here) stores the
   * publication and gives it the next offset; `{ history: false }` skips that.
   */
  pushToTopic(
    topic: string,
    method: string,
    params?: JsonRpcPushParams,
    options: { history?: HistoryPolicy | false } = {},
  ): Promise<number> {
    const policy = this.history.policyFor(topic, options.history);
    if (!policy) return this.push({ kind: 'topic', topic }, method, params);
    return this.publishWithHistory(topic, method, params, policy);
  }

  /** Sends `method` to every logged-in connection (anonymous ones too with `includeAnonymous`). */
  broadcast(
    method: string,
    params?: JsonRpcPushParams,
    options: { includeAnonymous?: boolean } = {},
  ): Promise<number> {
    return this.push(
      { kind: 'broadcast', includeAnonymous: options.includeAnonymous ?? false },
      method,
      params,
    );
  }

  /** Sends `session.kicked { reason }` to a connection and closes it with 4004. */
  async kickConnection(connectionId: string, reason: string): Promise<boolean> {
    const target: HubTarget = { kind: 'connection', connectionId };
    if (this.delivery.kick(target, reason) > 0) return true;
    return (await this.transport.kick(target, reason)) > 0;
  }

  /** Kicks a user's connections (on one platform with `{ platform }`). Resolves to how many. */
  async kickUser(
    userId: string | number,
    reason: string,
    options: { platform?: string } = {},
  ): Promise<number> {
    const target: HubTarget = { kind: 'user', userId: String(userId), platform: options.platform };
    return this.delivery.kick(target, reason) + (await this.transport.kick(target, reason));
  }

  /** Whether the user has a logged-in connection on any node. */
  async isOnline(userId: string | number): Promise<boolean> {
    const id = String(userId);
    return this.registry.hasUser(id) || (await this.transport.connectionsOf(id)).length > 0;
  }

  /** The user's logged-in connections on every node. */
  async getConnections(userId: string | number): Promise<ConnectionInfo[]> {
    const id = String(userId);
    const local = this.registry.ofUser(id).map((session) => this.describe(session));
    return [...local, ...(await this.transport.connectionsOf(id))];
  }

  /** Ids of the users logged in on this node, in no particular order. */
  localUserIds(): string[] {
    return [...this.registry.userIds()];
  }

  /**
   * Users online, one page after `cursor` (the previous page's `nextCursor`), in
   * code-point order: on every node with a cluster transport, else on this one.
   */
  onlineUsers(limit: number, cursor?: string): Promise<UsersPage> {
    if (this.transport.onlineUsers) return this.transport.onlineUsers(limit, cursor);
    return Promise.resolve(pageOf(this.localUserIds(), limit, cursor));
  }

  /** The whole cluster's counts, or undefined without a cluster transport. */
  async clusterStats(): Promise<ClusterStats | undefined> {
    return this.transport.clusterStats?.();
  }

  /** A connection of this node, by id. */
  getSession(connectionId: string): JsonRpcSession | undefined {
    return this.registry.get(connectionId);
  }

  stats(): HubStats {
    return {
      nodeId: this.transport.nodeId,
      ...this.registry.counts(),
      droppedMessages: this.gate.droppedMessages,
      slowConsumerDisconnects: this.gate.slowConsumerDisconnects,
    };
  }

  /**
   * Logs a connection in. The new state is in place when the returned promise
   * resolves, so the client's next call already sees it. Applies the platform
   * policy (kicking older sessions, or refusing) and the per-user limit.
   * @throws JsonRpcError -32029 when a limit refuses the login (the connection then closes with 4005)
   */
  async login<TUser>(
    session: JsonRpcSession<TUser>,
    identity: SessionIdentity<TUser>,
  ): Promise<LoginResult> {
    const { userId, platform, expiresAt } = this.loginPolicy.normalize(identity);
    const remote = await this.transport.connectionsOf(userId).catch((error: Error) => {
      // Availability first: without the other nodes' view, this node's own rules still apply.
      this.logger.warn(`Login of ${userId} checked against this node only: ${error.message}`);
      return [];
    });
    // From here on everything is synchronous, so two logins on this node cannot interleave.
    if (!this.registry.get(session.id))
      throw new JsonRpcError(JsonRpcErrorCode.InvalidRequest, 'Connection closed');
    // Connections already ending (kicked a moment ago, say) no longer count.
    const local = this.registry
      .ofUser(userId)
      .filter((other) => other !== session && other.closeReason === undefined);
    const others = [...local.map((s) => this.describe(s)), ...remote];
    const toKick = this.loginPolicy.connectionsToKick(session, platform, others);
    for (const other of toKick) {
      this.kickConnection(other.connectionId, 'Logged in on another device').catch((error: Error) =>
        this.logger.warn(`Could not kick ${other.connectionId}: ${error.message}`),
      );
    }

    const wasLoggedIn = session.authenticated;
    if (wasLoggedIn) this.announceLogout(session);
    this.registry.bindUser(session, {
      userId,
      platform,
      expiresAt,
      user: identity.user ?? ({ userId, platform } as TUser),
      authenticatedAt: Date.now(),
    });
    this.transport.announce({ type: 'login', connection: this.describe(session) });
    this.events.emit('authenticated', { session: session, userId, platform });
    return { userId, platform, expiresAt: expiresAt ?? null };
  }

  /** Makes a connection anonymous again (its anonymous timeout starts over). */
  logout(session: JsonRpcSession): void {
    if (!session.authenticated) return;
    this.announceLogout(session);
    this.registry.unbindUser(session);
  }

  /**
   * Subscribes a connection to topics (already held ones are kept).
   * Resolves to the topics now held among those asked for.
   * @throws JsonRpcError -32003 when `authorizeTopic` refuses one; nothing is subscribed then
   * @throws JsonRpcError -32029 past `maxTopicsPerConnection`
   */
  async subscribe(session: JsonRpcSession, topics: string[]): Promise<string[]> {
    const fresh = [...new Set(topics)].filter((topic) => !session.topics.has(topic));
    const authorizing = this.subscriptionPolicy.authorize(session, fresh);
    if (authorizing) await authorizing;
    this.subscriptionPolicy.checkLimit(session, fresh.length);
    const added = fresh.filter((topic) => this.registry.subscribe(session, topic));
    if (added.length > 0) this.events.emit('subscribed', { session, topics: added });
    return topics.filter((topic) => session.topics.has(topic));
  }

  /**
   * `subscribe()` for clients that track positions: topics that keep history are
   * delivered as `publication` notifications carrying offset and epoch, and
   * each comes with its stream's position; a topic in `since` also with what the
   * connection missed after that position, or `recovered: false` (never a partial
   * set). Publications that arrive meanwhile follow the answer, none lost or repeated.
   */
  async subscribeWithPositions(
    session: JsonRpcSession,
    topics: string[],
    since: Record<string, StreamPosition> = {},
  ): Promise<{ subscribed: string[]; streams: Record<string, TopicStream> }> {
    const kept = [...new Set(topics)].filter((topic) => this.history.policyFor(topic));
    const held = new Set(session.topics);
    this.history.hold(session, kept);
    let streams: Record<string, TopicStream> = {};
    try {
      const subscribed = await this.subscribe(session, topics);
      streams = await this.history.streams(
        kept.filter((topic) => session.topics.has(topic)),
        since,
      );
      return { subscribed, streams };
    } catch (error) {
      // An error answer (the cluster's history unreachable, say) leaves nothing subscribed by this call.
      const added = topics.filter((topic) => !held.has(topic));
      this.unsubscribe(session, added);
      throw error;
    } finally {
      this.history.finish(session, kept, streams);
    }
  }

  /** Whether the `history` option keeps the topic's past (a push's own `{ history }` policy aside). */
  keepsHistory(topic: string): boolean {
    return this.history.policyFor(topic) !== undefined;
  }

  /** Drops a topic's history: its next publication starts a new epoch, and no one recovers across it. */
  resetHistory(topic: string): Promise<void> {
    return this.history.reset(topic);
  }

  /** A topic's position and its publications after `after` (at most `limit`, default 100). */
  async readHistory(
    topic: string,
    after = 0,
    limit = 100,
  ): Promise<{ epoch: string; offset: number; publications: RecoveredPublication[] }> {
    const { epoch, offset, publications } = await this.history.read(topic, after, limit);
    return { epoch, offset, publications: publications.map(recoveredPublication) };
  }

  /** Unsubscribes a connection from topics. Returns the topics it no longer holds among those asked for. */
  unsubscribe(session: JsonRpcSession, topics: string[]): string[] {
    const removed = [...new Set(topics)].filter((topic) =>
      this.registry.unsubscribe(session, topic),
    );
    this.history.forget(session, removed);
    if (removed.length > 0) this.events.emit('unsubscribed', { session, topics: removed });
    return topics.filter((topic) => !session.topics.has(topic));
  }

  /** Listens to connection events; returns a function that stops listening. */
  on<E extends HubEventName>(event: E, listener: HubEventListener<E>): () => void {
    return this.events.on(event, listener);
  }

  private async push(
    target: HubTarget,
    method: string,
    params?: JsonRpcPushParams,
  ): Promise<number> {
    // Serialised and framed once, whatever the number of recipients.
    const text = JSON.stringify(notification(method, params));
    const message = PreparedText.fromText(text);
    let reached = this.delivery.deliver(target, message);
    if (target.kind !== 'connection' || reached === 0)
      reached += await this.transport.publish(target, text);
    this.instrumentation.sink.push(target.kind, reached, message.payload.length * reached);
    return reached;
  }

  private async publishWithHistory(
    topic: string,
    method: string,
    params: JsonRpcPushParams | undefined,
    policy: HistoryPolicy,
  ): Promise<number> {
    const text = JSON.stringify(notification(method, params));
    const local = this.history.publish(topic, text, policy);
    let reached = typeof local === 'number' ? local : await local;
    // A transport that shares no history still reaches the other nodes, with plain notifications.
    if (!this.history.reachesOtherNodes)
      reached += await this.transport.publish({ kind: 'topic', topic }, text);
    this.instrumentation.sink.push('topic', reached, Buffer.byteLength(text) * reached);
    return reached;
  }

  private announceLogout(session: JsonRpcSession): void {
    this.transport.announce({ type: 'logout', connectionId: session.id, userId: session.userId! });
  }

  private describe(session: JsonRpcSession): ConnectionInfo {
    return describeConnection(session, this.transport.nodeId);
  }
}
