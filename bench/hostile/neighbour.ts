import { WebSocket } from 'ws';
import { killAll, pinSelf } from '../lib/proc';
import { quantile } from '../lib/stats';
import { num, printTable } from '../lib/table';
import { CLIENT_CORE, ServerName, Settings, startServer } from '../scenarios/common';

/**
 * `npm run bench:hostile`: what one hostile client costs a well-behaved neighbour.
 * Each server runs alone on the server core; this process (both clients) on the other.
 * The neighbour sends one echo every 5 ms and records its round trip while the attacker
 * is idle, floods 200,000 pipelined requests, or sends 100,000-key bombs. raw ws has no
 * fairness, no validation and no limits: it is the floor for idle latency, not a peer for
 * the other rows.
 */
const FLOOD = 200_000;
const BOMBS = 5;
const SERVERS: ServerName[] = ['raw-ws', 'ours-bare', 'ours-pipeline'];

const settings = { quick: false } as Settings;

function open(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) =>
    socket.once('open', () => resolve(socket)).once('error', reject),
  );
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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

/** Sends FLOOD requests as fast as the socket takes them; resolves when all are answered or it is closed. */
async function flood(url: string): Promise<string> {
  const socket = await open(url);
  let replies = 0;
  const finished = new Promise<string>((resolve) => {
    socket.on('message', () => {
      if (++replies === FLOOD) resolve(`${FLOOD} answered`);
    });
    socket.once('close', (code) => resolve(`closed ${code} after ${replies} replies`));
  });
  for (let sent = 0; sent < FLOOD && socket.readyState === WebSocket.OPEN;) {
    for (const end = Math.min(FLOOD, sent + 1000); sent < end; sent++) {
      socket.send(
        `{"jsonrpc":"2.0","method":"echo","params":{"text":"f","n":${sent}},"id":${sent}}`,
      );
    }
    await nextTurn();
  }
  const outcome = await Promise.race([
    finished,
    new Promise<string>((resolve) =>
      setTimeout(() => resolve(`${replies} answered in 60 s`), 60_000),
    ),
  ]);
  socket.terminate();
  return outcome;
}

/** Sends key bombs one after another, each once the previous is answered. */
async function keyBombs(url: string): Promise<string> {
  const bomb = `{${Array.from({ length: 100_000 }, (_, i) => `"${i.toString(36)}":1`).join(',')}}`;
  const socket = await open(url);
  const outcomes: string[] = [];
  for (let i = 0; i < BOMBS && socket.readyState === WebSocket.OPEN; i++) {
    const reply = new Promise<string>((resolve) => {
      socket.once('message', (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as { error?: { code: number } };
        resolve(parsed.error ? String(parsed.error.code) : 'result');
      });
      socket.once('close', (code) => resolve(`closed ${code}`));
    });
    socket.send(`{"jsonrpc":"2.0","method":"echo","params":${bomb},"id":${i}}`);
    outcomes.push(await reply);
  }
  socket.terminate();
  return `${BOMBS} bombs: ${[...new Set(outcomes)].join(', ')}`;
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

async function main(): Promise<void> {
  pinSelf(CLIENT_CORE);
  const rows: string[][] = [];
  for (const name of SERVERS) {
    const server = await startServer(name, settings);
    try {
      const neighbour = await open(server.url);
      const idle = new Promise((resolve) => setTimeout(resolve, 2000));
      rows.push(row(name, 'idle', await neighbourLatencies(neighbour, idle), '-'));
      let outcome = '';
      const flooding = flood(server.url).then((o) => (outcome = o));
      rows.push(
        row(name, `flood ${FLOOD}`, await neighbourLatencies(neighbour, flooding), outcome),
      );
      const bombing = keyBombs(server.url).then((o) => (outcome = o));
      rows.push(row(name, 'key bombs', await neighbourLatencies(neighbour, bombing), outcome));
      neighbour.terminate();
    } finally {
      await server.stop();
    }
  }
  printTable(
    'Neighbour echo latency (ms) while one client attacks',
    ['server', 'attack', 'p50', 'p99', 'max', 'echoes', 'attacker'],
    rows,
    'raw ws has no fairness, validation or limits: it is the floor for idle latency only.',
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(killAll);
