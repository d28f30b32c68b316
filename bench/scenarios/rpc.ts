import type { OpenArgs, RpcProtocol, Snapshot } from '../clients/rpc-load';
import { startWorker } from '../lib/proc';
import { Histogram, Summary, summarize } from '../lib/stats';
import { num, printTable, ratio, spread } from '../lib/table';
import {
  CLIENT_CORE,
  cpuShare,
  CpuSample,
  Server,
  ServerName,
  Settings,
  sleep,
  startServer,
  wanted,
} from './common';

/** Scenario 1: echo round trips, closed loop, at several connection counts and windows. */
const SERVERS: ServerName[] = [
  'raw-ws',
  'socket.io',
  'rpc-websockets',
  'ours-bare',
  'ours-interceptor',
  'ours-realistic',
  'ours-pipeline',
  'ours-pipeline-vp',
];
/** Servers with the auth guard: their clients log in. */
const LOGGED_IN: ServerName[] = ['ours-realistic', 'ours-pipeline', 'ours-pipeline-vp'];
/** Single-connection, single-request latency: the per-call overhead with nothing queued. */
const ONE_BY_ONE: ServerName[] = ['raw-ws', 'ours-bare'];

export interface RpcRow {
  server: ServerName;
  connections: number;
  window: number;
  rps: Summary;
  p50: Summary;
  p99: Summary;
  cpu: Summary;
  /** Server CPU time per call, µs: its cost, even where the load generator set the pace. */
  cpuPerCall: Summary;
  errors: number;
  dropped: number;
  failure?: string;
}

const PROTOCOL: Record<ServerName, RpcProtocol> = {
  'raw-ws': 'jsonrpc',
  'socket.io': 'socket.io',
  'rpc-websockets': 'rpc-websockets',
  'ours-bare': 'jsonrpc',
  'ours-interceptor': 'jsonrpc',
  'ours-realistic': 'jsonrpc',
  'ours-pipeline': 'jsonrpc',
  'ours-pipeline-vp': 'jsonrpc',
};

/**
 * Every server runs for the whole scenario (an idle one costs nothing). In each
 * connections×window cell, every server has its own load generator with its
 * connections open, and the servers take turns: one measured window each, round
 * after round, the order rotating. Whatever the machine does meanwhile (another
 * process, a thermal limit, a noisy neighbour) falls on every server alike, and
 * each figure is the median of its rounds.
 */
export async function runRpc(settings: Settings): Promise<RpcRow[]> {
  const rows: RpcRow[] = [];
  const names = SERVERS.filter((server) => wanted(settings, server));
  const servers = new Map<ServerName, Server>();
  try {
    for (const name of names) servers.set(name, await startServer(name, settings));
    const cells: [number, number][] = [...settings.rpc.configs, [1, 1]];
    const warmed = new Set<ServerName>();
    for (const [connections, window] of cells) {
      const single = connections === 1 && window === 1;
      const cellServers = single ? names.filter((n) => ONE_BY_ONE.includes(n)) : names;
      const cell = await measureCell(servers, cellServers, connections, window, settings, warmed);
      for (const row of cell) {
        rows.push(row);
        console.log(
          `  rpc ${row.server} ${connections}×${window}: ${num(row.rps.median)} req/s, ` +
            `p50 ${num(row.p50.median)} ms, p99 ${num(row.p99.median)} ms` +
            (row.failure ? ` FAILED: ${row.failure}` : ''),
        );
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
  return rows;
}

/** What one server's rounds of a cell add up to. */
class CellSamples {
  readonly rps: number[] = [];
  readonly p50: number[] = [];
  readonly p99: number[] = [];
  readonly cpu: number[] = [];
  readonly cpuPerCall: number[] = [];
  errors = 0;
  dropped = 0;
  failure?: string;
  load?: Worker;
}

type Worker = Awaited<ReturnType<typeof startWorker>>;

async function measureCell(
  servers: Map<ServerName, Server>,
  names: ServerName[],
  connections: number,
  window: number,
  settings: Settings,
  warmed: Set<ServerName>,
): Promise<RpcRow[]> {
  const samples = new Map(names.map((name) => [name, new CellSamples()]));
  try {
    for (const name of names) {
      const sample = samples.get(name)!;
      try {
        sample.load = await startWorker({
          name: 'rpc-load',
          script: 'clients/rpc-load.js',
          core: CLIENT_CORE,
        });
        const open: OpenArgs = {
          url: servers.get(name)!.url,
          protocol: PROTOCOL[name],
          connections,
          // Unique users per cell: the platform limit would otherwise kick an earlier cell's sessions.
          loginPrefix: LOGGED_IN.includes(name) ? `rpc${connections}x${window}` : undefined,
        };
        await sample.load.call('open', open, 120_000);
      } catch (error) {
        sample.failure = error instanceof Error ? error.message : String(error);
      }
    }
    for (let round = 0; round < settings.rpc.windows; round++) {
      // Rotating the order: no server is always the one measured right after another's load.
      const order = names.map((_, i) => names[(i + round) % names.length]!);
      for (const name of order) {
        const sample = samples.get(name)!;
        if (sample.failure) continue;
        // A server's first window also warms its JIT up: it gets a longer warm-up.
        const warmupMs = settings.rpc.warmupMs * (warmed.has(name) ? 1 : 3);
        warmed.add(name);
        await measureWindow(servers.get(name)!, sample, window, warmupMs, settings.rpc.windowMs);
      }
    }
  } finally {
    await Promise.all(
      [...samples.values()].map(async (sample) => {
        await sample.load?.call('halt', undefined, 10_000).catch(() => undefined);
        await sample.load?.stop();
      }),
    );
  }
  return names.map((name) => rowOf(name, connections, window, samples.get(name)!));
}

/** One measured window of one server: start, warm up, measure, pause. */
async function measureWindow(
  server: Server,
  sample: CellSamples,
  window: number,
  warmupMs: number,
  windowMs: number,
): Promise<void> {
  const load = sample.load!;
  try {
    await load.call('start', { window });
    await sleep(warmupMs);
    await load.call('snapshot');
    const from = await server.call<CpuSample>('cpu');
    await sleep(windowMs);
    const [snapshot, to] = await Promise.all([
      load.call<Snapshot>('snapshot'),
      server.call<CpuSample>('cpu'),
    ]);
    const histogram = new Histogram().add(snapshot.histogram);
    const rps = (snapshot.ok / snapshot.elapsedMs) * 1000;
    sample.rps.push(rps);
    sample.p50.push(histogram.quantile(0.5));
    sample.p99.push(histogram.quantile(0.99));
    sample.cpu.push(cpuShare(from, to));
    sample.cpuPerCall.push((cpuShare(from, to) / rps) * 1e6);
    sample.errors += snapshot.errors;
    sample.dropped += snapshot.dropped;
    await load.call('pause', undefined, 10_000);
  } catch (error) {
    sample.failure = error instanceof Error ? error.message : String(error);
  }
}

function rowOf(
  server: ServerName,
  connections: number,
  window: number,
  sample: CellSamples,
): RpcRow {
  return {
    server,
    connections,
    window,
    rps: summarize(sample.rps),
    p50: summarize(sample.p50),
    p99: summarize(sample.p99),
    cpu: summarize(sample.cpu),
    cpuPerCall: summarize(sample.cpuPerCall),
    errors: sample.errors,
    dropped: sample.dropped,
    failure: sample.failure,
  };
}

export function printRpc(rows: RpcRow[], settings: Settings): void {
  const find = (server: ServerName, connections: number, window: number) =>
    rows.find((r) => r.server === server && r.connections === connections && r.window === window);
  const table = settings.rpc.configs.flatMap(([connections, window]) =>
    SERVERS.map((server) => find(server, connections, window)).flatMap((row) => {
      if (!row) return [];
      const raw = find('raw-ws', connections, window);
      const sio = find('socket.io', connections, window);
      return [
        [
          `${connections}×${window}`,
          row.server,
          spread(row.rps, 0),
          spread(row.p50),
          spread(row.p99),
          `${num(row.cpu.median * 100, 0)}%`,
          spread(row.cpuPerCall, 1),
          ratio(row.rps.median, raw?.rps.median),
          ratio(row.rps.median, sio?.rps.median),
          row.failure
            ? 'FAILED'
            : row.errors + row.dropped > 0
              ? `${row.errors}/${row.dropped}`
              : '',
        ],
      ];
    }),
  );
  printTable(
    '1. RPC round trip: echo, ~100-byte params; median of windows (min–max). conns×window = connections × requests outstanding on each',
    [
      'conns×window',
      'server',
      'req/s',
      'p50 ms',
      'p99 ms',
      'srv CPU',
      'srv µs/call',
      'req/s vs raw-ws',
      'vs socket.io',
      'errors/dropped',
    ],
    table,
    'srv CPU: share of its core the server used. Well under 100% means the load generator (one core) ' +
      'was the limit, not the server: those req/s are a floor for the server.\n' +
      'srv µs/call: server CPU time per call, comparable whoever set the pace.',
  );
  const single = ONE_BY_ONE.map((server) => find(server, 1, 1)).filter((row) => row !== undefined);
  const raw = find('raw-ws', 1, 1);
  printTable(
    '1b. One connection, one request at a time: latency with nothing queued',
    ['server', 'p50 ms', 'p99 ms', 'req/s', 'p50 vs raw-ws'],
    single.map((row) => [
      row.server,
      spread(row.p50, 3),
      spread(row.p99, 3),
      spread(row.rps, 0),
      ratio(row.p50.median, raw?.p50.median),
    ]),
  );
}
