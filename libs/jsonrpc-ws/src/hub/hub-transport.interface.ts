import type { LocalDelivery } from './local-delivery';
import type { ConnectionInfo } from '../session/session-identity';
import type { HubTarget, PresenceChange } from './hub-target';

export type { HubTarget, PresenceChange } from './hub-target';

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
}

/** Injection token of the `HubTransport` in use. */
export const HUB_TRANSPORT = Symbol('HUB_TRANSPORT');
