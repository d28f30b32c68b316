import { WebSocket } from 'ws';
import { JsonRpcSession } from '../../libs/jsonrpc-ws/src';
import { RpcDispatcher } from '../../libs/jsonrpc-ws/src/pipeline/rpc.dispatcher';
import type { OutboundGate } from '../../libs/jsonrpc-ws/src/session/outbound-gate';
import { BARE, createBenchApp, PipelineParts, PIPELINE, REALISTIC } from '../servers/bench-app';

/**
 * `npm run bench:micro`: CPU time of one call inside the server, from the text
 * of a request to the text of its reply, with no socket: what each part of the
 * pipeline adds to the `echo` method. One process, calls one after another.
 */
const VARIANTS: [string, PipelineParts][] = [
  ['bare', BARE],
  ['+ auth guard', { ...BARE, auth: true }],
  ['+ rate limit', { ...BARE, rateLimit: true }],
  ['+ RpcValidationPipe', { ...BARE, validation: 'RpcValidationPipe' }],
  ['+ ValidationPipe', { ...BARE, validation: 'ValidationPipe' }],
  ['+ logCalls', { ...BARE, logCalls: true }],
  ['+ no-op interceptor', { ...BARE, interceptor: 'no-op' }],
  ['+ RpcLoggingInterceptor', { ...BARE, interceptor: 'RpcLoggingInterceptor' }],
  ["+ no-op, Nest's runner", { ...BARE, interceptor: 'no-op', nestRunner: true }],
  ['pipeline (all four)', PIPELINE],
  ['realistic', REALISTIC],
  ['... with ValidationPipe', { ...PIPELINE, validation: 'ValidationPipe' }],
];
const CALLS = Number(process.env.MICRO_CALLS ?? 200_000);
const REQUEST = JSON.stringify({
  jsonrpc: '2.0',
  method: 'echo',
  params: { text: 'x'.repeat(48), n: 42 },
  id: 1,
});

/** A socket that takes every frame and does nothing with it. */
function sinkSocket(): WebSocket {
  let replies = 0;
  return {
    readyState: WebSocket.OPEN,
    bufferedAmount: 0,
    send: () => void replies++,
  } as unknown as WebSocket;
}

async function measure(parts: PipelineParts): Promise<number> {
  const app = await createBenchApp(parts);
  await app.init();
  const dispatcher = app.get(RpcDispatcher, { strict: false });
  const gate = { admit: () => true, admitReply: () => true } as unknown as OutboundGate;
  const session = new JsonRpcSession(sinkSocket(), '127.0.0.1', gate);
  session.bindIdentity({
    userId: 'u1',
    platform: 'bench',
    user: { userId: 'u1' },
    expiresAt: undefined,
    authenticatedAt: Date.now(),
  });
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await dispatcher.dispatch(session, REQUEST);
  };
  await run(CALLS / 4);
  const cpu = process.cpuUsage();
  await run(CALLS);
  const used = process.cpuUsage(cpu);
  await app.close();
  return (used.user + used.system) / CALLS;
}

async function main(): Promise<void> {
  console.log(`CPU µs per call, in process, no socket (${CALLS} calls each, best of 3)`);
  let bare = 0;
  for (const [name, parts] of VARIANTS) {
    const runs = [await measure(parts), await measure(parts), await measure(parts)];
    const best = Math.min(...runs);
    if (parts === BARE) bare = best;
    const added = parts === BARE ? '' : ` (+${(best - bare).toFixed(2)})`;
    console.log(`${name.padEnd(26)} ${best.toFixed(2).padStart(7)} µs${added}`);
  }
}

void main();
