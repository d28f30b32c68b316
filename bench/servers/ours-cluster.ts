import { AddressInfo } from 'net';
import { HubService } from '../../libs/jsonrpc-ws/src';
import { BARE, BENCH_HISTORY, createBenchApp, topicOf } from './bench-app';
import { serveControl } from './control';

/**
 * One node of this library's cluster (bare pipeline, Redis at REDIS_URL, key
 * prefix in argv[2]). Publish modes: `user:<id>` pushes to a user wherever they
 * are connected; `topic` publishes to the topic every subscriber holds;
 * `topic-history` to `bench-history`, which keeps history (in Redis).
 */
async function main(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const app = await createBenchApp(BARE, {
    cluster: { redis: { url }, keyPrefix: process.argv[2] ?? 'bench' },
    ...BENCH_HISTORY,
  });
  await app.listen(0, '127.0.0.1');
  const hub = app.get(HubService);
  serveControl((app.getHttpServer() as { address(): AddressInfo }).address().port, (mode, push) =>
    mode.startsWith('user:')
      ? hub.pushToUser(mode.slice(5), 'bench', { ...push })
      : hub.pushToTopic(topicOf(mode), 'bench', { ...push }),
  );
}

void main();
