import { ChildProcess, spawn } from 'child_process';
import { once } from 'events';
import { join } from 'path';

/** A node of the cluster tests: a separate process running cluster-node.ts. */
export interface ClusterNode {
  port: number;
  nodeId: string;
  /** Everything it wrote, for failure messages. */
  output: string[];
  url(path?: string): string;
  http(path: string): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Sends a signal; resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();

/** No node outlives its test file. */
export function killAllNodes(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts a node and resolves once it listens. */
export async function startNode(env: Record<string, string>): Promise<ClusterNode> {
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'ts-register.cjs'), join(__dirname, 'cluster-node.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const output: string[] = [];
  const exited = once(child, 'exit').then(() => running.delete(child));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const ready = await new Promise<{ port: number; nodeId: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node did not start:\n${output.join('')}`)),
      60_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      const match = /READY (\d+) (\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), nodeId: match[2]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    ...ready,
    output,
    url: (path = '/ws') => `ws://127.0.0.1:${ready.port}${path}`,
    http: (path) => `http://127.0.0.1:${ready.port}${path}`,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
