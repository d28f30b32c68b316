// Builds the publishable package into dist/libs/jsonrpc-ws: compiled JS, .d.ts, manifest, docs.
// Run from anywhere: paths are resolved against the repository root.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorOf } from './readme-anchor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const libDir = join(root, 'libs/jsonrpc-ws');
const outDir = join(root, 'dist/libs/jsonrpc-ws');

/** Sections of the repository's README for contributors, not for users of the package. */
const CONTRIBUTOR_SECTIONS = new Set([
  'On a fresh clone',
  'Performance',
  'The package',
  'Development',
]);

/** The package's README: the repository's, without the sections about working on the repository. */
function packageReadme(readme) {
  const sections = readme.split(/^(?=## )/m);
  const isDropped = (section) => {
    const heading = /^## (.+)$/m.exec(section)?.[1]?.trim();
    return section.startsWith('## ') && CONTRIBUTOR_SECTIONS.has(heading);
  };
  const dropped = sections.filter(isDropped);
  if (dropped.length !== CONTRIBUTOR_SECTIONS.size) {
    fail(`README.md no longer has the sections ${[...CONTRIBUTOR_SECTIONS].join(', ')}`);
  }
  // Links to dropped sections, and to the headings inside them, would lead nowhere: their
  // Contents entries go, other links to them become plain text.
  const gone = new Set(
    dropped.flatMap((section) =>
      [...section.matchAll(/^#{2,3} (.+)$/gm)].map((m) => anchorOf(m[1])),
    ),
  );
  return sections
    .filter((section) => !isDropped(section))
    .join('')
    .split('\n')
    .filter((line) => {
      const entry = /^- \[[^\]]+\]\(#([^)\s]+)\)/.exec(line);
      return !entry || !gone.has(entry[1]);
    })
    .join('\n')
    .replace(/\[([^\]]+)\]\(#([^)\s]+)\)/g, (link, text, anchor) =>
      gone.has(anchor) ? text : link,
    );
}

function fail(message) {
  console.error(`build-lib: ${message}`);
  process.exit(1);
}

// Start clean, so files of since-deleted sources never end up in the tarball.
rmSync(outDir, { recursive: true, force: true });

// No source maps: they would point at libs/jsonrpc-ws/src, which the package does not ship.
try {
  execFileSync(
    join(root, 'node_modules/.bin/tsc'),
    ['-p', join(libDir, 'tsconfig.lib.json'), '--sourceMap', 'false'],
    { cwd: root, stdio: 'inherit' },
  );
} catch {
  fail('tsc failed');
}

// The client's ESM entry, for browsers and ESM apps: one file with no imports (tsc wrote the CommonJS one).
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(libDir, 'src/client/index.ts')],
    outfile: join(outDir, 'client/index.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'warning',
  });
} catch (error) {
  fail(`esbuild failed: ${error instanceof Error ? error.message : String(error)}`);
}

copyFileSync(join(libDir, 'package.json'), join(outDir, 'package.json'));
copyFileSync(join(root, 'LICENSE'), join(outDir, 'LICENSE'));
writeFileSync(
  join(outDir, 'README.md'),
  packageReadme(readFileSync(join(root, 'README.md'), 'utf8')),
);

for (const file of [
  'index.js',
  'index.d.ts',
  'client/index.js',
  'client/index.mjs',
  'client/index.d.ts',
  'codegen/cli.js',
  'codegen/index.js',
  'codegen/index.d.ts',
]) {
  if (!existsSync(join(outDir, file))) fail(`missing ${file} in ${relative(root, outDir)}`);
}
// npm links the `bin` as is: without its shebang the shell, not Node, would run it.
if (!readFileSync(join(outDir, 'codegen/cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')) {
  fail("codegen/cli.js (the package's bin) does not start with #!/usr/bin/env node");
}

// The monorepo alias only exists in this repo's tsconfig/jest config: once published, a
// self-import by that name would load a second copy of the package (or nothing at all).
// TypeScript's own scanner finds the imports and requires, so that a message naming the
// package (`register RpcThrottlerGuard from 'nestjs-jsonrpc-ws/throttler'`) is no offender.
const { default: ts } = await import('typescript');
const importsSelf = (text) =>
  ts
    .preProcessFile(text, true, true)
    .importedFiles.some(({ fileName }) => /^nestjs-jsonrpc-ws(?:\/|$)/.test(fileName));
const offenders = readdirSync(outDir, { recursive: true })
  .filter((file) => /\.(js|d\.ts)$/.test(file))
  .filter((file) => importsSelf(readFileSync(join(outDir, file), 'utf8')));
if (offenders.length > 0) {
  fail(
    `these files import the package by its own name 'nestjs-jsonrpc-ws':\n  ${offenders.join('\n  ')}`,
  );
}

console.log(`build-lib: built ${relative(root, outDir)}`);
