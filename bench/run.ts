import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';
import { format, resolveConfig } from 'prettier';
import { canPin, killAll, pinSelf } from './lib/proc';
import { CLIENT_CORE, ServerName, Settings } from './scenarios/common';
import { FanoutRun, printFanout, runFanout } from './scenarios/fanout';
import { printRpc, RpcRow, runRpc } from './scenarios/rpc';
import { ClusterRow, printCluster, runCluster } from './scenarios/cluster';
import { HistoryRow, printHistory, runHistory } from './scenarios/history';

/**
 * `npm run bench` (about 8 minutes on 2 cores) and `npm run bench:quick` (a smoke test):
 * starts each server in its own process on core 0, load generators on core 1,
 * prints one table per scenario and writes bench/results/latest.json.
 * Env: BENCH_ONLY=rpc|fanout|cluster|history, BENCH_SERVERS=ours-bare,raw-ws, BENCH_CPU_PROF=<dir>.
 */
const quick = process.argv.includes('--quick');

const settings: Settings = {
  quick,
  rpc: {
    configs: quick
      ? [
          [50, 1],
          [50, 32],
          [200, 1],
          [200, 32],
        ]
      : [
          [50, 1],
          [50, 32],
          [500, 1],
          [500, 32],
        ],
    // Per server and round: a warm-up, then one measured window (see runRpc).
    warmupMs: quick ? 300 : 500,
    windowMs: quick ? 700 : 2000,
    windows: quick ? 2 : 4,
  },
  fanout: {
    sizes: quick ? [200, 1000] : [1000, 10_000],
    reps: quick ? 1 : 3,
    publications: quick ? 10 : 20,
    sustainedDeliveries: quick ? 20_000 : 200_000,
    clientProcesses: 4,
  },
  cluster: {
    latencyPushes: quick ? 100 : 500,
    pacedPushes: quick ? 2000 : 20_000,
    subscribers: quick ? 200 : 2000,
    publications: quick ? 10 : 50,
  },
  history: {
    sizes: quick ? [200, 1000] : [1000, 5000],
    deliveries: quick ? 50_000 : 500_000,
    latencyPublications: quick ? 20 : 50,
    reps: quick ? 3 : 5,
  },
  servers: process.env.BENCH_SERVERS?.split(',') as ServerName[] | undefined,
  cpuProfDir: process.env.BENCH_CPU_PROF,
};

// Whatever happens, no server or client process outlives the run.
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

function git(args: string[]): string {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function machine(): Record<string, unknown> {
  let bufferutil = false;
  try {
    require.resolve('bufferutil');
    bufferutil = !process.env.WS_NO_BUFFER_UTIL;
  } catch {
    // not installed: ws masks in JavaScript
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pinning: canPin ? 'servers on core 0, clients and orchestrator on core 1' : 'none (no taskset)',
    wsBufferutil: bufferutil,
    // The library changes often: which version was measured, and whether it had local edits.
    commit:
      git(['rev-parse', '--short', 'HEAD']) +
      (git(['status', '--porcelain', 'libs']) ? '+dirty' : ''),
    // Anything else busy on the machine skews every figure: worth seeing next to them.
    loadAverage1m: loadavg()[0],
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  pinSelf(CLIENT_CORE);
  const info = machine();
  console.log(`nestjs-jsonrpc-ws benchmark${quick ? ' (quick)' : ''}`);
  console.log(
    `${String(info.cpu)}, ${String(info.cores)} cores, ${String(info.memoryGiB)} GiB, Node ${String(info.node)}`,
  );
  console.log(
    `pinning: ${String(info.pinning)}; ws native bufferutil: ${info.wsBufferutil ? 'yes' : 'no'}`,
  );
  console.log(`library at commit ${String(info.commit)}`);
  console.log(`load average (1 min) before starting: ${loadavg()[0]!.toFixed(2)}`);
  if (!canPin)
    console.log('WARNING: taskset not found, processes run unpinned and compete for cores');

  const only = process.env.BENCH_ONLY;
  let rpc: RpcRow[] = [];
  let fanout: FanoutRun[] = [];
  if (!only || only === 'rpc') {
    console.log('\nScenario 1: RPC round trip');
    rpc = await runRpc(settings);
  }
  if (!only || only === 'fanout') {
    console.log('\nScenarios 2 and 3: fan-out, memory and connection rate');
    fanout = await runFanout(settings);
  }

  let cluster: ClusterRow[] = [];
  if (!only || only === 'cluster') {
    console.log('\nScenario 4: two nodes on one Redis');
    cluster = await runCluster(settings);
  }

  let history: HistoryRow[] = [];
  if (!only || only === 'history') {
    console.log('\nScenario 5: the cost of topic history, on one node and in the cluster');
    history = await runHistory(settings);
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\n${String(info.cpu)}, ${String(info.cores)} cores, Node ${String(info.node)}; ${String(info.pinning)}`,
  );
  if (rpc.length) printRpc(rpc, settings);
  if (fanout.length) printFanout(fanout, settings);
  if (cluster.length) printCluster(cluster, settings);
  if (history.length) printHistory(history, settings);
  console.log(`\nTotal time: ${seconds.toFixed(0)} s`);

  const dir = join(__dirname, '..', '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  const json = JSON.stringify({
    date: new Date(started).toISOString(),
    seconds,
    machine: info,
    settings,
    rpc,
    fanout,
    cluster,
    history,
  });
  // Prettier's layout, so `prettier --check .` (which does not read bench/.gitignore) stays clean.
  const style = await resolveConfig(file);
  writeFileSync(file, await format(json, { ...style, filepath: file }));
  console.log(`Results: ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
