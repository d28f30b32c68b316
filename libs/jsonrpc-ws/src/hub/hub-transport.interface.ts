import type { LocalDelivery } from './local-delivery';
import type { ConnectionInfo } from '../session/session-identity';
import type { HubTarget, PresenceChange } from './hub-target';
import type { UsersPage } from './users-page';
import type { TopicHistory } from '../history/topic-history.interface';

export type { HubTarget, PresenceChange } from './hub-target';
export type { UsersPage } from './users-page';

/** The whole cluster at a glance, as presence in the shared store has it. */
export interface ClusterStats {
  /** Live nodes. */
  nodes: number;
  /** Sums of the nodes' counts, as of their last heartbeat. */
  connections: number;
  authenticated: number;
  anonymous: number;
  sse: number;
  subscriptions: number;
  /** Distinct users logged in anywhere (exact, not a sum). */
  users: number;
  /** Each live node's own counts. */
  byNode: Record<string, Record<string, unknown>>;
}

/**
 * The seam to other nodes. The hub always serves this node's connections itself
 * and asks the transport only about the rest of the cluster, so the in-memory
 * default ("there are no other nodes") and a Redis-backed one share one API.
 */
export interface HubTransport {
  /** This node's id in the cluster. */
  readonly nodeId: string;
  /** Delivers a serialised notification to the target's connections on other nodes; resolves to how many it reached, when known. */
  publish(target: HubTarget, frame: string): Promise<number>;
  /** Kicks the target's connections on other nodes; resolves to how many, when known. */
  kick(target: HubTarget, reason: string): Promise<number>;
  /** The user's logged-in connections on other nodes. */
  connectionsOf(userId: string): Promise<ConnectionInfo[]>;
  /** Records a change of this node's presence where other nodes can see it. */
  announce(change: PresenceChange): void;
  /**
   * Called once when the module starts, with what delivers to this node's
   * connections: the transport hands it what other nodes publish.
   */
  bind?(delivery: LocalDelivery): void;
  /** Called once when the application starts, before it listens (connect, register). */
  start?(): Promise<void>;
  /** Called once on shutdown, after every connection is closed (leave the cluster). */
  stop?(): Promise<void>;
  /** Users online in the whole cluster, one page after `cursor`, in code-point order. */
  onlineUsers?(limit: number, cursor?: string): Promise<UsersPage>;
  /** The whole cluster's counts. */
  clusterStats?(): Promise<ClusterStats>;
  /** Topic histories shared by the nodes; without it, each node keeps its own in memory. */
  readonly history?: TopicHistory;
}

/** Injection token of the `HubTransport` in use. */
export const HUB_TRANSPORT = Symbol('HUB_TRANSPORT');
