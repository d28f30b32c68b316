import { startWorker, Worker } from '../lib/proc';

/** Servers run on core 0, everything else (load generators, the orchestrator) on core 1. */
export const SERVER_CORE = 0;
export const CLIENT_CORE = 1;

export type ServerName =
  | 'raw-ws'
  | 'socket.io'
  | 'rpc-websockets'
  | 'ours-bare'
  | 'ours-interceptor'
  | 'ours-realistic'
  | 'ours-pipeline'
  | 'ours-pipeline-vp';

export interface Settings {
  quick: boolean;
  rpc: {
    /** [connections, outstanding requests per connection] */
    configs: [number, number][];
    warmupMs: number;
    windowMs: number;
    windows: number;
  };
  fanout: {
    sizes: number[];
    reps: number;
    publications: number;
    /** Deliveries per sustained run: messages = this / clients. */
    sustainedDeliveries: number;
    clientProcesses: number;
  };
  cluster: {
    /** Pushes measured one at a time, locally and across nodes. */
    latencyPushes: number;
    /** Pushes to one user on the other node, paced. */
    pacedPushes: number;
    /** Fan-out subscribers, half on each node. */
    subscribers: number;
    /** Paced publications to all of them. */
    publications: number;
  };
  history: {
    /** Subscribers of the topic (in the cluster, half on each node). */
    sizes: number[];
    /** Deliveries per burst: publications = this / subscribers. */
    deliveries: number;
    /** Publications one at a time, for the latency. */
    latencyPublications: number;
    /** Bursts per mode, the modes taking turns. */
    reps: number;
  };
  /** Only these servers (BENCH_SERVERS), for profiling or a quick look. */
  servers?: ServerName[];
  /** Write V8 CPU profiles of our servers here (BENCH_CPU_PROF). */
  cpuProfDir?: string;
}

export interface ServerReady {
  port: number;
}

export type Server = Worker<ServerReady> & { url: string };

const SCRIPTS: Record<ServerName, [string, string[]]> = {
  'raw-ws': ['servers/raw-ws.js', []],
  'socket.io': ['servers/socket-io.js', []],
  'rpc-websockets': ['servers/rpc-websockets.js', []],
  'ours-bare': ['servers/ours.js', ['bare']],
  'ours-interceptor': ['servers/ours.js', ['interceptor']],
  'ours-realistic': ['servers/ours.js', ['realistic']],
  'ours-pipeline': ['servers/ours.js', ['pipeline']],
  'ours-pipeline-vp': ['servers/ours.js', ['pipeline-vp']],
};

/** Starts a server in its own process on the server core, with `global.gc` for the memory figures. */
export async function startServer(name: ServerName, settings: Settings): Promise<Server> {
  const [script, args] = SCRIPTS[name];
  const profile =
    settings.cpuProfDir && name.startsWith('ours')
      ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}/${name}`]
      : [];
  const worker = await startWorker<ServerReady>({
    name,
    script,
    args,
    core: SERVER_CORE,
    nodeArgs: ['--expose-gc', ...profile],
  });
  const base = `127.0.0.1:${worker.ready.port}`;
  const url =
    name === 'socket.io'
      ? `http://${base}`
      : name.startsWith('ours')
        ? `ws://${base}/ws`
        : `ws://${base}/`;
  return Object.assign(worker, { url });
}

export function wanted(settings: Settings, name: ServerName): boolean {
  return !settings.servers || settings.servers.includes(name);
}

export interface CpuSample {
  cpuMs: number;
  at: number;
}

/** Share of one core the server used between two samples. */
export function cpuShare(from: CpuSample, to: CpuSample): number {
  return (to.cpuMs - from.cpuMs) / (to.at - from.at);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
