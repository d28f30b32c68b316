import { CACHE_MANAGER, Cache, CacheInterceptor, CacheModule } from '@nestjs/cache-manager';
import { ClassSerializerInterceptor, INestApplication, Type } from '@nestjs/common';
import { APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import {
  ADA,
  CachedController,
  CachedRpc,
  HandlerRuns,
  OrderNotifier,
  OrdersRpc,
  SerializedUsersRpc,
  StockRpc,
  UsersRpc,
} from './fixtures/nest-pieces.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** Ada as ClassSerializerInterceptor serializes her: no password, a full name, the role transformed. */
const ADA_SERIALIZED = {
  id: 1,
  firstName: 'Ada',
  lastName: 'Lovelace',
  role: 'ADMIN',
  fullName: 'Ada Lovelace',
};

/** The library's own runner (the default) and Nest's must agree on every piece. */
const RUNNERS = [
  { runner: "the library's runner", fastPipeline: true },
  { runner: "Nest's runner", fastPipeline: false },
];

const CACHE_INTERCEPTORS = [{ title: 'CacheInterceptor', interceptor: CacheInterceptor as Type }];

const GLOBAL_SERIALIZERS = [
  {
    registered: 'as APP_INTERCEPTOR',
    providers: [{ provide: APP_INTERCEPTOR, useClass: ClassSerializerInterceptor }],
    configure: () => undefined,
  },
  {
    registered: 'with app.useGlobalInterceptors()',
    providers: [],
    configure: (app: INestApplication) =>
      app.useGlobalInterceptors(new ClassSerializerInterceptor(app.get(Reflector))),
  },
];

for (const { runner, fastPipeline } of RUNNERS)
  describe(`Common Nest pieces on RPC handlers, through ${runner}`, () => {
    const rpcModule = () => JsonRpcWsModule.forRoot({ rateLimit: false, fastPipeline });
    let running: RunningApp;
    let client: TestClient;

    afterEach(async () => {
      await client?.close();
      await running?.app.close();
    });

    for (const { title, interceptor } of CACHE_INTERCEPTORS)
      describe(`${title} as APP_INTERCEPTOR`, () => {
        let runs: HandlerRuns;

        beforeEach(async () => {
          running = await startApp({
            imports: [CacheModule.register(), rpcModule()],
            controllers: [CachedController],
            providers: [
              HandlerRuns,
              CachedRpc,
              { provide: APP_INTERCEPTOR, useClass: interceptor },
            ],
          });
          runs = running.app.get(HandlerRuns);
          client = await TestClient.connect(running.url());
        });

        it('leaves a method without @CacheKey uncached, and answers it', async () => {
          expect(await client.call('square', { n: 2 })).toMatchObject({ result: { square: 4 } });
          expect(await client.call('square', { n: 3 })).toMatchObject({ result: { square: 9 } });
          expect(await client.call('square', { n: 2 })).toMatchObject({
            result: { square: 4, run: 3 },
          });
          expect(runs.of('square')).toBe(3);
        });

        // The stock interceptor would set X-Cache on `switchToHttp().getResponse()`, the params of
        // an RPC call, and run the handler uncached when that throws: the library stops the write.
        it('serves a @CacheKey method from the cache, to every connection, for its @CacheTTL', async () => {
          const first = await client.call('headline');
          expect(first.result).toEqual({ edition: 1 });
          const other = await TestClient.connect(running.url());
          try {
            expect((await other.call('headline', { ignored: true })).result).toEqual({
              edition: 1,
            });
          } finally {
            await other.close();
          }
          expect((await client.call('headline')).result).toEqual({ edition: 1 });
          expect(runs.of('headline')).toBe(1);
          const expiresAt = await running.app.get<Cache>(CACHE_MANAGER).ttl('headline');
          expect(expiresAt! - Date.now()).toBeGreaterThan(50_000);
          expect(expiresAt! - Date.now()).toBeLessThanOrEqual(60_000);
        });

        it('keys a cache entry by a @CacheKey factory of the call', async () => {
          const ada = await client.call('quote', { symbol: 'ADA' });
          const btc = await client.call('quote', { symbol: 'BTC' });
          const again = await client.call('quote', { symbol: 'ADA' });
          expect([ada.result, btc.result, again.result]).toEqual([
            { symbol: 'ADA', run: 1 },
            { symbol: 'BTC', run: 1 },
            { symbol: 'ADA', run: 1 },
          ]);
          expect(runs.of('quote:ADA')).toBe(1);
        });

        it('never answers a @CacheKey method with an error', async () => {
          const replies = [
            await client.call('headline'),
            await client.call('quote', { symbol: 'ADA' }),
          ];
          expect(replies.map((reply) => reply.error)).toEqual([undefined, undefined]);
          expect(replies.map((reply) => reply.result)).toEqual([
            { edition: expect.any(Number) },
            { symbol: 'ADA', run: expect.any(Number) },
          ]);
        });

        it('keeps caching HTTP GET routes of the same app', async () => {
          const first = await fetch(running.http('/cached'));
          const second = await fetch(running.http('/cached'));
          expect(await first.json()).toEqual({ run: 1 });
          expect(await second.json()).toEqual({ run: 1 });
          expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual([
            'MISS',
            'HIT',
          ]);
          expect(runs.of('http')).toBe(1);
        });
      });

    for (const { registered, providers, configure } of GLOBAL_SERIALIZERS)
      describe(`ClassSerializerInterceptor ${registered}`, () => {
        beforeEach(async () => {
          running = await startApp(
            { imports: [rpcModule()], providers: [UsersRpc, ...providers] },
            configure,
          );
          client = await TestClient.connect(running.url());
        });

        it('answers an entity as the plain object class-transformer makes of it', async () => {
          expect((await client.call('user.get')).result).toEqual(ADA_SERIALIZED);
          expect((await client.call('user.list')).result).toEqual([
            ADA_SERIALIZED,
            { ...ADA_SERIALIZED, id: 2, firstName: 'Grace', fullName: 'Grace Lovelace' },
          ]);
        });

        it("honours the method's @SerializeOptions: groups, and type for a plain object", async () => {
          expect((await client.call('user.admin')).result).toEqual({
            ...ADA_SERIALIZED,
            email: ADA.email,
          });
          expect((await client.call('user.plain')).result).toEqual(ADA_SERIALIZED);
        });
      });

    describe('ClassSerializerInterceptor with @UseInterceptors on the RPC class', () => {
      beforeEach(async () => {
        running = await startApp({
          imports: [rpcModule()],
          providers: [UsersRpc, SerializedUsersRpc],
        });
        client = await TestClient.connect(running.url());
      });

      it("serializes that class's methods, @SerializeOptions honoured", async () => {
        expect((await client.call('serialized.user.get')).result).toEqual(ADA_SERIALIZED);
        expect((await client.call('serialized.user.admin')).result).toEqual({
          ...ADA_SERIALIZED,
          email: ADA.email,
        });
      });

      it('leaves other providers alone: their entities go out as JSON.stringify writes them', async () => {
        expect((await client.call('user.get')).result).toEqual(ADA);
      });
    });

    describe('@nestjs/event-emitter', () => {
      beforeEach(async () => {
        running = await startApp({
          imports: [EventEmitterModule.forRoot(), rpcModule()],
          providers: [OrdersRpc, OrderNotifier, StockRpc],
        });
        client = await TestClient.connect(running.url());
      });

      it("an @OnEvent listener pushes to the emitting caller's connection through HubService", async () => {
        const other = await TestClient.connect(running.url());
        try {
          const confirmed = client.next((m) => m.method === 'order.confirmed');
          expect((await client.call('order.place', { item: 'tea' })).result).toEqual({
            accepted: 'o-tea',
          });
          expect(await confirmed).toEqual({
            jsonrpc: '2.0',
            method: 'order.confirmed',
            params: { orderId: 'o-tea' },
          });
          // The other connection's round trip comes after any push it could have been sent.
          await other.call('stock.sold', { item: 'tea' });
          expect(other.pending).toEqual([]);
        } finally {
          await other.close();
        }
      });

      it('after emitAsync, the push reaches the client before the response', async () => {
        client.send({
          jsonrpc: '2.0',
          method: 'order.placeAndWait',
          params: { item: 'jam' },
          id: 1,
        });
        expect(await client.next()).toMatchObject({ method: 'order.confirmed' });
        expect(await client.next()).toMatchObject({ result: { accepted: 'o-jam' }, id: 1 });
      });

      it('@OnEvent and @RpcMethod on the same provider both work', async () => {
        await client.call('order.placeAndWait', { item: 'tea' });
        await client.call('order.placeAndWait', { item: 'tea' });
        expect((await client.call('stock.sold', { item: 'tea' })).result).toBe(2);
        expect((await client.call('stock.sold', { item: 'jam' })).result).toBe(0);
      });
    });
  });
