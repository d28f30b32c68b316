import type { JsonRpcSession } from '../session/jsonrpc-session';
import type { ConnectionInfo } from '../session/session-identity';

/** What other parts of the cluster learn of a logged-in connection of this node. */
export function describeConnection(session: JsonRpcSession, nodeId: string): ConnectionInfo {
  return {
    connectionId: session.id,
    userId: session.userId!,
    platform: session.platform!,
    nodeId,
    connectedAt: session.connectedAt,
    authenticatedAt: session.authenticatedAt!,
  };
}
