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
}

/** Sends one push to every subscriber the way `mode` says; may resolve when enqueued. */
export type Publish = (mode: string, push: BenchPush) => unknown;

const PAD = 'x'.repeat(32);

/**
 * The orchestrator's control path into a server process, over IPC so that it
 * adds no traffic or sockets to what is measured: publish, memory, CPU time, stop.
 */
export function serveControl(port: number, publish: Publish): void {
  serve(
    {
      publish: async (args) => {
        const { mode, count, seq } = args as PublishArgs;
        const t0 = monoMs();
        for (let i = 0; i < count; i++) await publish(mode, { seq: seq + i, t0, pad: PAD });
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
