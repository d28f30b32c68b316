import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverDocument } from './discover-document';
import { generateClient } from './generate-client';
import { GenerateClientError } from './generate-client.error';

export const USAGE = `Usage: nestjs-jsonrpc-ws generate-client (--url <ws-url> [--token <token>] | --file <openrpc.json>)
                                          [--out <file.ts>] [--import-from <module>] [--timeout <ms>]

Writes a typed TypeScript client over nestjs-jsonrpc-ws/client from an OpenRPC document:
asked of a running server with rpc.discover (--url), or read from a file (--file).

  --url          the server's WebSocket endpoint, e.g. ws://localhost:3000/ws
  --token        a token to log in with first (built-in login), if rpc.discover needs one
  --file         an OpenRPC document (JSON) instead of a server
  --out          the module to write; standard output when left out
  --import-from  where the module imports the client's types (default nestjs-jsonrpc-ws/client)
  --timeout      ms to connect, and again to get the answer (default 10000)
`;

export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const PROCESS_OUTPUT: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], output = PROCESS_OUTPUT): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        file: { type: 'string' },
        out: { type: 'string' },
        'import-from': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usage(output, (error as Error).message);
  }
  if (values.help) {
    output.stdout(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (command !== 'generate-client' || extra.length > 0) {
    return usage(output, command === undefined ? 'no command' : `unknown command ${command}`);
  }
  const { url, token, file, out, timeout } = values as Record<string, string | undefined>;
  if ((url === undefined) === (file === undefined)) return usage(output, 'give --url or --file');
  if (token !== undefined && url === undefined) return usage(output, '--token goes with --url');
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) return usage(output, '--timeout must be > 0');
  try {
    const document =
      file !== undefined ? readDocument(file) : await discoverDocument(url!, { token, timeoutMs });
    const source = generateClient(document, {
      importFrom: values['import-from'] as string | undefined,
      onWarning: (message) => output.stderr(`warning: ${message}\n`),
    });
    if (out === undefined) {
      output.stdout(source);
    } else {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, source);
      output.stderr(`Wrote ${out} from ${file ?? url}\n`);
    }
    return 0;
  } catch (error) {
    // What the user can fix gets its message; anything else (a bug of ours) its stack.
    const known = error instanceof GenerateClientError || isFileError(error);
    const text = known
      ? (error as Error).message
      : error instanceof Error
        ? error.stack
        : String(error);
    output.stderr(`generate-client: ${text}\n`);
    return 1;
  }
}

function readDocument(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GenerateClientError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function usage(output: CommandOutput, problem: string): number {
  output.stderr(`nestjs-jsonrpc-ws: ${problem}\n\n${USAGE}`);
  return 2;
}
