import type { SubscribeArgs, SubscriberKind } from '../clients/subscribers';
import type { PublishArgs } from '../servers/control';
import { startWorker, Worker } from '../lib/proc';
import { quantile, Summary, summarize } from '../lib/stats';
import { num, printTable, ratio, spread } from '../lib/table';
import { monoMs } from '../lib/worker';
import {
  CLIENT_CORE,
  cpuShare,
  CpuSample,
  Server,
  ServerName,
  Settings,
  sleep,
  startServer,
  wanted,
} from './common';

/**
 * Scenarios 2 and 3 share one setup: N idle connections, logged in and
 * subscribed where the server has the notion. Each repetition starts a fresh
 * server, measures its memory before and after the connections, how fast they
 * open, then publishes to them.
 */
interface Target {
  server: ServerName;
  kind: SubscriberKind;
  /** Publish modes, with the label each gets in the tables. */
  modes: [string, string][];
}

const TARGETS: Target[] = [
  { server: 'raw-ws', kind: 'raw-ws', modes: [['all', 'raw-ws (all clients)']] },
  {
    server: 'socket.io',
    kind: 'socket.io',
    modes: [
      ['room', 'socket.io to(room).emit'],
      ['all', 'socket.io io.emit'],
    ],
  },
  {
    server: 'ours-bare',
    kind: 'ours',
    modes: [
      ['topic', 'ours pushToTopic'],
      ['broadcast', 'ours broadcast'],
    ],
  },
];

const WARMUP_PUBLICATIONS = 5;

/** Which socket.io mode compares with which of ours. */
const SOCKET_IO_PEER: Record<string, string> = { topic: 'room', broadcast: 'all', room: 'room' };

interface Throughput {
  perS: number;
  cpu: number;
  messages: number;
}

interface Memory {
  rss: number;
  heapUsed: number;
}

export interface FanoutRun {
  server: ServerName;
  clients: number;
  openPerS: number;
  readyPerS: number;
  rssPerConn: number;
  heapPerConn: number;
  /** Per mode: time until the last client had each publication, ms. */
  lastDelivery: Record<string, number[]>;
  /**
   * Per mode: time the server took to hand each publication to every socket, ms:
   * server work alone, whatever the speed of the clients.
   */
  serverSend: Record<string, number[]>;
  /** Per mode: deliveries per second of a back-to-back burst, and the server's CPU share. */
  sustained: Record<string, Throughput>;
  /** The same with one publication per turn of the server's event loop. */
  paced: Record<string, Throughput>;
  failure?: string;
}

export async function runFanout(settings: Settings): Promise<FanoutRun[]> {
  const runs: FanoutRun[] = [];
  for (const clients of settings.fanout.sizes) {
    for (const target of TARGETS.filter((t) => wanted(settings, t.server))) {
      for (let rep = 0; rep < settings.fanout.reps; rep++) {
        const run = await once(target, clients, settings);
        runs.push(run);
        console.log(
          `  fan-out ${target.server} ${clients} clients #${rep + 1}: open ${num(run.openPerS)}/s, ` +
            `${num(run.rssPerConn / 1024)} KiB RSS/conn, ` +
            target.modes
              .map(
                ([mode]) =>
                  `${mode} last p50 ${num(quantile(run.lastDelivery[mode] ?? [], 0.5))} ms`,
              )
              .join(', ') +
            (run.failure ? ` FAILED: ${run.failure}` : ''),
        );
      }
    }
  }
  return runs;
}

async function once(target: Target, clients: number, settings: Settings): Promise<FanoutRun> {
  const { clientProcesses, publications, sustainedDeliveries } = settings.fanout;
  const run: FanoutRun = {
    server: target.server,
    clients,
    openPerS: NaN,
    readyPerS: NaN,
    rssPerConn: NaN,
    heapPerConn: NaN,
    lastDelivery: {},
    serverSend: {},
    sustained: {},
    paced: {},
  };
  let server: Server | undefined;
  const procs: Worker[] = [];
  try {
    server = await startServer(target.server, settings);
    for (let i = 0; i < clientProcesses; i++) {
      procs.push(
        await startWorker({
          name: `subscribers-${i}`,
          script: 'clients/subscribers.js',
          core: CLIENT_CORE,
        }),
      );
    }
    const before = await server.call<Memory>('memory');

    // Connection accept rate: all processes open their share at once.
    let start = monoMs();
    const opened = await Promise.all(
      procs.map((proc, i) => {
        const args: SubscribeArgs = {
          url: server!.url,
          kind: target.kind,
          count: Math.floor(clients / clientProcesses) + (i < clients % clientProcesses ? 1 : 0),
          userPrefix: `p${i}`,
        };
        return proc.call<{ lastOpenAt: number }>('open', args, 180_000);
      }),
    );
    run.openPerS = (clients / (Math.max(...opened.map((o) => o.lastOpenAt)) - start)) * 1000;
    start = monoMs();
    const ready = await Promise.all(
      procs.map((p) => p.call<{ readyAt: number }>('prepare', undefined, 180_000)),
    );
    run.readyPerS = (clients / (Math.max(...ready.map((r) => r.readyAt)) - start)) * 1000;

    await sleep(300);
    const after = await server.call<Memory>('memory');
    run.rssPerConn = (after.rss - before.rss) / clients;
    run.heapPerConn = (after.heapUsed - before.heapUsed) / clients;

    let ordinal = 0;
    const publish = async (mode: string, count: number, timeoutMs: number, paced = false) => {
      const { t0, t1 } = await server!.call<{ t0: number; t1: number }>('publish', {
        mode,
        count,
        seq: ordinal + 1,
        paced,
      } satisfies PublishArgs);
      ordinal += count;
      const waits = await Promise.all(
        procs.map((p) =>
          p.call<{ ok: boolean; at: number; reached: number; closed: number }>(
            'wait',
            { ordinal, timeoutMs },
            timeoutMs + 5000,
          ),
        ),
      );
      const missing = waits.filter((w) => !w.ok);
      if (missing.length > 0) {
        throw new Error(
          `publication ${ordinal} (${mode}) not delivered to all within ${timeoutMs} ms: ` +
            JSON.stringify(missing),
        );
      }
      return { elapsed: Math.max(...waits.map((w) => w.at)) - t0, send: t1 - t0 };
    };

    // Latency: one publication at a time, the next once every client has the previous one,
    // the modes taking turns so that none pays for going first. The first few only warm up
    // (JIT, buffers) and are not counted.
    for (const [mode] of target.modes) {
      run.lastDelivery[mode] = [];
      run.serverSend[mode] = [];
    }
    for (let i = 0; i < WARMUP_PUBLICATIONS + publications; i++) {
      for (const [mode] of target.modes) {
        const { elapsed, send } = await publish(mode, 1, 15_000);
        if (i >= WARMUP_PUBLICATIONS) {
          run.lastDelivery[mode]!.push(elapsed);
          run.serverSend[mode]!.push(send);
        }
        await sleep(10);
      }
    }
    // Throughput: messages back-to-back, all at once and then one per event-loop turn.
    const messages = Math.max(1, Math.round(sustainedDeliveries / clients));
    // Unmeasured first: whichever mode went first would also pay for warming up (JIT, buffers).
    for (const paced of [false, true]) {
      await publish(target.modes[0]![0], Math.ceil(messages / 4), 60_000, paced);
    }
    for (const paced of [false, true]) {
      for (const [mode] of target.modes) {
        const from = await server.call<CpuSample>('cpu');
        const { elapsed } = await publish(mode, messages, 60_000, paced);
        const to = await server.call<CpuSample>('cpu');
        (paced ? run.paced : run.sustained)[mode] = {
          perS: ((clients * messages) / elapsed) * 1000,
          cpu: cpuShare(from, to),
          messages,
        };
      }
    }
  } catch (error) {
    run.failure = error instanceof Error ? error.message : String(error);
  } finally {
    // The server first: its side then holds the TIME_WAIT sockets, not the clients' ephemeral ports.
    await server?.stop();
    await Promise.all(procs.map((p) => p.stop()));
  }
  return run;
}

interface Line {
  label: string;
  server: ServerName;
  mode: string;
  clients: number;
  p50: Summary;
  p99: Summary;
  send: Summary;
  perS: Summary;
  cpu: Summary;
  pacedPerS: Summary;
  pacedCpu: Summary;
  failed: boolean;
}

function lines(runs: FanoutRun[], sizes: number[]): Line[] {
  return sizes.flatMap((clients) =>
    TARGETS.flatMap((target) =>
      target.modes.flatMap(([mode, label]) => {
        const mine = runs.filter((r) => r.server === target.server && r.clients === clients);
        if (mine.length === 0) return [];
        const ok = mine.filter((r) => r.lastDelivery[mode]);
        return [
          {
            label,
            server: target.server,
            mode,
            clients,
            p50: summarize(ok.map((r) => quantile(r.lastDelivery[mode]!, 0.5))),
            p99: summarize(ok.map((r) => quantile(r.lastDelivery[mode]!, 0.99))),
            send: summarize(ok.map((r) => quantile(r.serverSend[mode]!, 0.5))),
            perS: summarize(mine.map((r) => r.sustained[mode]?.perS ?? NaN)),
            cpu: summarize(mine.map((r) => r.sustained[mode]?.cpu ?? NaN)),
            pacedPerS: summarize(mine.map((r) => r.paced[mode]?.perS ?? NaN)),
            pacedCpu: summarize(mine.map((r) => r.paced[mode]?.cpu ?? NaN)),
            failed: mine.some((r) => r.failure),
          },
        ];
      }),
    ),
  );
}

export function printFanout(runs: FanoutRun[], settings: Settings): void {
  const all = lines(runs, settings.fanout.sizes);
  const peers = (line: Line) => ({
    raw: all.find((l) => l.server === 'raw-ws' && l.clients === line.clients),
    sio: all.find(
      (l) =>
        l.server === 'socket.io' &&
        l.clients === line.clients &&
        l.mode === SOCKET_IO_PEER[line.mode],
    ),
  });
  const flag = (line: Line) => (line.failed ? ' FAILED' : '');
  printTable(
    `2a. Fan-out latency: a ~100-byte push to every client, time until the LAST client has it; ` +
      `p50/p99 over ${settings.fanout.publications} publications, median of ${settings.fanout.reps} runs (min–max)`,
    [
      'clients',
      'target',
      'last p50 ms',
      'last p99 ms',
      'p50 vs raw-ws',
      'vs socket.io',
      'server send p50 ms',
      'send vs raw-ws',
    ],
    all.map((line) => {
      const { raw, sio } = peers(line);
      return [
        String(line.clients),
        line.label + flag(line),
        spread(line.p50),
        spread(line.p99),
        ratio(line.p50.median, raw?.p50.median),
        ratio(line.p50.median, sio?.p50.median),
        spread(line.send),
        ratio(line.send.median, raw?.send.median),
      ];
    }),
  );
  printTable(
    `2b. Fan-out throughput: ~${num(settings.fanout.sustainedDeliveries)} deliveries (messages = that / clients), ` +
      `deliveries/s until the last one arrived. burst: published back-to-back in one go; ` +
      `paced: one publication per turn of the server's event loop`,
    [
      'clients',
      'target',
      'msgs',
      'burst/s',
      'srv CPU',
      'vs raw-ws',
      'vs socket.io',
      'paced/s',
      'srv CPU',
      'vs raw-ws',
      'vs socket.io',
    ],
    all.map((line) => {
      const { raw, sio } = peers(line);
      return [
        String(line.clients),
        line.label + flag(line),
        String(Math.max(1, Math.round(settings.fanout.sustainedDeliveries / line.clients))),
        spread(line.perS, 0),
        `${num(line.cpu.median * 100, 0)}%`,
        ratio(line.perS.median, raw?.perS.median),
        ratio(line.perS.median, sio?.perS.median),
        spread(line.pacedPerS, 0),
        `${num(line.pacedCpu.median * 100, 0)}%`,
        ratio(line.pacedPerS.median, raw?.pacedPerS.median),
        ratio(line.pacedPerS.median, sio?.pacedPerS.median),
      ];
    }),
    'Clients share one core: with srv CPU well under 100% they, not the server, set the pace. ' +
      '"server send" in 2a is the server-side cost alone. Ours holds what a connection is sent in ' +
      'one tick and writes it in one system call, so a burst costs it one write per client, not one per message.',
  );
  const clients = Math.max(...settings.fanout.sizes);
  const rows = TARGETS.flatMap((target) => {
    const mine = runs.filter(
      (r) => r.server === target.server && r.clients === clients && !r.failure,
    );
    return mine.length ? [{ server: target.server, mine }] : [];
  });
  const stat = (server: ServerName, pick: (r: FanoutRun) => number) =>
    summarize(rows.find((r) => r.server === server)?.mine.map(pick) ?? []);
  printTable(
    `3. Memory and connection rate: ${num(clients)} idle connections (ours: logged in + subscribed to one topic; ` +
      `socket.io: in one room); per connection after forced GC; median of ${settings.fanout.reps} runs (min–max)`,
    [
      'server',
      'RSS KiB/conn',
      'heap KiB/conn',
      'RSS vs raw-ws',
      'vs socket.io',
      'opened/s',
      'ready/s',
      'opened/s vs raw-ws',
    ],
    rows.map(({ server }) => {
      const rss = stat(server, (r) => r.rssPerConn / 1024);
      const heap = stat(server, (r) => r.heapPerConn / 1024);
      const open = stat(server, (r) => r.openPerS);
      return [
        server,
        spread(rss, 1),
        spread(heap, 1),
        ratio(rss.median, stat('raw-ws', (r) => r.rssPerConn / 1024).median),
        ratio(rss.median, stat('socket.io', (r) => r.rssPerConn / 1024).median),
        spread(open, 0),
        // raw-ws clients have nothing to do once open
        server === 'raw-ws'
          ? '-'
          : spread(
              stat(server, (r) => r.readyPerS),
              0,
            ),
        ratio(open.median, stat('raw-ws', (r) => r.openPerS).median),
      ];
    }),
  );
}
