import { Redis } from 'ioredis';
import type { SubscribeArgs, SubscriberKind } from '../clients/subscribers';
import { startWorker, Worker } from '../lib/proc';
import { quantile } from '../lib/stats';
import { num, printTable, ratio } from '../lib/table';
import { CLIENT_CORE, SERVER_CORE, Settings } from './common';

/**
 * Scenario 4: two nodes on one Redis, this library against socket.io with
 * `@socket.io/redis-adapter`, in the same run. Both nodes share the server core
 * (and Redis runs unpinned): the figures compare the two systems, not a
 * machine's capacity.
 */
export type ClusterSystem = 'ours' | 'socket.io';

export interface ClusterRow {
  system: ClusterSystem;
  /** Push to a client of the publishing node, one at a time: ms. */
  localP50: number;
  localP99: number;
  /** The same to a client of the other node. */
  crossP50: number;
  crossP99: number;
  /** Pushes to one user on the other node, paced: pushes/s until the last arrived. */
  crossPerSecond: number;
  /** One topic (room), subscribers on both nodes, paced publications: deliveries/s. */
  fanoutPerSecond: number;
  /** Redis commands (all of them) and PUBLISHes per cross-node push. */
  commandsPerPush: number;
  publishesPerPush: number;
  failure?: string;
}

const SCRIPTS: Record<ClusterSystem, string> = {
  ours: 'servers/ours-cluster.js',
  'socket.io': 'servers/socket-io-cluster.js',
};

interface Node {
  worker: Worker<{ port: number }>;
  url: string;
}

interface Subscribers {
  worker: Worker;
  /** Pushes each of its connections has had. */
  received: number;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function runCluster(settings: Settings): Promise<ClusterRow[]> {
  const rows: ClusterRow[] = [];
  for (const system of ['ours', 'socket.io'] as const) {
    const row = await measureSystem(system, settings).catch((error: Error): ClusterRow => ({
      system,
      ...EMPTY,
      failure: error.message,
    }));
    rows.push(row);
    console.log(
      `  cluster ${system}: cross-node push p50 ${num(row.crossP50, 3)} ms (local ${num(row.localP50, 3)}), ` +
        `${num(row.crossPerSecond, 0)} pushes/s, fan-out ${num(row.fanoutPerSecond, 0)} deliveries/s` +
        (row.failure ? ` FAILED: ${row.failure}` : ''),
    );
  }
  return rows;
}

const EMPTY = {
  localP50: NaN,
  localP99: NaN,
  crossP50: NaN,
  crossP99: NaN,
  crossPerSecond: NaN,
  fanoutPerSecond: NaN,
  commandsPerPush: NaN,
  publishesPerPush: NaN,
};

async function measureSystem(system: ClusterSystem, settings: Settings): Promise<ClusterRow> {
  const { latencyPushes, pacedPushes, subscribers, publications } = settings.cluster;
  const prefix = `bench-${system}-${process.pid}-${Date.now()}`;
  const redis = new Redis(REDIS_URL);
  const nodes: Node[] = [];
  const clients: Subscribers[] = [];
  try {
    for (let i = 0; i < 2; i++) nodes.push(await startNode(system, prefix));
    const [a, b] = nodes as [Node, Node];
    const kind: SubscriberKind = system === 'ours' ? 'ours' : 'socket.io';
    // One client on A, then one on B, each its own user (`user:<id>` for ours, the room for
    // socket.io): never both at once, so each gets exactly the pushes meant for it.
    const onA = await subscribe(a, kind, 1, `${prefix}-a`);
    clients.push(onA);
    const local = await latencies(a, onA, mode(system, `${prefix}-a-0`), latencyPushes);
    await onA.worker.stop();
    clients.length = 0;
    const onB = await subscribe(b, kind, 1, `${prefix}-b`);
    clients.push(onB);
    const before = await commandStats(redis);
    const cross = await latencies(a, onB, mode(system, `${prefix}-b-0`), latencyPushes);
    const after = await commandStats(redis);
    const crossPerSecond = await paced(a, [onB], mode(system, `${prefix}-b-0`), pacedPushes);
    await onB.worker.stop();
    clients.length = 0;
    // Fan-out: half the subscribers on each node, publications from A.
    const half = Math.floor(subscribers / 2);
    clients.push(await subscribe(a, kind, half, `${prefix}-fa`));
    clients.push(await subscribe(b, kind, half, `${prefix}-fb`));
    const publishedPerSecond = await paced(a, clients, mode(system, undefined), publications);
    return {
      system,
      localP50: quantile(local, 0.5),
      localP99: quantile(local, 0.99),
      crossP50: quantile(cross, 0.5),
      crossP99: quantile(cross, 0.99),
      crossPerSecond,
      fanoutPerSecond: publishedPerSecond * half * 2,
      commandsPerPush: (after.total - before.total - 1) / latencyPushes,
      publishesPerPush: (after.publish - before.publish) / latencyPushes,
    };
  } finally {
    await Promise.all(clients.map((client) => client.worker.stop()));
    await Promise.all(nodes.map((node) => node.worker.stop()));
    redis.disconnect();
  }
}

function mode(system: ClusterSystem, user: string | undefined): string {
  return system === 'ours' && user !== undefined ? `user:${user}` : 'topic';
}

async function startNode(system: ClusterSystem, prefix: string): Promise<Node> {
  const worker = await startWorker<{ port: number }>({
    name: `${system}-node`,
    script: SCRIPTS[system],
    args: [prefix],
    core: SERVER_CORE,
  });
  const base = `127.0.0.1:${worker.ready.port}`;
  return { worker, url: system === 'ours' ? `ws://${base}/ws` : `http://${base}` };
}

async function subscribe(
  node: Node,
  kind: SubscriberKind,
  count: number,
  userPrefix: string,
): Promise<Subscribers> {
  const worker = await startWorker({
    name: 'subscribers',
    script: 'clients/subscribers.js',
    core: CLIENT_CORE,
  });
  const args: SubscribeArgs = { url: node.url, kind, count, userPrefix };
  await worker.call('open', args, 120_000);
  await worker.call('prepare', undefined, 120_000);
  return { worker, received: 0 };
}

/** One push at a time from `from` to the subscriber: ms from the publish call to arrival. */
async function latencies(
  from: Node,
  to: Subscribers,
  publishMode: string,
  pushes: number,
): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < pushes; i++) {
    const { t0 } = await from.worker.call<{ t0: number }>('publish', {
      mode: publishMode,
      count: 1,
      seq: i,
      paced: false,
    });
    const { ok, at } = await to.worker.call<{ ok: boolean; at: number }>('wait', {
      ordinal: ++to.received,
      timeoutMs: 5000,
    });
    if (!ok) throw new Error(`push ${i} did not arrive`);
    result.push(at - t0);
  }
  return result;
}

/** `count` publications, one per turn of the publisher's event loop: publications/s until every client had the last. */
async function paced(
  from: Node,
  to: Subscribers[],
  publishMode: string,
  count: number,
): Promise<number> {
  const { t0 } = await from.worker.call<{ t0: number }>(
    'publish',
    { mode: publishMode, count, seq: 0, paced: true },
    120_000,
  );
  let last = 0;
  for (const client of to) {
    client.received += count;
    const { ok, at } = await client.worker.call<{ ok: boolean; at: number }>(
      'wait',
      { ordinal: client.received, timeoutMs: 60_000 },
      70_000,
    );
    if (!ok) throw new Error('not every publication arrived');
    last = Math.max(last, at);
  }
  return (count / (last - t0)) * 1000;
}

/** Commands Redis has run so far: all, and PUBLISHes. */
async function commandStats(redis: Redis): Promise<{ total: number; publish: number }> {
  const text = await redis.info('commandstats');
  let total = 0;
  let publish = 0;
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    const calls = Number(match[2]);
    total += calls;
    if (match[1] === 'publish') publish = calls;
  }
  return { total, publish };
}

export function printCluster(rows: ClusterRow[], settings: Settings): void {
  const theirs = rows.find((row) => row.system === 'socket.io');
  printTable(
    `4. Two nodes on one Redis: pushes crossing nodes (${settings.cluster.latencyPushes} one at a time; ` +
      `${settings.cluster.pacedPushes} paced to one user; ${settings.cluster.publications} paced publications ` +
      `to ${settings.cluster.subscribers} subscribers, half on each node)`,
    [
      'system',
      'local p50 / p99 ms',
      'cross-node p50 / p99 ms',
      'added p50 ms',
      'cross-node pushes/s',
      'vs socket.io',
      'fan-out deliveries/s',
      'vs socket.io',
      'Redis cmds / push',
      'PUBLISH / push',
    ],
    rows.map((row) => [
      row.failure ? `${row.system} (FAILED)` : row.system,
      `${num(row.localP50, 3)} / ${num(row.localP99, 3)}`,
      `${num(row.crossP50, 3)} / ${num(row.crossP99, 3)}`,
      num(row.crossP50 - row.localP50, 3),
      num(row.crossPerSecond, 0),
      ratio(row.crossPerSecond, theirs?.crossPerSecond),
      num(row.fanoutPerSecond, 0),
      ratio(row.fanoutPerSecond, theirs?.fanoutPerSecond),
      num(row.commandsPerPush, 2),
      num(row.publishesPerPush, 2),
    ]),
    'ours pushes to a user (presence lookup, then one PUBLISH per node holding the user); socket.io emits to a room ' +
      'of one (its adapter publishes to every node). Redis cmds / push counts everything Redis ran during the ' +
      'one-at-a-time run, heartbeats included.',
  );
}
