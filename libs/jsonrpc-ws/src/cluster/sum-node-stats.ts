import type { ClusterStats } from '../hub/hub-transport.interface';

const SUMMED = ['connections', 'authenticated', 'anonymous', 'sse', 'subscriptions'] as const;

/** The cluster's counts from each live node's last heartbeat (users come from presence itself). */
export function sumNodeStats(
  nodes: Array<{ nodeId: string; stats: Record<string, unknown> }>,
  users: number,
): ClusterStats {
  const totals = { connections: 0, authenticated: 0, anonymous: 0, sse: 0, subscriptions: 0 };
  const byNode: Record<string, Record<string, unknown>> = {};
  for (const { nodeId, stats } of nodes) {
    byNode[nodeId] = stats;
    for (const name of SUMMED) {
      const value = stats[name];
      if (typeof value === 'number') totals[name] += value;
    }
  }
  return { nodes: nodes.length, ...totals, users, byNode };
}
