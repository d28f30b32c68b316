import { AddressInfo } from 'net';
import { HubService } from '../../libs/jsonrpc-ws/src';
import {
  BARE,
  BENCH_HISTORY,
  createBenchApp,
  PIPELINE,
  PipelineParts,
  REALISTIC,
  topicOf,
} from './bench-app';
import { serveControl } from './control';

/**
 * This library in a Nest app. `bare`: nothing but the echo method (rate limit
 * off). `interceptor`: bare plus one global no-op interceptor. `realistic`: what
 * most Nest apps run on every call — a global auth guard, a global interceptor,
 * the rate limit (high enough never to refuse) and a global RpcValidationPipe
 * with a DTO. `pipeline`: guard, rate limit, RpcValidationPipe and a log line per
 * call (the dispatcher's `logCalls`) at a level the logger does not print.
 * `pipeline-vp`: the same with Nest's ValidationPipe. Publish modes: `topic`
 * (the topic `bench`), `topic-history` (`bench-history`, which keeps history),
 * `broadcast`.
 */
const VARIANTS: Record<string, PipelineParts> = {
  bare: BARE,
  interceptor: { ...BARE, interceptor: 'no-op' },
  realistic: REALISTIC,
  pipeline: PIPELINE,
  'pipeline-vp': { ...PIPELINE, validation: 'ValidationPipe' },
};

async function main(): Promise<void> {
  const app = await createBenchApp(VARIANTS[process.argv[2] ?? 'bare'] ?? BARE, BENCH_HISTORY);
  await app.listen(0, '127.0.0.1');
  const hub = app.get(HubService);
  serveControl((app.getHttpServer() as { address(): AddressInfo }).address().port, (mode, push) =>
    mode === 'topic' || mode === 'topic-history'
      ? hub.pushToTopic(topicOf(mode), 'bench', { ...push })
      : hub.broadcast('bench', { ...push }),
  );
}

void main();
