#!/usr/bin/env node
// The package's `nestjs-jsonrpc-ws` command (package.json `bin`): `generate-client`.
import { runCli } from './generate-client.command';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
