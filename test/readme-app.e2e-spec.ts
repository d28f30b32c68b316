import { ChildProcess, spawn } from 'child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { TestClient } from './utils/test-client';

/**
 * A fresh app made of the README's code alone: the files of its "A complete app"
 * section (with the Quick start's main.ts), written out as they are printed and
 * run as a process of their own. If the README drifts, this breaks.
 */

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The text of a README section, from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const level = /^#+/.exec(heading)![0].length;
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const rest = readme.slice(start + heading.length + 2);
  const next = new RegExp(`^#{1,${level}} `, 'm').exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** The TypeScript blocks of a section that start with a `// <file>.ts` comment, by file name. */
function files(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, code] of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ ([\w.-]+\.ts)\b/.exec(code!)?.[1];
    if (name) found.set(name, code!);
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

const app = files(section('### A complete app'));
const dir = join(root, '.tmp', `readme-app-${process.pid}`);
let child: ChildProcess;
let port: number;
const output: string[] = [];

beforeAll(async () => {
  if (!app.has('main.ts')) app.set('main.ts', files(section('## Quick start')).get('main.ts')!);
  expect([...app.keys()].sort()).toEqual([
    'app.module.ts',
    'catch-everything.filter.ts',
    'main.ts',
    'orders.rpc.ts',
  ]);
  mkdirSync(dir, { recursive: true });
  for (const [name, code] of app) writeFileSync(join(dir, name), code);
  port = await freePort();
  child = spawn(
    process.execPath,
    ['-r', join(root, 'test/cluster/ts-register.cjs'), join(dir, 'main.ts')],
    {
      env: { ...process.env, PORT: String(port), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output.join('')}`)), 60_000);
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('Nest application successfully started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output.join('')}`)));
  });
}, 90_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const url = () => `ws://127.0.0.1:${port}/ws`;

it('creates an order, pushes the class instance to every connection, and maps errors', async () => {
  const client = await TestClient.connect(url());
  const watcher = await TestClient.connect(url());

  const created = await client.call('orders.create', { item: 'tea', quantity: 2 });
  expect(created.result).toEqual({ id: 1, item: 'tea', quantity: 2 });
  expect(await watcher.next((m) => m.method === 'orders.created')).toEqual({
    jsonrpc: '2.0',
    method: 'orders.created',
    params: { id: 1, item: 'tea', quantity: 2 },
  });
  expect((await client.call('orders.get', [1])).result).toEqual(created.result);
  expect((await client.call('orders.get', [7])).error).toEqual({
    code: -32004,
    message: 'No order 7',
    data: { reason: 'NotFound' },
  });
  expect((await client.call('orders.create', { item: 'tea', quantity: 0 })).error).toEqual({
    code: -32602,
    message: 'Invalid params',
    data: { reason: 'InvalidParams', errors: ['quantity must not be less than 1'] },
  });
  await Promise.all([client.close(), watcher.close()]);
});

it('throttles RPC calls per connection with RpcThrottlerGuard, and the filter still answers HTTP', async () => {
  const greedy = await TestClient.connect(url());
  const other = await TestClient.connect(url());
  const codes: Array<number | 'ok'> = [];
  for (let i = 0; i < 11; i++) {
    const reply = await greedy.call('orders.get', [1]);
    codes.push(reply.error ? reply.error.code : 'ok');
  }
  expect(codes.slice(0, 10).every((code) => code === 'ok' || code === -32004)).toBe(true);
  expect(codes[10]).toBe(-32029);
  expect((await other.call('orders.get', [1])).error?.code).not.toBe(-32029);

  const http = await fetch(`http://127.0.0.1:${port}/nothing`);
  expect(http.status).toBe(404);
  expect(await http.json()).toEqual({
    statusCode: 404,
    timestamp: expect.any(String),
    path: '/nothing',
  });
  await Promise.all([greedy.close(), other.close()]);
});

it('names the HTTP-only filter in one warning, and logs no error', () => {
  const log = output.join('');
  expect(log.match(/Exception filter CatchEverythingFilter/g)).toHaveLength(1);
  expect(log).not.toMatch(/ERROR/);
});
