// Fails when a library source file passes MAX_LINES without saying why in its first lines
// (a comment containing "Long file:"). Long files usually hold more than one job.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = 'libs/jsonrpc-ws/src';
const MAX_LINES = 250;
const MARKER = 'Long file:';

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) yield path;
  }
}

const offenders = [];
for (const path of sources(ROOT)) {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.length > MAX_LINES && !lines.slice(0, 5).some((line) => line.includes(MARKER)))
    offenders.push(`${path}: ${lines.length} lines`);
}
if (offenders.length > 0) {
  console.error(
    `Library files over ${MAX_LINES} lines without a "${MARKER}" reason at the top:\n  ${offenders.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`No library file over ${MAX_LINES} lines without a stated reason.`);
