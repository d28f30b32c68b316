import type { SubscribeArgs } from '../clients/subscribers';
import type { PublishArgs } from '../servers/control';
import { startWorker, Worker } from '../lib/proc';
import { quantile, Summary, summarize } from '../lib/stats';
import { num, printTable, ratio, spread } from '../lib/table';
import {
  CLIENT_CORE,
  cpuShare,
  CpuSample,
  SERVER_CORE,
  Settings,
  sleep,
  startServer,
} from './common';

/**
 * Scenario 5: what topic history costs a publisher. One topic, N subscribers
 * that ask for positions (`subscribe { topics, recover: true }`), publications
 * back-to-back to `bench` (no history: plain notifications) and to
 * `bench-history` (kept: each publication is stored, gets an offset and reaches
 * the subscribers as a `publication` notification), the two taking turns on the
 * same connections. On one node (history in memory), and on two nodes on one
 * Redis (the cluster transport's history; subscribers half on each node,
 * publications from the first).
 */
export type HistorySetup = 'single node' | 'cluster';

/** Publish mode of the servers, and whether its topic keeps history. */
const MODES = [
  ['topic', 'off'],
  ['topic-history', 'on'],
] as const;

export interface HistoryRow {
  setup: HistorySetup;
  subscribers: number;
  history: 'off' | 'on';
  /** Publications per burst. */
  publications: number;
  /** Publications/s of a burst, until every subscriber had the last one. */
  perS: Summary;
  /** The servers' CPU share during the bursts (both nodes' in the cluster). */
  cpu: Summary;
  /** One publication at a time: ms until the last subscriber had it. */
  lastP50: number;
  lastP99: number;
  failure?: string;
}

interface Running {
  servers: Worker[];
  clients: Worker[];
  /** Publications every subscriber has had so far (both topics). */
  ordinal: number;
}

export async function runHistory(settings: Settings): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const subscribers of settings.history.sizes) {
    for (const setup of ['single node', 'cluster'] as const) {
      const [off, on] = await measure(setup, subscribers, settings);
      rows.push(off, on);
      console.log(
        `  history ${setup}, ${subscribers} subscribers: off ${num(off.perS.median, 0)} pubs/s, ` +
          `on ${num(on.perS.median, 0)} pubs/s (${ratio(on.perS.median, off.perS.median)})` +
          (off.failure ? ` FAILED: ${off.failure}` : ''),
      );
    }
  }
  return rows;
}

async function measure(
  setup: HistorySetup,
  subscribers: number,
  settings: Settings,
): Promise<[HistoryRow, HistoryRow]> {
  const { deliveries, latencyPublications, reps } = settings.history;
  const count = Math.max(10, Math.round(deliveries / subscribers));
  const perS: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  const last: [number[], number[]] = [[], []];
  const run: Running = { servers: [], clients: [], ordinal: 0 };
  let failure: string | undefined;
  try {
    await start(run, setup, subscribers, settings);
    // Unmeasured: JIT, buffers, the first read of each stream.
    for (const [mode] of MODES) await publish(run, mode, Math.ceil(count / 4));
    for (let rep = 0; rep < reps; rep++) {
      // The order alternates, so that neither mode always goes first.
      for (const index of rep % 2 === 0 ? [0, 1] : [1, 0]) {
        const from = await cpuOf(run.servers);
        const elapsed = await publish(run, MODES[index]![0], count);
        const to = await cpuOf(run.servers);
        perS[index]!.push((count / elapsed) * 1000);
        cpu[index]!.push(from.reduce((sum, sample, i) => sum + cpuShare(sample, to[i]!), 0));
      }
    }
    for (let i = 0; i < latencyPublications; i++) {
      for (const [index, [mode]] of MODES.entries()) {
        last[index]!.push(await publish(run, mode, 1));
        await sleep(5);
      }
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    // The servers first: their side then holds the TIME_WAIT sockets, not the clients' ports.
    await Promise.all(run.servers.map((server) => server.stop()));
    await Promise.all(run.clients.map((client) => client.stop()));
  }
  const row = (index: 0 | 1): HistoryRow => ({
    setup,
    subscribers,
    history: MODES[index][1],
    publications: count,
    perS: summarize(perS[index]),
    cpu: summarize(cpu[index]),
    lastP50: quantile(last[index], 0.5),
    lastP99: quantile(last[index], 0.99),
    failure,
  });
  return [row(0), row(1)];
}

/** One node, or two on one Redis; two subscriber processes (one per node in the cluster). */
async function start(
  run: Running,
  setup: HistorySetup,
  subscribers: number,
  settings: Settings,
): Promise<void> {
  const urls: string[] = [];
  if (setup === 'single node') {
    const server = await startServer('ours-bare', settings);
    run.servers.push(server);
    urls.push(server.url);
  } else {
    const prefix = `bench-history-${process.pid}-${Date.now()}`;
    for (let i = 0; i < 2; i++) {
      const node = await startWorker<{ port: number }>({
        name: `ours-node-${i}`,
        script: 'servers/ours-cluster.js',
        args: [prefix],
        core: SERVER_CORE,
      });
      run.servers.push(node);
      urls.push(`ws://127.0.0.1:${node.ready.port}/ws`);
    }
  }
  for (let i = 0; i < 2; i++) {
    const client = await startWorker({
      name: `subscribers-${i}`,
      script: 'clients/subscribers.js',
      core: CLIENT_CORE,
    });
    run.clients.push(client);
    const args: SubscribeArgs = {
      url: urls[i % urls.length]!,
      kind: 'ours',
      count: Math.floor(subscribers / 2) + (i < subscribers % 2 ? 1 : 0),
      userPrefix: `h${i}`,
      subscribe: { topics: ['bench', 'bench-history'], recover: true },
    };
    await client.call('open', args, 120_000);
    await client.call('prepare', undefined, 120_000);
  }
}

/** `count` publications back-to-back: ms from the first until every subscriber had the last. */
async function publish(run: Running, mode: string, count: number): Promise<number> {
  const { t0 } = await run.servers[0]!.call<{ t0: number }>(
    'publish',
    { mode, count, seq: run.ordinal + 1, paced: false } satisfies PublishArgs,
    120_000,
  );
  run.ordinal += count;
  const waits = await Promise.all(
    run.clients.map((client) =>
      client.call<{ ok: boolean; at: number }>(
        'wait',
        { ordinal: run.ordinal, timeoutMs: 60_000 },
        70_000,
      ),
    ),
  );
  if (waits.some((wait) => !wait.ok))
    throw new Error(`publication ${run.ordinal} (${mode}) did not reach every subscriber`);
  return Math.max(...waits.map((wait) => wait.at)) - t0;
}

function cpuOf(servers: Worker[]): Promise<CpuSample[]> {
  return Promise.all(servers.map((server) => server.call<CpuSample>('cpu')));
}

export function printHistory(rows: HistoryRow[], settings: Settings): void {
  const { reps, latencyPublications } = settings.history;
  const offOf = (row: HistoryRow) =>
    rows.find(
      (r) => r.setup === row.setup && r.subscribers === row.subscribers && r.history === 'off',
    );
  printTable(
    `5. The cost of history: publications back-to-back to one topic whose subscribers all ask for ` +
      `positions; history off: the topic keeps none, on: its last 100. pubs/s until every subscriber ` +
      `had the last: median of ${reps} bursts (min–max); last p50 / p99: ${latencyPublications} ` +
      `publications one at a time`,
    [
      'setup',
      'subscribers',
      'history',
      'pubs/burst',
      'pubs/s',
      'deliveries/s',
      'vs off',
      'srv CPU',
      'last p50 / p99 ms',
      'p50 vs off',
    ],
    rows.map((row) => {
      const off = offOf(row);
      return [
        row.failure ? `${row.setup} (FAILED)` : row.setup,
        String(row.subscribers),
        row.history,
        String(row.publications),
        spread(row.perS, 0),
        num(row.perS.median * row.subscribers, 0),
        row.history === 'on' ? ratio(row.perS.median, off?.perS.median) : '',
        `${num(row.cpu.median * 100, 0)}%`,
        `${num(row.lastP50, 2)} / ${num(row.lastP99, 2)}`,
        row.history === 'on' ? ratio(row.lastP50, off?.lastP50) : '',
      ];
    }),
    'On: each publication is stored (in memory on one node; by the cluster transport in Redis), ' +
      'gets an offset, and goes out as a publication notification carrying it. ' +
      'In the cluster both nodes share the server core, subscribers are half on each, and srv CPU ' +
      'adds both nodes up.',
  );
}
