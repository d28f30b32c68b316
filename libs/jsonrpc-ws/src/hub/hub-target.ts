import type { ConnectionInfo } from '../session/session-identity';

/** Whom a push or a kick is for. */
export type HubTarget =
  | { kind: 'connection'; connectionId: string }
  | { kind: 'user'; userId: string; platform?: string }
  | { kind: 'topic'; topic: string }
  | { kind: 'broadcast'; includeAnonymous: boolean };

/** A change of this node's presence, for other nodes to learn. */
export type PresenceChange =
  | { type: 'login'; connection: ConnectionInfo }
  | { type: 'logout'; connectionId: string; userId: string };
