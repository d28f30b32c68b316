import type { Socket } from 'socket.io-client';
import { monoMs, runLimited, serve, withTimeout } from '../lib/worker';
import type { Duplex } from 'stream';
import { engineTransport, JsonRpcConnection, openSocketIo } from './connect';
import { FrameCounter, FrameEvents } from './frame-counter';

/**
 * Many idle subscribers in one process, for the fan-out and memory scenarios.
 * Each connection counts the pushes it receives; the n-th push of every
 * connection is "ordinal n", and the process notes when its last connection
 * got each ordinal. Once ready, a connection's TCP socket is read by a
 * FrameCounter instead of its client library: counting frames is all it does,
 * the same for every server, so the clients stay lighter than the server.
 */
export type SubscriberKind = 'raw-ws' | 'ours' | 'socket.io';

export interface SubscribeArgs {
  url: string;
  kind: SubscriberKind;
  count: number;
  /** Makes login tokens unique across client processes (one user per connection). */
  userPrefix: string;
  /** Params of ours' `subscribe` call. @default { topics: ['bench'] } */
  subscribe?: Record<string, unknown>;
}

const OPEN_CONCURRENCY = 64;

let config: SubscribeArgs;
const sockets: JsonRpcConnection[] = [];
const ioSockets: Socket[] = [];
/** Pushes received per connection. */
let got: Uint32Array;
/** Connections that have received ordinal n, and when the last of them did. */
const reached: number[] = [];
const lastAt: number[] = [];
const waiters = new Map<number, () => void>();
let closed = 0;

function arrived(index: number): void {
  const ordinal = ++got[index]!;
  const count = (reached[ordinal] ?? 0) + 1;
  reached[ordinal] = count;
  if (count === config.count) {
    lastAt[ordinal] = monoMs();
    waiters.get(ordinal)?.();
  }
}

async function open(args: unknown): Promise<{ lastOpenAt: number }> {
  config = args as SubscribeArgs;
  got = new Uint32Array(config.count);
  let lastOpenAt = 0;
  const failures = await runLimited(config.count, OPEN_CONCURRENCY, async () => {
    if (config.kind === 'socket.io') {
      const socket = await openSocketIo(config.url);
      socket.once('disconnect', () => closed++);
      ioSockets.push(socket);
    } else {
      const connection = await JsonRpcConnection.open(config.url);
      connection.ws.once('close', () => closed++);
      sockets.push(connection);
    }
    lastOpenAt = monoMs();
  });
  if (failures.length > 0) throw new Error(`${failures.length} connections failed: ${failures[0]}`);
  return { lastOpenAt };
}

/** Logs in and subscribes (ours), joins the room (socket.io); then only counts pushes. */
async function prepare(): Promise<{ readyAt: number }> {
  const { kind, userPrefix } = config;
  const failures = await runLimited(config.count, OPEN_CONCURRENCY, async (index) => {
    if (kind === 'socket.io') {
      const socket = ioSockets[index]!;
      await withTimeout(socket.emitWithAck('join', 'bench'), 15_000, 'join');
      const transport = engineTransport(socket);
      countFrames(transport.ws._socket, {
        // Engine.io packets: '4' a message (socket.io's "42[...]"), '2' a ping.
        message: (first) => {
          if (first === ENGINE_MESSAGE) arrived(index);
          // Handed back to engine.io-client: it answers and resets its own timeout.
          else if (first === ENGINE_PING) transport.onData('2');
        },
        ping: () => undefined,
      });
      return;
    }
    const connection = sockets[index]!;
    if (kind === 'ours') {
      await connection.call('login', { token: `${userPrefix}-${index}` });
      await connection.call('subscribe', config.subscribe ?? { topics: ['bench'] });
    }
    countFrames(connection.tcp, {
      message: () => arrived(index),
      ping: (payload) => connection.ws.pong(payload),
    });
  });
  if (failures.length > 0) throw new Error(`${failures.length} logins failed: ${failures[0]}`);
  return { readyAt: monoMs() };
}

const ENGINE_MESSAGE = '4'.charCodeAt(0);
const ENGINE_PING = '2'.charCodeAt(0);

/** From now on, `socket`'s bytes go to a FrameCounter instead of the client library's parser. */
function countFrames(socket: Duplex, events: FrameEvents): void {
  // Nothing is in flight here, so the library's parser holds no partial frame.
  socket.removeAllListeners('data');
  const counter = new FrameCounter(events);
  socket.on('data', (chunk: Buffer) => counter.feed(chunk));
}

/** Resolves once every connection has ordinal `ordinal` (or at the timeout, with ok false). */
async function waitFor(args: unknown): Promise<{ ok: boolean; at: number; reached: number }> {
  const { ordinal, timeoutMs } = args as { ordinal: number; timeoutMs: number };
  const result = () => ({
    ok: reached[ordinal] === config.count,
    at: lastAt[ordinal] ?? NaN,
    reached: reached[ordinal] ?? 0,
    closed,
  });
  if (reached[ordinal] !== config.count) {
    await withTimeout(
      new Promise<void>((resolve) => waiters.set(ordinal, resolve)),
      timeoutMs,
      'wait',
    ).catch(() => undefined);
    waiters.delete(ordinal);
  }
  return result();
}

serve({ open, prepare, wait: waitFor });
