import { monoMs, serve, sleep } from '../lib/worker';

/** A fan-out message of about 100 bytes once wrapped by any of the servers. */
export interface BenchPush {
  seq: number;
  t0: number;
  pad: string;
}

export interface PublishArgs {
  /** Server-specific: 'all', 'room', 'topic', 'broadcast'. */
  mode: string;
  /** Messages to send back-to-back. */
  count: number;
  /** Sequence number of the first one. */
  seq: number;
  /**
   * One message per turn of the event loop, as publications caused by separate
   * events arrive, instead of all of them in one go: nothing can be coalesced.
   */
  paced: boolean;
}

/** Sends one push to every subscriber the way `mode` says; may resolve when enqueued. */
export type Publish = (mode: string, push: BenchPush) => unknown;

const PAD = 'x'.repeat(32);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The orchestrator's control path into a server process, over IPC so that it
 * adds no traffic or sockets to what is measured: publish, memory, CPU time, stop.
 */
export function serveControl(port: number, publish: Publish): void {
  serve(
    {
      publish: async (args) => {
        const { mode, count, seq, paced } = args as PublishArgs;
        const t0 = monoMs();
        // Not awaited one by one: an application publishing on events does not wait for
        // each push's promise (ours resolves once other nodes are reached) before the next.
        const pending: unknown[] = [];
        for (let i = 0; i < count; i++) {
          pending.push(publish(mode, { seq: seq + i, t0, pad: PAD }));
          if (paced) await nextTurn();
        }
        await Promise.all(pending);
        // Writes a server defers to the end of the tick count as part of sending.
        await nextTurn();
        return { t0, t1: monoMs() };
      },
      memory: async () => {
        // Two full collections with a turn of the event loop between them, so weak
        // references and finalizers from the first are collected by the second.
        const gc = (globalThis as { gc?: () => void }).gc;
        if (!gc) throw new Error('start the server with --expose-gc');
        gc();
        await sleep(50);
        gc();
        const { rss, heapUsed } = process.memoryUsage();
        return { rss, heapUsed };
      },
      cpu: () => {
        const { user, system } = process.cpuUsage();
        return { cpuMs: (user + system) / 1000, at: monoMs() };
      },
    },
    { port },
  );
}
