import { WebSocket } from 'ws';
import { cpus } from 'os';
import { canPin, killAll, pinSelf, startWorker, Worker } from '../lib/proc';
import { quantile } from '../lib/stats';
import { num, printTable } from '../lib/table';
import { CLIENT_CORE, SERVER_CORE, ServerName, Settings, startServer } from '../scenarios/common';
import type { FloodArgs, KeyBombArgs } from './attacker';
import { open } from './open';

/**
 * `npm run bench:hostile`: what one hostile client costs a well-behaved neighbour.
 * Each server runs alone in its process; the neighbour runs in this one, and the
 * attacker in a child process of its own (attacker.ts), so that the attacker's
 * work is not done on the neighbour's event loop. The neighbour sends one echo
 * every 5 ms and records its round trip while the attacker is idle, floods
 * 200,000 pipelined requests, or sends 100,000-key bombs. raw ws has no fairness,
 * no validation and no limits: it is the floor for idle latency, not a peer for
 * the other rows.
 */
const FLOOD = 200_000;
const BOMBS = 5;
const BOMB_KEYS = 100_000;
const SERVERS: ServerName[] = ['raw-ws', 'ours-bare', 'ours-pipeline'];
/** Longer than the attacker's own 60 s limit on a flood. */
const ATTACK_TIMEOUT_MS = 120_000;

const settings = { quick: false } as Settings;

/** Echo round trips of the neighbour, every 5 ms, until `until` settles. */
async function neighbourLatencies(socket: WebSocket, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.then(() => (done = true));
  const latencies: number[] = [];
  for (let n = 0; !done; n++) {
    const started = performance.now();
    const reply = new Promise<void>((resolve) => socket.once('message', () => resolve()));
    socket.send(
      JSON.stringify({ jsonrpc: '2.0', method: 'echo', params: { text: 'n', n }, id: n }),
    );
    await reply;
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies;
}

function row(server: string, phase: string, latencies: number[], attacker: string): string[] {
  return [
    server,
    phase,
    num(quantile(latencies, 0.5)),
    num(quantile(latencies, 0.99)),
    num(Math.max(...latencies)),
    String(latencies.length),
    attacker,
  ];
}

async function measure(name: ServerName, attacker: Worker): Promise<string[][]> {
  const server = await startServer(name, settings);
  // Logged in, so that on ours-pipeline the calls pass the auth guard and run the whole pipeline.
  const token = (who: string) => (name.startsWith('ours') ? who : undefined);
  try {
    const neighbour = await open(server.url, token('neighbour'));
    const rows: string[][] = [];
    const idle = new Promise((resolve) => setTimeout(resolve, 2000));
    rows.push(row(name, 'idle', await neighbourLatencies(neighbour, idle), '-'));
    const flood: FloodArgs = { url: server.url, requests: FLOOD, token: token('flooder') };
    const flooding = attacker.call<string>('flood', flood, ATTACK_TIMEOUT_MS);
    const flooded = await neighbourLatencies(neighbour, flooding);
    rows.push(row(name, `flood ${FLOOD.toLocaleString('en-US')}`, flooded, await flooding));
    const bombs: KeyBombArgs = {
      url: server.url,
      bombs: BOMBS,
      keys: BOMB_KEYS,
      token: token('bomber'),
    };
    const bombing = attacker.call<string>('keyBombs', bombs, ATTACK_TIMEOUT_MS);
    const bombed = await neighbourLatencies(neighbour, bombing);
    rows.push(row(name, 'key bombs', bombed, await bombing));
    neighbour.terminate();
    return rows;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  pinSelf(CLIENT_CORE);
  const attacker = await startWorker({
    name: 'attacker',
    script: 'hostile/attacker.js',
    core: CLIENT_CORE,
  });
  const rows: string[][] = [];
  try {
    for (const name of SERVERS) rows.push(...(await measure(name, attacker)));
  } finally {
    await attacker.stop();
  }
  const placement = canPin
    ? `Each server is pinned to core ${SERVER_CORE}; the neighbour (this process) and the ` +
      `attacker (a child process) share core ${CLIENT_CORE}.`
    : 'taskset is missing: the server, the neighbour and the attacker run unpinned.';
  printTable(
    'Neighbour echo latency (ms) while one client attacks',
    ['server', 'attack', 'p50', 'p99', 'max', 'echoes', 'attacker'],
    rows,
    [
      placement,
      `The machine has ${cpus().length} cores: the server, the flooder and the neighbour compete`,
      'for them, so part of what the neighbour waits under attack is CPU time the attacker takes.',
      'raw ws has no fairness, validation or limits: it is the floor for idle latency only.',
    ].join('\n'),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(killAll);
