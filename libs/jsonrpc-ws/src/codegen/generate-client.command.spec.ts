import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from './generate-client.command';

const sample = join(__dirname, '../../../../test/fixtures/openrpc/sample.openrpc.json');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('nestjs-jsonrpc-ws generate-client', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'generate-client-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the module from --file to --out, creating its folder', async () => {
    const out = join(dir, 'src/api/api.ts');
    const { code, stderr } = await run('generate-client', '--file', sample, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(`Wrote ${out} from ${sample}\n`);
    expect(readFileSync(out, 'utf8')).toContain('export function createApi(client: JsonRpcClient)');
  });

  it('writes to standard output without --out, importing from --import-from', async () => {
    const { code, stdout } = await run(
      'generate-client',
      '--file',
      sample,
      '--import-from',
      '@x/y',
    );
    expect(code).toBe(0);
    expect(stdout).toContain("} from '@x/y';");
  });

  it.each([
    [[], /no command/],
    [['generate-server'], /unknown command generate-server/],
    [['generate-client'], /give --url or --file/],
    [['generate-client', '--file', 'a.json', '--url', 'ws://x'], /give --url or --file/],
    [['generate-client', '--file', 'a.json', '--token', 't'], /--token goes with --url/],
    [['generate-client', '--url', 'ws://x', '--timeout', 'soon'], /--timeout must be > 0/],
    [['generate-client', '--nope'], /Unknown option '--nope'/],
  ])('answers %j with the usage and exit code 2', async (argv, problem) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(problem);
    expect(stderr).toContain('Usage: nestjs-jsonrpc-ws generate-client');
  });

  it('fails with 1 and a message on a missing file, bad JSON or no OpenRPC, writing nothing', async () => {
    const out = join(dir, 'api.ts');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const notOpenRpc = join(dir, 'swagger.json');
    writeFileSync(notOpenRpc, '{ "swagger": "2.0" }');
    const missing = await run('generate-client', '--file', join(dir, 'none.json'), '--out', out);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/ENOENT/) });
    const notJson = await run('generate-client', '--file', bad, '--out', out);
    expect(notJson).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/bad\.json is not JSON/),
    });
    const other = await run('generate-client', '--file', notOpenRpc, '--out', out);
    expect(other.stderr).toMatch(/"openrpc" must be a 1\.x version/);
    expect(existsSync(out)).toBe(false);
  });

  it('fails with 1 when no server answers at --url', async () => {
    const { code, stderr } = await run(
      'generate-client',
      '--url',
      'ws://127.0.0.1:9/ws',
      '--timeout',
      '2000',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /rpc\.discover at ws:\/\/127\.0\.0\.1:9\/ws failed: the connection closed \(\d+/,
    );
  });
});
