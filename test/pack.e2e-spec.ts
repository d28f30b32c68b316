import { ChildProcess, execFileSync, spawn } from 'child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { WebSocket } from 'ws';

const root = join(__dirname, '..');
// Inside the repo, so Node and tsc find @nestjs/*, ws, rxjs and reflect-metadata by walking up.
const consumerDir = join(root, '.tmp/pack-consumer');
const packageDir = join(consumerDir, 'node_modules/nestjs-jsonrpc-ws');
const tsc = join(root, 'node_modules/.bin/tsc');

/** A separate Nest app that knows the library only by its package name. */
const consumerMain = `
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AddressInfo } from 'net';
import { JsonRpcWsModule, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';

@Injectable()
class MathRpc {
  @RpcMethod('add')
  add(@RpcParams() { a, b }: { a: number; b: number }): number {
    return a + b;
  }
}

@Module({ imports: [JsonRpcWsModule.forRoot({ path: '/ws' })], providers: [MathRpc] })
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

/** No `paths`: 'nestjs-jsonrpc-ws' must resolve to the extracted package, not the repo's sources. */
const consumerTsconfig = {
  compilerOptions: {
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    module: 'commonjs',
    target: 'ES2022',
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [relative(consumerDir, join(root, 'node_modules/@types'))],
  },
  files: ['main.ts'],
};

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

describe('the npm-packed library, used by a separate Nest app', () => {
  let consumer: ChildProcess | undefined;
  let port: number;
  let tscFiles: string[];

  beforeAll(async () => {
    run('npm', ['run', 'pack:lib']);
    const { name, version } = JSON.parse(
      readFileSync(join(root, 'libs/jsonrpc-ws/package.json'), 'utf8'),
    );

    rmSync(consumerDir, { recursive: true, force: true });
    mkdirSync(packageDir, { recursive: true });
    run('tar', [
      '-xzf',
      join(root, `dist/${name}-${version}.tgz`),
      '-C',
      packageDir,
      '--strip-components=1',
    ]);
    writeFileSync(join(consumerDir, 'main.ts'), consumerMain);
    writeFileSync(join(consumerDir, 'tsconfig.json'), JSON.stringify(consumerTsconfig, null, 2));

    // --listFiles shows where every type came from.
    tscFiles = run(tsc, ['-p', consumerDir, '--listFiles'], consumerDir).split('\n');

    consumer = spawn(process.execPath, ['main.js'], {
      cwd: consumerDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    port = await waitForPort(consumer);
  }, 120000);

  afterAll(async () => {
    if (consumer && consumer.exitCode === null && consumer.signalCode === null) {
      const exited = new Promise((resolve) => consumer!.once('exit', resolve));
      consumer.kill('SIGTERM');
      const timer = setTimeout(() => consumer!.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(consumerDir, { recursive: true, force: true });
  });

  it("compiles against the package's index.d.ts, not the repo's sources", () => {
    expect(tscFiles).toContain(join(packageDir, 'index.d.ts'));
    expect(tscFiles.filter((f) => f.includes('libs/jsonrpc-ws/src'))).toEqual([]);
  });

  it('answers a JSON-RPC call over a real WebSocket', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    try {
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const reply = new Promise<string>((resolve) =>
        socket.once('message', (data) => resolve(data.toString())),
      );
      socket.send('{"jsonrpc":"2.0","method":"add","params":{"a":2,"b":3},"id":1}');
      expect(JSON.parse(await reply)).toEqual({ jsonrpc: '2.0', result: 5, id: 1 });
    } finally {
      socket.close();
    }
  });
});
