import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AddressInfo } from 'net';
import { HubService, JsonRpcWsModule, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { verifyTestToken } from '../fixtures/hub.fixture';

/**
 * One node of the cluster tests, run as its own process (see cluster-nodes.ts):
 * a real Nest app on an ephemeral port, joined to the others through Redis.
 * `node.push` lets a test push through this node's HubService; `node.flood`,
 * `node.history` and `node.resetHistory` reach the history of `room:*` and `flood:*` topics.
 */

@Injectable()
class NodeRpc {
  constructor(private readonly hub: HubService) {}

  @RpcMethod('node.push')
  async push(
    @RpcParams()
    params: {
      to?: string;
      topic?: string;
      method: string;
      params?: Record<string, unknown>;
    },
  ): Promise<{ delivered: number }> {
    const { to, topic, method } = params;
    const delivered = to
      ? await this.hub.pushToUser(to, method, params.params)
      : topic
        ? await this.hub.pushToTopic(topic, method, params.params)
        : await this.hub.broadcast(method, params.params);
    return { delivered };
  }

  /** `count` publications to a topic, one after the other, as fast as the node goes. */
  @RpcMethod('node.flood')
  async flood(
    @RpcParams() { topic, from, count }: { topic: string; from: number; count: number },
  ): Promise<{ published: number }> {
    for (let n = from; n < from + count; n++)
      await this.hub.pushToTopic(topic, 'chat.message', { n });
    return { published: count };
  }

  @RpcMethod('node.history')
  history(@RpcParams() { topic, after }: { topic: string; after?: number }) {
    return this.hub.readHistory(topic, after ?? 0, 1000);
  }

  @RpcMethod('node.resetHistory')
  async resetHistory(@RpcParams() { topic }: { topic: string }): Promise<{ reset: true }> {
    await this.hub.resetHistory(topic);
    return { reset: true };
  }

  @RpcMethod('node.online')
  async online(
    @RpcParams() { userId }: { userId: string },
  ): Promise<{ online: boolean; connections: number }> {
    return {
      online: await this.hub.isOnline(userId),
      connections: (await this.hub.getConnections(userId)).length,
    };
  }
}

const env = process.env;

@Module({
  imports: [
    JsonRpcWsModule.forRoot({
      cluster: {
        redis: { url: env.REDIS_URL! },
        keyPrefix: env.CLUSTER_PREFIX,
        heartbeatMs: Number(env.HEARTBEAT_MS ?? 500),
        nodeTimeoutMs: Number(env.NODE_TIMEOUT_MS ?? 2000),
      },
      verifyToken: verifyTestToken,
      adminToken: env.ADMIN_TOKEN,
      maxConnectionsPerUser: Number(env.MAX_PER_USER ?? 10),
      anonymousTimeoutMs: 0,
      subscribeRequiresLogin: false,
      adminApi: true,
      history: {
        topics: {
          'room:*': { size: Number(env.HISTORY_SIZE ?? 50), ttlMs: 60_000 },
          'flood:*': { size: 1000, ttlMs: 60_000 },
        },
        positionCheckMs: Number(env.POSITION_CHECK_MS ?? 40_000),
        // Test runs leave nothing behind in the shared Redis for long.
        metaTtlMs: 120_000,
      },
    }),
  ],
  providers: [NodeRpc],
})
class NodeModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(NodeModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const nodeId = app.get(HubService).stats().nodeId;
  process.stdout.write(`READY ${port} ${nodeId}\n`);
}

void main();
