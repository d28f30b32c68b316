import { ChildProcess, execFileSync, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { WebSocket } from 'ws';

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules/.bin/tsc');

/** A separate Nest app that knows the library only by its package name (compiled once as CommonJS, once as ESM). */
const consumerMain = `
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AddressInfo } from 'net';
import { JsonRpcWsModule, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { RpcThrottlerGuard } from 'nestjs-jsonrpc-ws/throttler';

@Injectable()
class MathRpc {
  @RpcMethod('add')
  add(@RpcParams() { a, b }: { a: number; b: number }): number {
    return a + b;
  }
}

@Module({
  imports: [JsonRpcWsModule.forRoot(), ThrottlerModule.forRoot([{ ttl: 60_000, limit: 100 }])],
  providers: [MathRpc, { provide: APP_GUARD, useClass: RpcThrottlerGuard }],
})
class AppModule {}

// Fails the compile if the package's types degrade to any (e.g. an unresolved import in its .d.ts).
// @ts-expect-error path must be a string
export const badOptions = () => JsonRpcWsModule.forRoot({ path: 42 });

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  console.log(\`PORT=\${(app.getHttpServer().address() as AddressInfo).port}\`);
}
void main();
`;

/** A consumer of the client subpath alone (no Nest): calls \`add\` on the port it is given. */
const consumerClient = `
import { JsonRpcClient, RpcError } from 'nestjs-jsonrpc-ws/client';
import { WebSocket } from 'ws';

const client = new JsonRpcClient({
  url: \`ws://127.0.0.1:\${process.argv[2]}/ws\`,
  WebSocket,
});
client
  .call<number>('add', { a: 2, b: 3 })
  .then(async (sum) => {
    const missing = await client.call('no.such.method').catch((error: unknown) => error);
    // rpc.discover works without class-validator (and class-validator-jsonschema) installed.
    const { methods } = await client.call<{ methods: Array<{ name: string }> }>('rpc.discover');
    const names = methods.map((method) => method.name).join(',');
    console.log(\`RESULT=\${sum} ERROR=\${missing instanceof RpcError ? missing.code : 'none'} METHODS=\${names}\`);
  })
  .finally(() => client.close());
`;

/** An OpenRPC document of the consumer's one method, for the package's generator. */
const consumerDocument = {
  openrpc: '1.3.2',
  info: { title: 'Consumer', version: '1.0.0' },
  methods: [
    {
      name: 'add',
      paramStructure: 'by-name',
      params: [
        { name: 'a', required: true, schema: { type: 'number' } },
        { name: 'b', required: true, schema: { type: 'number' } },
      ],
      result: { name: 'sum', schema: { type: 'number' } },
    },
  ],
};

/** Calls \`add\` through the module the package's generator wrote (./api.ts). */
const consumerTypedClient = `
import { JsonRpcClient } from 'nestjs-jsonrpc-ws/client';
import { WebSocket } from 'ws';
import { createApi } from './api';

const client = new JsonRpcClient({ url: \`ws://127.0.0.1:\${process.argv[2]}/ws\`, WebSocket });
const api = createApi(client);
export const wrong = () =>
  // @ts-expect-error the generated params type wants numbers
  api.add({ a: '2', b: 3 });
api
  .add({ a: 2, b: 3 })
  .then((sum: number) => console.log(\`RESULT=\${sum}\`))
  .finally(() => client.close());
`;

/** No \`paths\`: 'nestjs-jsonrpc-ws' must resolve to the installed package, not the repo's sources. */
function consumerTsconfig(consumerDir: string): object {
  return {
    compilerOptions: {
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'ES2022',
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [relative(consumerDir, join(root, 'node_modules/@types'))],
    },
    files: ['main-cjs.cts', 'main-esm.mts', 'client-cjs.cts', 'client-esm.mts'],
  };
}

/** Runs a command, failing with its full output (tsc reports errors on stdout). */
function run(file: string, args: string[], cwd = root): string {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error: any) {
    throw new Error(`${file} ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

/** Resolves with the port the child prints, or rejects with its stderr if it exits first. */
function waitForPort(child: ChildProcess, timeoutMs = 20000): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`No PORT line in time:\n${stderr}`)),
      timeoutMs,
    );
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^PORT=(\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Consumer exited with ${code}:\n${stderr}`));
    });
  });
}

/** Sends one call over a real WebSocket and resolves with the reply. */
async function add(port: number): Promise<unknown> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  try {
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(data.toString())),
    );
    socket.send('{"jsonrpc":"2.0","method":"add","params":{"a":2,"b":3},"id":1}');
    return JSON.parse(await reply);
  } finally {
    socket.close();
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

let tarball: string;
beforeAll(() => {
  run('npm', ['run', 'pack:lib']);
  const { name, version } = JSON.parse(
    readFileSync(join(root, 'libs/jsonrpc-ws/package.json'), 'utf8'),
  );
  tarball = join(root, `dist/${name}-${version}.tgz`);
}, 120_000);

describe.each([
  ['12', '^12.0.0'],
  ['11', '^11.0.5'],
])(
  'the packed library in a fresh Nest %s app, installed with a plain npm install',
  (_major, range) => {
    let consumerDir: string;
    let tscFiles: string[];
    const children: ChildProcess[] = [];

    beforeAll(() => {
      // Outside the repo: nothing may be found by walking up to its node_modules.
      consumerDir = mkdtempSync(join(tmpdir(), 'nestjs-jsonrpc-ws-consumer-'));
      const manifest = {
        name: 'consumer',
        private: true,
        dependencies: {
          '@nestjs/common': range,
          '@nestjs/core': range,
          '@nestjs/platform-express': range,
          '@nestjs/throttler': '^6.0.0',
          'reflect-metadata': '^0.2.2',
          rxjs: '^7.8.1',
          'nestjs-jsonrpc-ws': `file:${tarball}`,
        },
      };
      writeFileSync(join(consumerDir, 'package.json'), JSON.stringify(manifest, null, 2));
      run('npm', ['install', '--no-audit', '--no-fund'], consumerDir);
      writeFileSync(join(consumerDir, 'main-cjs.cts'), consumerMain);
      writeFileSync(join(consumerDir, 'main-esm.mts'), consumerMain);
      writeFileSync(join(consumerDir, 'client-cjs.cts'), consumerClient);
      writeFileSync(join(consumerDir, 'client-esm.mts'), consumerClient);
      writeFileSync(
        join(consumerDir, 'tsconfig.json'),
        JSON.stringify(consumerTsconfig(consumerDir), null, 2),
      );
      // --listFiles shows where every type came from.
      tscFiles = run(tsc, ['-p', consumerDir, '--listFiles'], consumerDir).split('\n');
    }, 240_000);

    afterAll(async () => {
      await Promise.all(children.map(stop));
      rmSync(consumerDir, { recursive: true, force: true });
    });

    it(`installs Nest ${_major} and the library's peers without --legacy-peer-deps`, () => {
      const installed = (pkg: string) =>
        JSON.parse(readFileSync(join(consumerDir, 'node_modules', pkg, 'package.json'), 'utf8'))
          .version as string;
      expect(installed('@nestjs/core').split('.')[0]).toBe(_major);
      expect(installed('@nestjs/websockets').split('.')[0]).toBe(_major);
    });

    it('ships a README for users of the package, without the contributor sections', () => {
      const readme = readFileSync(
        join(consumerDir, 'node_modules/nestjs-jsonrpc-ws/README.md'),
        'utf8',
      );
      expect(readme).toContain('## Quick start');
      expect(readme).not.toMatch(/^## (Development|Performance|On a fresh clone)$/m);
    });

    it('exposes only its entry point: internals cannot be deep-imported', () => {
      const resolveFrom = (request: string) =>
        run(process.execPath, ['-e', `require.resolve(${JSON.stringify(request)})`], consumerDir);
      expect(() => resolveFrom('nestjs-jsonrpc-ws')).not.toThrow();
      expect(() => resolveFrom('nestjs-jsonrpc-ws/transport/jsonrpc-ws.server')).toThrow(
        /ERR_PACKAGE_PATH_NOT_EXPORTED/,
      );
    });

    it("compiles against the package's index.d.ts, not the repo's sources", () => {
      const packageDir = join(consumerDir, 'node_modules/nestjs-jsonrpc-ws');
      expect(tscFiles).toContain(join(packageDir, 'index.d.ts'));
      expect(tscFiles).toContain(join(packageDir, 'client/index.d.ts'));
      expect(tscFiles).toContain(join(packageDir, 'throttler/index.d.ts'));
      expect(tscFiles.filter((f) => f.includes('libs/jsonrpc-ws/src'))).toEqual([]);
    });

    it.each([
      ['CommonJS', 'main-cjs.cjs'],
      ['ESM', 'main-esm.mjs'],
    ])(
      'serves a call from a %s app',
      async (_kind, entry) => {
        const child = spawn(process.execPath, [entry], {
          cwd: consumerDir,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        const port = await waitForPort(child);
        expect(await add(port)).toEqual({ jsonrpc: '2.0', result: 5, id: 1 });
        await stop(child);
      },
      30_000,
    );

    it('generates a typed client with its bin (npx), from a file and a server, which compiles and calls', async () => {
      const child = spawn(process.execPath, ['main-cjs.cjs'], {
        cwd: consumerDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const port = await waitForPort(child);
      writeFileSync(join(consumerDir, 'openrpc.json'), JSON.stringify(consumerDocument));
      const npx = ['--no', 'nestjs-jsonrpc-ws', 'generate-client'];
      run('npx', [...npx, '--file', 'openrpc.json', '--out', 'api.ts'], consumerDir);
      // The bin connects with the package's own `ws` and asks the app's rpc.discover.
      const url = `ws://127.0.0.1:${port}/ws`;
      run('npx', [...npx, '--url', url, '--out', 'api-discovered.ts'], consumerDir);
      expect(readFileSync(join(consumerDir, 'api-discovered.ts'), 'utf8')).toContain(
        "client.call<AddResult>('add', params, options)",
      );
      writeFileSync(join(consumerDir, 'typed-client.cts'), consumerTypedClient);
      writeFileSync(
        join(consumerDir, 'tsconfig.typed.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          files: ['api.ts', 'api-discovered.ts', 'typed-client.cts'],
        }),
      );
      run(tsc, ['-p', join(consumerDir, 'tsconfig.typed.json')], consumerDir);
      expect(run(process.execPath, ['typed-client.cjs', String(port)], consumerDir).trim()).toBe(
        'RESULT=5',
      );
      await stop(child);
      // The generator is the bin's and ./codegen's alone: the entry points do not load it.
      const loaded = run(
        process.execPath,
        [
          '-e',
          "require('nestjs-jsonrpc-ws'); require('nestjs-jsonrpc-ws/client');" +
            "console.log(Object.keys(require.cache).filter((f) => f.includes('codegen')).length)",
        ],
        consumerDir,
      );
      expect(loaded.trim()).toBe('0');
    }, 60_000);

    it('calls through the client subpath from CommonJS and ESM, without Nest', async () => {
      const child = spawn(process.execPath, ['main-cjs.cjs'], {
        cwd: consumerDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const port = await waitForPort(child);
      for (const entry of ['client-cjs.cjs', 'client-esm.mjs']) {
        expect(run(process.execPath, [entry, String(port)], consumerDir).trim()).toBe(
          'RESULT=5 ERROR=-32601 METHODS=add,heartbeat,rpc.discover,subscribe,unsubscribe',
        );
      }
      // The ESM entry is a bundle of its own, free of any import of Nest.
      const bundle = readFileSync(
        join(consumerDir, 'node_modules/nestjs-jsonrpc-ws/client/index.mjs'),
        'utf8',
      );
      expect(bundle).not.toMatch(/@nestjs|require\(/);
      await stop(child);
    }, 30_000);
  },
);
