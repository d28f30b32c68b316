/** Child side of the orchestrator's IPC: named commands in, one reply each. */

export interface Request {
  rid: number;
  cmd: string;
  args?: unknown;
}

export type Reply =
  | { rid: number; ok: true; data: unknown }
  | { rid: number; ok: false; error: string }
  | { ready: unknown };

export type Handlers = Record<string, (args: unknown) => unknown>;

/**
 * CLOCK_MONOTONIC in ms. It is system-wide on Linux, so times taken in different
 * processes of this machine can be subtracted (a publish in the server, its arrival in a client).
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Serves `handlers` over the IPC channel, then announces `ready`. `stop` exits the process. */
export function serve(handlers: Handlers, ready: unknown = {}): void {
  // The orchestrator gone (crashed, killed) means nobody will stop us: exit rather than linger.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: Request) => {
    const { rid, cmd, args } = message;
    if (cmd === 'stop') {
      send({ rid, ok: true, data: null }, () => process.exit(0));
      return;
    }
    const handler = handlers[cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${cmd}`);
        return handler(args);
      })
      .then(
        (data) => send({ rid, ok: true, data: data ?? null }),
        (error: unknown) =>
          send({ rid, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  send({ ready });
}

function send(reply: Reply, done?: () => void): void {
  if (!process.connected) return process.exit(0);
  process.send!(reply, undefined, {}, done);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `task(0..count-1)` with at most `limit` running at once; resolves to the failures. */
export async function runLimited(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await task(index).catch((error: unknown) => failures.push(String(error)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return failures;
}

/** Rejects after `ms` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
