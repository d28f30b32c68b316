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
  const kept = sections.filter((section) => {
    const heading = /^## (.+)$/m.exec(section)?.[1]?.trim();
    return !heading || !section.startsWith('## ') || !CONTRIBUTOR_SECTIONS.has(heading);
  });
  if (kept.length !== sections.length - CONTRIBUTOR_SECTIONS.size) {
    fail(`README.md no longer has the sections ${[...CONTRIBUTOR_SECTIONS].join(', ')}`);
  }
  // Links to dropped sections would lead nowhere.
  return kept
    .join('')
    .replace(/\[([^\]]+)\]\(#(performance|development|the-package|on-a-fresh-clone)\)/g, '$1');
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
]) {
  if (!existsSync(join(outDir, file))) fail(`missing ${file} in ${relative(root, outDir)}`);
}

// The monorepo alias only exists in this repo's tsconfig/jest config: once published, a
// self-import by that name would load a second copy of the package (or nothing at all).
const selfImport =
  /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(?\s*)['"]nestjs-jsonrpc-ws(?:\/[^'"]*)?['"]/;
const offenders = readdirSync(outDir, { recursive: true })
  .filter((file) => /\.(js|d\.ts)$/.test(file))
  .filter((file) => selfImport.test(readFileSync(join(outDir, file), 'utf8')));
if (offenders.length > 0) {
  fail(
    `these files import the package by its own name 'nestjs-jsonrpc-ws':\n  ${offenders.join('\n  ')}`,
  );
}

console.log(`build-lib: built ${relative(root, outDir)}`);
