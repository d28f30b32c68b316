import type { Socket } from 'socket.io-client';
import { monoMs, runLimited, serve, withTimeout } from '../lib/worker';
import { JsonRpcConnection, openSocketIo } from './connect';

/**
 * Many idle subscribers in one process, for the fan-out and memory scenarios.
 * Each connection counts the pushes it receives; the n-th push of every
 * connection is "ordinal n", and the process notes when its last connection
 * got each ordinal. No parsing on arrival: counting is all the client does.
 */
export type SubscriberKind = 'raw-ws' | 'ours' | 'socket.io';

export interface SubscribeArgs {
  url: string;
  kind: SubscriberKind;
  count: number;
  /** Makes login tokens unique across client processes (one user per connection). */
  userPrefix: string;
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
      socket.on('bench', () => arrived(index));
      return;
    }
    const connection = sockets[index]!;
    if (kind === 'ours') {
      await connection.call('login', { token: `${userPrefix}-${index}` });
      await connection.call('subscribe', { topics: ['bench'] });
    }
    connection.ws.removeAllListeners('message');
    connection.ws.on('message', () => arrived(index));
  });
  if (failures.length > 0) throw new Error(`${failures.length} logins failed: ${failures[0]}`);
  return { readyAt: monoMs() };
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
