import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { APP_GUARD } from '@nestjs/core';
import { JsonRpcWsModule, OpenRpcDocument, OpenRpcMethod, RpcAuthGuard } from 'nestjs-jsonrpc-ws';
import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { GuardedRpc, TasksRpc } from './fixtures/openrpc.fixture';
import { openRpcErrors } from './utils/openrpc-validator';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** The demo's document, checked in so that API changes show in review. */
const FIXTURE = join(__dirname, '../apps/demo/openrpc.json');
/** `npm run openrpc:demo` sets it to rewrite the fixture instead of comparing. */
const WRITE_FIXTURE = process.env.OPENRPC_FIXTURE === 'write';

async function discover(
  url: string,
): Promise<{ result?: OpenRpcDocument; error?: { code: number } }> {
  const client = await TestClient.connect(url);
  try {
    return await client.call('rpc.discover');
  } finally {
    await client.close();
  }
}

function method(document: OpenRpcDocument, name: string): OpenRpcMethod {
  const found = document.methods.find((m) => m.name === name);
  if (!found) throw new Error(`${name} is not in the document`);
  return found;
}

const codes = (m: OpenRpcMethod) => (m.errors ?? []).map((e) => e.code);

describe('rpc.discover', () => {
  it('describes DTO params: nested objects, arrays, optional fields, enums', async () => {
    const running = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({ openrpc: { info: { title: 'tasks', version: '2.0.0' } } }),
      ],
      providers: [TasksRpc, GuardedRpc],
    });
    const { result: document } = await discover(running.url());
    expect(openRpcErrors(document)).toEqual([]);
    expect(document!.info).toEqual({ title: 'tasks', version: '2.0.0' });
    expect(document!.servers).toEqual([expect.objectContaining({ url: '/ws' })]);

    const create = method(document!, 'tasks.create');
    expect(create.paramStructure).toBe('by-name');
    const params = Object.fromEntries(create.params.map((p) => [p.name, p]));
    expect(params.title).toEqual({
      name: 'title',
      required: true,
      schema: { type: 'string', minLength: 1, maxLength: 100 },
    });
    expect(params.priority!.schema).toEqual({ type: 'number', enum: [1, 2] });
    expect(params.status!.schema).toEqual({ type: 'string', enum: ['open', 'done'] });
    expect(params.kind!.schema).toMatchObject({ enum: ['bug', 'feature'] });
    expect(params.estimate).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 0, maximum: 10 },
    });
    expect(params.urgent!.schema).toEqual({ type: 'boolean' });
    expect(params.labels!.schema).toEqual({
      type: 'array',
      maxItems: 5,
      items: { $ref: '#/components/schemas/LabelDto' },
    });
    expect(params.assignee).toMatchObject({
      required: false,
      schema: { $ref: '#/components/schemas/AssigneeDto' },
    });
    expect(params.notes!.schema).toEqual({ type: 'array', items: { type: 'string' } });
    // Required params come first, as OpenRPC asks.
    expect(create.params.map((p) => p.required)).toEqual(
      [...create.params.map((p) => p.required)].sort((a, b) => Number(b) - Number(a)),
    );
    expect(create.result!.schema).toEqual({ $ref: '#/components/schemas/TaskDto' });
    expect(Object.keys(document!.components!.schemas!).sort()).toEqual([
      'AssigneeDto',
      'LabelDto',
      'TaskDto',
    ]);
    expect(document!.components!.schemas!.AssigneeDto).toMatchObject({
      properties: { team: { $ref: '#/components/schemas/LabelDto' } },
      required: ['userId', 'team'],
    });
    expect(document!.components!.schemas!.LabelDto).toMatchObject({ required: ['name'] });

    const move = method(document!, 'tasks.move');
    expect(move).toMatchObject({ paramStructure: 'either', deprecated: true });
    expect(move.params.map((p) => p.name)).toEqual(['id', 'to']);
    expect(method(document!, 'tasks.count')).toMatchObject({
      params: [],
      result: { schema: { type: 'number' } },
    });
    expect(method(document!, 'tasks.list').result!.schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/TaskDto' },
    });

    // -32602 for params, -32001/-32003 for a guard, -32029 unless unlimited, -32603 always.
    expect(codes(create)).toEqual([-32029, -32602, -32603]);
    expect(codes(method(document!, 'tasks.count'))).toEqual([-32029, -32603]);
    const guarded = method(document!, 'guarded.get');
    expect(codes(guarded)).toEqual([-32001, -32003, -32602, -32603]);
    expect(guarded).toMatchObject({
      paramStructure: 'by-name',
      params: [{ name: 'key', required: true, schema: { type: 'string' } }],
    });

    const discoverMethod = method(document!, 'rpc.discover');
    expect(discoverMethod.result).toEqual({
      name: 'OpenRPC Schema',
      schema: { $ref: 'https://raw.githubusercontent.com/open-rpc/meta-schema/master/schema.json' },
    });
    expect(document!['x-notifications']!.map((n) => n.name)).toEqual([
      'publication',
      'session.expired',
      'session.kicked',
      'session.rejected',
      'session.shutdown',
    ]);
  });

  it('is public under a global RpcAuthGuard, unless openrpc.public is false', async () => {
    const open = await startApp({
      imports: [JsonRpcWsModule.forRoot()],
      providers: [TasksRpc, GuardedRpc, { provide: APP_GUARD, useClass: RpcAuthGuard }],
    });
    const { result } = await discover(open.url());
    expect(openRpcErrors(result)).toEqual([]);
    // Public methods under RpcAuthGuard cannot be refused; rpc.discover is one of them.
    expect(codes(method(result!, 'tasks.count'))).not.toContain(-32001);
    expect(codes(method(result!, 'rpc.discover'))).toEqual([-32029, -32603]);
    expect(codes(method(result!, 'subscribe'))).toContain(-32001);

    const closed = await startApp({
      imports: [JsonRpcWsModule.forRoot({ openrpc: { public: false } })],
      providers: [{ provide: APP_GUARD, useClass: RpcAuthGuard }],
    });
    expect((await discover(closed.url())).error).toMatchObject({ code: -32001 });
  });

  it('answers -32601 with builtInMethods.discover false, and lists no turned-off method', async () => {
    const off = await startApp({
      imports: [JsonRpcWsModule.forRoot({ builtInMethods: { discover: false } })],
      providers: [TasksRpc],
    });
    expect((await discover(off.url())).error).toMatchObject({ code: -32601 });

    const partial = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({ builtInMethods: { heartbeat: false, subscribe: false } }),
      ],
    });
    const { result } = await discover(partial.url());
    expect(result!.methods.map((m) => m.name)).toEqual(['rpc.discover']);
    expect(result!['x-notifications']!.map((n) => n.name)).not.toContain('publication');
  });

  it('on the demo: every method, valid, and equal to apps/demo/openrpc.json', async () => {
    const running = await startApp({ imports: [AppModule] }, configureApp);
    const { result: document } = await discover(running.url());
    expect(openRpcErrors(document)).toEqual([]);
    expect(document!.methods.map((m) => m.name)).toEqual([
      'admin.stats',
      'auth.login',
      'chat.members',
      'chat.send',
      'echo',
      'get_data',
      'heartbeat',
      'login',
      'logout',
      'notify_hello',
      'notify_sum',
      'rpc.discover',
      'subscribe',
      'subtract',
      'sum',
      'unsubscribe',
      'update',
    ]);
    const subtract = method(document!, 'subtract');
    expect(subtract).toMatchObject({
      paramStructure: 'either',
      params: [
        { name: 'minuend', required: true, schema: { type: 'number' } },
        { name: 'subtrahend', required: true, schema: { type: 'number' } },
      ],
    });
    expect(method(document!, 'auth.login').params).toEqual([
      expect.objectContaining({ name: 'username', required: true }),
      expect.objectContaining({ name: 'password', required: true }),
      expect.objectContaining({ name: 'platform', required: false }),
    ]);
    expect(codes(method(document!, 'chat.send'))).toEqual([-32001, -32003, -32029, -32602, -32603]);
    // The page at /api.html reads the same document; tools can fetch it over HTTP too.
    const overHttp: unknown = await (await fetch(running.http('/openrpc.json'))).json();
    expect(overHttp).toEqual(document);
    const names = document!['x-notifications']!.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['chat.message', 'chat.presence', 'publication']));

    if (WRITE_FIXTURE) writeFileSync(FIXTURE, `${JSON.stringify(document, null, 2)}\n`);
    const fixture = existsSync(FIXTURE)
      ? (JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown)
      : {};
    expect(
      document,
      'The demo API changed: run `npm run openrpc:demo` and review apps/demo/openrpc.json',
    ).toEqual(fixture);
  });
});
