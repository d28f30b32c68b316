import { Injectable } from '@nestjs/common';
import type { BoundIdentity, JsonRpcSession } from './jsonrpc-session';

/** Counts describing this node's connections, derived from the indexes so they cannot drift. */
export interface RegistryCounts {
  connections: number;
  authenticated: number;
  anonymous: number;
  users: number;
  byPlatform: Record<string, number>;
  /** Of `connections`, the SSE streams. */
  sse: number;
  topics: number;
  subscriptions: number;
}

/** What parts of the hub learn of the registry's changes (the cluster transport, mostly). */
export interface RegistryListener {
  /** A topic got its first subscriber on this node. */
  topicOpened?(topic: string): void;
  /** A topic lost its last subscriber on this node. */
  topicClosed?(topic: string): void;
  /** A logged-in connection closed: logouts are told by the hub, closes only here. */
  closedWhileLoggedIn?(connectionId: string, userId: string): void;
}

/**
 * This node's connections, indexed by id, by user and platform, and by topic.
 * Structured keys only (user → platform → sessions): user "b_1" can never match
 * user "1". Every removal is idempotent.
 */
@Injectable()
export class SessionRegistry {
  private readonly byId = new Map<string, JsonRpcSession>();
  private readonly byUser = new Map<string, Map<string, Set<JsonRpcSession>>>();
  private readonly byTopic = new Map<string, Set<JsonRpcSession>>();
  private sseCount = 0;
  private readonly listeners: RegistryListener[] = [];

  listen(listener: RegistryListener): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.byId.size;
  }

  add(session: JsonRpcSession): void {
    if (this.byId.has(session.id)) return;
    // A session removed earlier kept its last identity (for listeners): it comes back anonymous.
    if (session.authenticated) session.bindIdentity(undefined);
    this.byId.set(session.id, session);
    if (session.kind === 'sse') this.sseCount++;
  }

  /** Removes the session from every index; false if it was not registered. */
  remove(session: JsonRpcSession): boolean {
    if (this.byId.get(session.id) !== session) return false;
    this.byId.delete(session.id);
    if (session.kind === 'sse') this.sseCount--;
    const userId = session.userId;
    // Out of the indexes, but the session keeps its identity: `disconnected` listeners read it.
    this.unindexUser(session);
    if (userId !== undefined)
      for (const listener of this.listeners) listener.closedWhileLoggedIn?.(session.id, userId);
    for (const topic of [...session.topics]) this.unsubscribe(session, topic);
    return true;
  }

  get(connectionId: string): JsonRpcSession | undefined {
    return this.byId.get(connectionId);
  }

  all(): IterableIterator<JsonRpcSession> {
    return this.byId.values();
  }

  /** Logs a registered session in as a user on a platform (replacing any earlier identity). */
  bindUser<TUser>(session: JsonRpcSession<TUser>, identity: BoundIdentity<TUser>): void {
    if (!this.byId.has(session.id)) return;
    this.unbindUser(session);
    session.bindIdentity(identity);
    let platforms = this.byUser.get(identity.userId);
    if (!platforms)
      this.byUser.set(identity.userId, (platforms = new Map<string, Set<JsonRpcSession>>()));
    let sessions = platforms.get(identity.platform);
    if (!sessions) platforms.set(identity.platform, (sessions = new Set()));
    sessions.add(session);
  }

  /** Makes the session anonymous again; a no-op for an anonymous one. */
  unbindUser(session: JsonRpcSession): void {
    if (this.unindexUser(session)) session.bindIdentity(undefined);
  }

  /** Takes the session out of the user index; false if it was anonymous. */
  private unindexUser(session: JsonRpcSession): boolean {
    const { userId, platform } = session;
    if (userId === undefined || platform === undefined) return false;
    const platforms = this.byUser.get(userId);
    const sessions = platforms?.get(platform);
    if (!sessions?.delete(session)) return true;
    if (sessions.size === 0) platforms!.delete(platform);
    if (platforms!.size === 0) this.byUser.delete(userId);
    return true;
  }

  /** This node's sessions of a user, on one platform or all. */
  ofUser(userId: string, platform?: string): JsonRpcSession[] {
    const platforms = this.byUser.get(userId);
    if (!platforms) return [];
    if (platform !== undefined) return [...(platforms.get(platform) ?? [])];
    const sessions: JsonRpcSession[] = [];
    for (const set of platforms.values()) sessions.push(...set);
    return sessions;
  }

  /** Ids of the users logged in on this node. */
  userIds(): IterableIterator<string> {
    return this.byUser.keys();
  }

  hasUser(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** Adds a subscription; false if the session already had it or is not registered. */
  subscribe(session: JsonRpcSession, topic: string): boolean {
    if (!this.byId.has(session.id) || session.topics.has(topic)) return false;
    session.topicSet().add(topic);
    let subscribers = this.byTopic.get(topic);
    if (!subscribers) {
      this.byTopic.set(topic, (subscribers = new Set()));
      for (const listener of this.listeners) listener.topicOpened?.(topic);
    }
    subscribers.add(session);
    return true;
  }

  /** Removes a subscription; false if the session did not have it. */
  unsubscribe(session: JsonRpcSession, topic: string): boolean {
    if (!session.topics.has(topic)) return false;
    session.topicSet().delete(topic);
    const subscribers = this.byTopic.get(topic);
    subscribers?.delete(session);
    if (subscribers?.size === 0) {
      this.byTopic.delete(topic);
      for (const listener of this.listeners) listener.topicClosed?.(topic);
    }
    return true;
  }

  /** Topics with at least one subscriber on this node. */
  topics(): IterableIterator<string> {
    return this.byTopic.keys();
  }

  subscribersOf(topic: string): ReadonlySet<JsonRpcSession> {
    return this.byTopic.get(topic) ?? EMPTY;
  }

  counts(): RegistryCounts {
    let authenticated = 0;
    const byPlatform: Record<string, number> = {};
    for (const platforms of this.byUser.values()) {
      for (const [platform, sessions] of platforms) {
        authenticated += sessions.size;
        byPlatform[platform] = (byPlatform[platform] ?? 0) + sessions.size;
      }
    }
    let subscriptions = 0;
    for (const subscribers of this.byTopic.values()) subscriptions += subscribers.size;
    return {
      connections: this.byId.size,
      authenticated,
      anonymous: this.byId.size - authenticated,
      users: this.byUser.size,
      byPlatform,
      sse: this.sseCount,
      topics: this.byTopic.size,
      subscriptions,
    };
  }
}

const EMPTY: ReadonlySet<JsonRpcSession> = new Set();
