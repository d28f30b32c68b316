import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { APP_GUARD } from '@nestjs/core';
import { JsonRpcWsModule, OpenRpcService, RpcAuthGuard } from 'nestjs-jsonrpc-ws';
import { JsonRpcClient } from 'nestjs-jsonrpc-ws/client';
import { generateClient } from 'nestjs-jsonrpc-ws/codegen';
import { tmpdir } from 'os';
import { join } from 'path';
import { WebSocket } from 'ws';
import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { runCli } from '../libs/jsonrpc-ws/src/codegen/generate-client.command';
import { GuardedRpc, TasksRpc } from './fixtures/openrpc.fixture';
import { createApi } from './fixtures/openrpc/demo-api';
import { callEveryDemoMethod } from './fixtures/openrpc/demo-api.calls';
import { RunningApp, startApp } from './utils/test-app';
import { describeDiagnostics, typeCheck } from './utils/type-check';

const root = join(__dirname, '..');
const fixtures = join(__dirname, 'fixtures/openrpc');
/** The demo's OpenRPC document, checked in (npm run openrpc:demo writes it). */
const demoDocument = join(root, 'apps/demo/openrpc.json');
/** Its generated client, checked in (npm run generate:demo-client writes it). */
const demoApi = join(fixtures, 'demo-api.ts');
const demoCalls = join(fixtures, 'demo-api.calls.ts');
const typeErrors = join(fixtures, 'demo-api.type-errors.ts');
const REGENERATE = 'run `npm run generate:demo-client` and review the change';

const read = (file: string) => readFileSync(file, 'utf8');

describe('The typed client generated for the demo', () => {
  let running: RunningApp;
  let dir: string;
  const clients: JsonRpcClient[] = [];

  beforeAll(async () => {
    running = await startApp({ imports: [AppModule] }, configureApp);
    dir = mkdtempSync(join(tmpdir(), 'openrpc-client-'));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await running.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is checked in as the generator writes it from the demo's checked-in document", () => {
    const generated = generateClient(JSON.parse(read(demoDocument)));
    expect(generated, REGENERATE).toBe(read(demoApi));
  });

  it('comes out the same from the running demo, with --url (rpc.discover)', async () => {
    const out = join(dir, 'api.ts');
    const stderr: string[] = [];
    const code = await runCli(['generate-client', '--url', running.url(), '--out', out], {
      stdout: () => undefined,
      stderr: (text) => stderr.push(text),
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: [`Wrote ${out} from ${running.url()}\n`] });
    expect(read(out), REGENERATE).toBe(read(demoApi));
  });

  it('comes out the same from the app instance, without listening (OpenRpcService)', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = configureApp(moduleRef.createNestApplication({ logger: false }));
    await app.init();
    try {
      expect(generateClient(app.get(OpenRpcService).document())).toBe(read(demoApi));
    } finally {
      await app.close();
    }
  });

  it('compiles strictly with a call of every method, and every expected type error', () => {
    // An unused @ts-expect-error is an error too (TS2578): no diagnostics means each was needed.
    expect(describeDiagnostics(typeCheck([demoApi, demoCalls, typeErrors]))).toEqual([]);
  });

  it('fails to compile exactly the lines marked @ts-expect-error once the marks are gone', () => {
    const source = read(typeErrors);
    const lines = source.split('\n');
    const marked = lines.flatMap((line, i) =>
      /^\s*\/\/ @ts-expect-error/.test(line) ? [i + 2] : [],
    );
    expect(marked.length).toBeGreaterThanOrEqual(8);
    const unmarked = source.replace(/\/\/ @ts-expect-error/g, '// expected:');
    const diagnostics = typeCheck([demoApi, typeErrors], new Map([[typeErrors, unmarked]]));
    const failing = describeDiagnostics(diagnostics).map((text) => {
      const match = /^test\/fixtures\/openrpc\/demo-api\.type-errors\.ts:(\d+): /.exec(text);
      if (!match) throw new Error(`an error elsewhere: ${text}`);
      return Number(match[1]);
    });
    expect([...new Set(failing)]).toEqual(marked);
  });

  it('calls every method of the demo through it, with the answers its types promise', async () => {
    const client = new JsonRpcClient({ url: running.url(), WebSocket, heartbeatIntervalMs: 0 });
    clients.push(client);
    const call = vi.spyOn(client, 'call');
    const notify = vi.spyOn(client, 'notify');
    const answers = await callEveryDemoMethod(createApi(client), 'typed');
    expect(answers).toEqual({
      heartbeat: { status: 'ok', serverTime: expect.any(Number) },
      echo: { hello: 'typed' },
      difference: 19,
      sum: 7,
      notifiedSum: 7,
      updated: null,
      data: ['hello', 5],
      hello: null,
      document: JSON.parse(read(demoDocument)),
      token: expect.any(String),
      login: { userId: 'admin', platform: 'web', expiresAt: expect.any(Number) },
      stats: expect.objectContaining({ connections: expect.any(Number) }),
      subscribed: { subscribed: ['room:typed'] },
      members: ['admin'],
      delivered: 1,
      message: { room: 'typed', from: 'admin', text: 'hello from admin', at: expect.any(String) },
      presence: { room: 'typed', members: ['admin'] },
      unsubscribed: ['room:typed'],
      loggedOut: true,
    });
    const { methods } = JSON.parse(read(demoDocument)) as { methods: Array<{ name: string }> };
    const called = [...call.mock.calls, ...notify.mock.calls].map(([method]) => method);
    expect(new Set(called)).toEqual(new Set(methods.map(({ name }) => name)));
  });
});

/** Typed calls of the tasks app (test/fixtures/openrpc.fixture.ts), right and wrong. */
const tasksCalls = `
import type { Api, LabelDto, TasksCreateParams } from './tasks-api';

const label: LabelDto = { name: 'ui' };
const task: TasksCreateParams = {
  title: 'Ship it',
  priority: 2,
  status: 'open',
  kind: 'bug',
  urgent: false,
  labels: [label, { name: 'web', color: 'blue' }],
  assignee: { userId: 'ada', team: { name: 'core' } },
  notes: [],
};

export async function calls(api: Api): Promise<void> {
  const { id }: { id: string } = await api.tasks.create(task);
  const moved: boolean = await api.tasks.move({ id, to: 'done' });
  const count: number = await api.tasks.count();
  const titles: string[] = (await api.tasks.list()).map((t) => t.title);
  const key: string = await api.guarded.get({ key: 'k' });
  console.log(moved, count, titles, key);
  // @ts-expect-error an enum of numbers: 1 | 2
  await api.tasks.create({ ...task, priority: 3 });
  // @ts-expect-error an enum of strings
  await api.tasks.create({ ...task, status: 'closed' });
  // @ts-expect-error @IsIn: 'bug' | 'feature'
  await api.tasks.create({ ...task, kind: 'chore' });
  // @ts-expect-error a nested DTO's required member
  await api.tasks.create({ ...task, assignee: { userId: 'ada' } });
  // @ts-expect-error an array of DTOs
  await api.tasks.create({ ...task, labels: [{ color: 'red' }] });
  // @ts-expect-error a required member of the params
  await api.tasks.create({ title: 'no rest' });
}
`;

describe('A typed client of DTO params: components, nesting, arrays, optional members, enums', () => {
  let dir: string;
  beforeAll(() => {
    // Inside the repository (its .tmp/ is ignored): tsconfig.json's rootDir must contain the files.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    dir = mkdtempSync(join(root, '.tmp/openrpc-tasks-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('types them from the document the app builds, and compiles right calls only', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [JsonRpcWsModule.forRoot()],
      providers: [TasksRpc, GuardedRpc],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const source = generateClient(app.get(OpenRpcService).document());
    await app.close();
    // The params DTO's properties are the params; the DTOs nested in it are components.
    expect(source).toContain(
      'export interface AssigneeDto {\n  userId: string;\n  team: LabelDto;\n}',
    );
    expect(source).toContain(
      "  priority: 1 | 2;\n  status: 'open' | 'done';\n  kind: 'bug' | 'feature';",
    );
    expect(source).toContain('  labels: LabelDto[];\n  notes: string[];\n  estimate?: number;');
    expect(source).toContain('export type TasksListResult = TaskDto[];');
    writeFileSync(join(dir, 'tasks-api.ts'), source);
    writeFileSync(join(dir, 'tasks-calls.ts'), tasksCalls);
    const files = [join(dir, 'tasks-api.ts'), join(dir, 'tasks-calls.ts')];
    expect(describeDiagnostics(typeCheck(files))).toEqual([]);
  });
});

describe('generate-client --url against a server whose rpc.discover needs a login', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({
          openrpc: { public: false },
          verifyToken: (token) => (token === 'good' ? { userId: 'ada' } : null),
        }),
      ],
      providers: [TasksRpc, { provide: APP_GUARD, useClass: RpcAuthGuard }],
    });
  });
  afterAll(() => running.app.close());

  async function generate(...extra: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['generate-client', '--url', running.url(), ...extra], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  it('logs in with --token first, and says why it failed without one or with a bad one', async () => {
    const withToken = await generate('--token', 'good');
    expect(withToken.code).toBe(0);
    expect(withToken.stdout).toContain("client.call<TasksCountResult>('tasks.count'");
    expect(await generate()).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/rpc\.discover at .* failed: Login required \(-32001\)/),
    });
    expect(await generate('--token', 'bad')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/failed: login refused: /),
    });
  });
});
