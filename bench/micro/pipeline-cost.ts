import { WebSocket } from 'ws';
import { JsonRpcSession, JsonRpcWsModuleOptions } from '../../libs/jsonrpc-ws/src';
import { RpcDispatcher } from '../../libs/jsonrpc-ws/src/pipeline/rpc.dispatcher';
import type { OutboundGate } from '../../libs/jsonrpc-ws/src/session/outbound-gate';
import { BARE, createBenchApp, PipelineParts, PIPELINE, REALISTIC } from '../servers/bench-app';

/**
 * `npm run bench:micro`: CPU time of one call inside the server, from the text
 * of a request to the text of its reply, with no socket: what each part of the
 * pipeline adds to the `echo` method, and what a request refused before the
 * pipeline costs. One process, calls one after another. `npm run bench:micro -- <text>`
 * runs only the cells whose name contains the text.
 */
interface Variant {
  name: string;
  parts: PipelineParts;
  /** Module options over the bench app's. */
  options?: JsonRpcWsModuleOptions;
  /** The request text, `REQUEST` unless given. */
  request?: string;
  /** The dispatcher drains (shutting down): every request is refused with -32053. */
  draining?: boolean;
}

const REQUEST = JSON.stringify({
  jsonrpc: '2.0',
  method: 'echo',
  params: { text: 'x'.repeat(48), n: 42 },
  id: 1,
});
/** One call per hour: every call after the first is refused (-32029). */
const ONE_PER_HOUR: JsonRpcWsModuleOptions = { rateLimit: { limit: 1, windowMs: 3_600_000 } };

const VARIANTS: Variant[] = [
  { name: 'bare', parts: BARE },
  { name: '+ auth guard', parts: { ...BARE, auth: true } },
  { name: '+ rate limit', parts: { ...BARE, rateLimit: true } },
  { name: '+ RpcValidationPipe', parts: { ...BARE, validation: 'RpcValidationPipe' } },
  { name: '+ ValidationPipe', parts: { ...BARE, validation: 'ValidationPipe' } },
  { name: '+ logCalls', parts: { ...BARE, logCalls: true } },
  { name: '+ no-op interceptor', parts: { ...BARE, interceptor: 'no-op' } },
  { name: '+ RpcLoggingInterceptor', parts: { ...BARE, interceptor: 'RpcLoggingInterceptor' } },
  { name: "+ no-op, Nest's runner", parts: { ...BARE, interceptor: 'no-op', nestRunner: true } },
  { name: 'pipeline (all four)', parts: PIPELINE },
  { name: 'realistic', parts: REALISTIC },
  { name: '... with ValidationPipe', parts: { ...PIPELINE, validation: 'ValidationPipe' } },
  // Refused before the pipeline, behind the full pipeline: only the refusal's own cost.
  { name: 'refused -32029 rate limit', parts: PIPELINE, options: ONE_PER_HOUR },
  {
    name: 'refused -32601 unknown method',
    parts: PIPELINE,
    request: '{"jsonrpc":"2.0","method":"nope","params":{"n":42},"id":1}',
  },
  {
    name: 'refused -32600 invalid',
    parts: PIPELINE,
    request: '{"jsonrpc":"1.0","method":"echo","params":{"n":42},"id":1}',
  },
  { name: 'refused -32700 parse error', parts: PIPELINE, request: '{"jsonrpc":"2.0",' },
  { name: 'refused -32053 shutting down', parts: PIPELINE, draining: true },
];
const CALLS = Number(process.env.MICRO_CALLS ?? 200_000);

/** A socket that takes every frame and does nothing with it. */
function sinkSocket(): WebSocket {
  let replies = 0;
  return {
    readyState: WebSocket.OPEN,
    bufferedAmount: 0,
    send: () => void replies++,
  } as unknown as WebSocket;
}

async function measure(variant: Variant): Promise<number> {
  const app = await createBenchApp(variant.parts, variant.options);
  await app.init();
  const dispatcher = app.get(RpcDispatcher, { strict: false });
  if (variant.draining) dispatcher.startDraining();
  const gate = { admit: () => true, admitReply: () => true } as unknown as OutboundGate;
  const session = new JsonRpcSession(sinkSocket(), '127.0.0.1', gate);
  session.bindIdentity({
    userId: 'u1',
    platform: 'bench',
    user: { userId: 'u1' },
    expiresAt: undefined,
    authenticatedAt: Date.now(),
  });
  const request = variant.request ?? REQUEST;
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await dispatcher.dispatch(session, request);
  };
  await run(CALLS / 4);
  const cpu = process.cpuUsage();
  await run(CALLS);
  const used = process.cpuUsage(cpu);
  await app.close();
  return (used.user + used.system) / CALLS;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`CPU µs per call, in process, no socket (${CALLS} calls each, best of 3)`);
  let bare = 0;
  for (const variant of VARIANTS) {
    if (only !== undefined && variant.name !== 'bare' && !variant.name.includes(only)) continue;
    const runs = [await measure(variant), await measure(variant), await measure(variant)];
    const best = Math.min(...runs);
    if (variant.name === 'bare') bare = best;
    const added =
      variant.name === 'bare' ? '' : ` (${best >= bare ? '+' : ''}${(best - bare).toFixed(2)})`;
    console.log(`${variant.name.padEnd(30)} ${best.toFixed(2).padStart(7)} µs${added}`);
  }
}

void main();
