import { performance } from 'perf_hooks';
import { Histogram } from '../lib/stats';
import { runLimited, serve, sleep } from '../lib/worker';
import {
  engineTransport,
  JsonRpcConnection,
  openRpcWebsockets,
  openSocketIo,
  rpcWebsocketsTcp,
  tickCorker,
} from './connect';

/**
 * Closed-loop RPC load: every connection keeps `window` echo requests
 * outstanding, sending the next as soon as one is answered. The orchestrator
 * reads (and resets) the counters at window boundaries with `snapshot`. Every
 * client, whatever its library, writes the requests of one tick in one go.
 */
export type RpcProtocol = 'jsonrpc' | 'socket.io' | 'rpc-websockets';

export interface OpenArgs {
  url: string;
  protocol: RpcProtocol;
  connections: number;
  /** Log every connection in with the built-in `login` first (a token per connection). */
  loginPrefix?: string;
}

export interface Snapshot {
  ok: number;
  errors: number;
  dropped: number;
  elapsedMs: number;
  histogram: number[];
}

/** ~100 bytes of JSON; matches the pipeline's EchoDto. */
export const ECHO_PARAMS = { text: 'x'.repeat(80), n: 42 };

type Call = (done: (ok: boolean) => void) => void;

const calls: Call[] = [];
const closers: (() => void)[] = [];
let running = false;
let outstanding = 0;
let histogram = new Histogram();
let errors = 0;
/** Connections that closed while the load was running: they show up as lost throughput. */
let dropped = 0;
let windowStart = performance.now();

async function open(args: unknown): Promise<{ opened: number }> {
  const { url, protocol, connections, loginPrefix } = args as OpenArgs;
  const failures = await runLimited(connections, 50, async (index) => {
    if (protocol === 'jsonrpc') {
      const connection = await JsonRpcConnection.open(url);
      connection.ws.once('close', () => running && dropped++);
      closers.push(() => connection.ws.terminate());
      if (loginPrefix) await connection.call('login', { token: `${loginPrefix}-${index}` });
      calls.push((done) =>
        connection.send('echo', ECHO_PARAMS, (reply) => done(reply.result !== undefined)),
      );
    } else if (protocol === 'socket.io') {
      const socket = await openSocketIo(url);
      socket.once('disconnect', () => running && dropped++);
      closers.push(() => socket.disconnect());
      const cork = tickCorker(engineTransport(socket).ws._socket);
      calls.push((done) => {
        cork();
        socket.emit('echo', ECHO_PARAMS, (r: unknown) => done(r !== undefined));
      });
    } else {
      const client = await openRpcWebsockets(url);
      client.once('close', () => running && dropped++);
      closers.push(() => client.close());
      const cork = tickCorker(rpcWebsocketsTcp(client));
      calls.push((done) => {
        cork();
        client.call('echo', ECHO_PARAMS).then(
          () => done(true),
          () => done(false),
        );
      });
    }
  });
  if (failures.length > 0) throw new Error(`${failures.length} connections failed: ${failures[0]}`);
  return { opened: calls.length };
}

function issue(call: Call): void {
  if (!running) return;
  const sent = performance.now();
  outstanding++;
  call((ok) => {
    outstanding--;
    if (ok) histogram.record(performance.now() - sent);
    else errors++;
    issue(call);
  });
}

serve({
  open,
  start: (args) => {
    const { window } = args as { window: number };
    running = true;
    for (const call of calls) for (let i = 0; i < window; i++) issue(call);
    windowStart = performance.now();
  },
  snapshot: (): Snapshot => {
    const now = performance.now();
    const snapshot = {
      ok: histogram.total,
      errors,
      dropped,
      elapsedMs: now - windowStart,
      histogram: histogram.counts,
    };
    histogram = new Histogram();
    errors = 0;
    windowStart = now;
    return snapshot;
  },
  /** Stops sending and lets outstanding requests finish (bounded); `start` sends again. */
  pause: async () => {
    running = false;
    for (let waited = 0; outstanding > 0 && waited < 3000; waited += 20) await sleep(20);
    return { unanswered: outstanding };
  },
  /** Stops sending, lets outstanding requests finish (bounded), then closes every connection. */
  halt: async () => {
    running = false;
    for (let waited = 0; outstanding > 0 && waited < 3000; waited += 20) await sleep(20);
    closers.forEach((close) => close());
    return { unanswered: outstanding };
  },
});
