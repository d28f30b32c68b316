import { ChildProcess, spawn, spawnSync } from 'child_process';
import { join } from 'path';
import type { Reply, Request } from './worker';

/** Whether processes can be pinned to a core. Without taskset everything runs unpinned. */
export const canPin = spawnSync('taskset', ['-p', String(process.pid)]).status === 0;

/** Every child still alive: killed on any exit of the orchestrator, so nothing lingers. */
const live = new Set<ChildProcess>();

export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** Pins this process (all its threads) to a core, like the children. */
export function pinSelf(core: number): void {
  if (canPin) spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)]);
}

export interface Worker<TReady = unknown> {
  readonly name: string;
  readonly pid: number;
  /** What the child announced when it was ready (a server's port, say). */
  readonly ready: TReady;
  call<T = unknown>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit, then kills it if it has not within 3 s. */
  stop(): Promise<void>;
}

export interface WorkerSpec {
  name: string;
  /** Script path relative to dist/bench/bench (this file's compiled parent folder). */
  script: string;
  args?: string[];
  core: number;
  nodeArgs?: string[];
}

/** Starts `node <script>` pinned to a core, with an IPC channel, and waits for its `ready`. */
export function startWorker<TReady>(spec: WorkerSpec): Promise<Worker<TReady>> {
  const script = join(__dirname, '..', spec.script);
  const node = [...(spec.nodeArgs ?? []), script, ...(spec.args ?? [])];
  // taskset execs node in place, so the pid, the IPC descriptor and the environment carry over.
  const [command, args] = canPin
    ? ['taskset', ['-c', String(spec.core), process.execPath, ...node]]
    : [process.execPath, node];
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  live.add(child);
  const pending = new Map<
    number,
    { resolve: (data: unknown) => void; reject: (e: Error) => void }
  >();
  let nextRid = 0;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      for (const { reject } of pending.values())
        reject(new Error(`${spec.name} exited (${signal ?? code})`));
      pending.clear();
      resolve();
    }),
  );

  return new Promise((resolve, reject) => {
    const startTimer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.name} not ready within 30 s`));
    }, 30_000);
    void exited.then(() => {
      clearTimeout(startTimer);
      reject(new Error(`${spec.name} exited before it was ready`));
    });
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        clearTimeout(startTimer);
        resolve(worker(reply.ready as TReady));
        return;
      }
      const entry = pending.get(reply.rid);
      pending.delete(reply.rid);
      if (reply.ok) entry?.resolve(reply.data);
      else entry?.reject(new Error(`${spec.name}: ${reply.error}`));
    });
  });

  function worker(ready: TReady): Worker<TReady> {
    return {
      name: spec.name,
      pid: child.pid!,
      ready,
      call<T>(cmd: string, args?: unknown, timeoutMs = 60_000): Promise<T> {
        return new Promise<T>((resolve, reject) => {
          if (!child.connected) return reject(new Error(`${spec.name} is gone`));
          const rid = ++nextRid;
          const timer = setTimeout(() => {
            pending.delete(rid);
            reject(new Error(`${spec.name}: ${cmd} timed out after ${timeoutMs} ms`));
          }, timeoutMs);
          pending.set(rid, {
            resolve: (data) => (clearTimeout(timer), resolve(data as T)),
            reject: (error) => (clearTimeout(timer), reject(error)),
          });
          const request: Request = { rid, cmd, args };
          child.send(request);
        });
      },
      async stop(): Promise<void> {
        if (!live.has(child)) return;
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        this.call('stop', undefined, 3000).catch(() => child.kill('SIGKILL'));
        await exited;
        clearTimeout(kill);
      },
    };
  }
}
