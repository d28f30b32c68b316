// Type-checks every ```ts block of README.md against the library's sources, so the README
// cannot drift from the code. Run by `npm run typecheck`; `node scripts/check-readme-snippets.mjs`
// alone takes a few seconds.
//
// Each block is its own module, compiled with tsconfig.json's options (strict, decorators,
// nodenext, the `nestjs-jsonrpc-ws` paths; Node's types, not vitest's globals) in one program,
// without writing anything to disk:
// - A block whose first line starts with a file name comment (`// app.module.ts`) gets that
//   name, so another block of its section (under the same `##` or `###` heading) can import it
//   (`import { AppModule } from './app.module'`): each section is a directory of its own. The
//   other blocks are `readme-<line>.ts`. A block with a top-level `await` is an ES module
//   (`.mts`), as Node would only run it as one (the paths then also name each index.ts).
// - The names test/readme/readme-context.ts exports (the README's illustrative `User`, `Order`,
//   `verifyJwt`, `app`, …: what an app of your own would have) are imported into every block.
// - A block without any `import` line is a fragment: it also gets the library's exports and the
//   Nest names of PRELUDE below. A block with imports is complete and gets none of those, so a
//   missing import in it fails.
// Prelude imports go at the end of the block (imports are hoisted), so line numbers are the
// README's; a name the block declares or imports itself is left out of them (it shadows them).
// `<!-- snippet: skip (reason) -->` as the last line before a block skips it: keep it rare.
// Failures print README.md:<line>:<column> and TypeScript's message, and exit with 1.
// It also checks that every `(#anchor)` link leads to a heading and that the Contents list links
// every `##` and `###` section.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { anchorOf } from './readme-anchor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const snippetDir = join(root, 'test/readme');
const contextPath = join(snippetDir, 'readme-context.ts');
const libraryIndex = join(root, 'libs/jsonrpc-ws/src/index.ts');

/** What a fragment may use without importing it, besides the library's exports. */
const PRELUDE = {
  '@nestjs/common': [
    'CanActivate',
    'ExecutionContext',
    'Injectable',
    'Module',
    'ParseIntPipe',
    'SetMetadata',
    'UnauthorizedException',
    'UseGuards',
    'UseInterceptors',
    'UsePipes',
    'UseFilters',
  ],
  '@nestjs/core': ['APP_GUARD', 'APP_INTERCEPTOR', 'APP_PIPE', 'APP_FILTER', 'NestFactory'],
  '@nestjs/websockets': ['ConnectedSocket', 'MessageBody', 'WsException'],
  '@nestjs/platform-ws': ['WsAdapter'],
  '@nestjs/config': ['ConfigModule', 'ConfigService'],
  '@nestjs/jwt': ['JwtService'],
  '@willsoto/nestjs-prometheus': ['InjectMetric', 'makeCounterProvider'],
  'prom-client': ['Counter'],
  ws: ['WebSocket'],
  'node:os': ['hostname'],
};

const started = performance.now();
const problems = [];
const readme = readFileSync(readmePath, 'utf8');
checkLinks(readme);
const blocks = extractBlocks(readme);
const libraryNames = exportedNames(parse(libraryIndex, readFileSync(libraryIndex, 'utf8')));
const contextNames = exportedNames(parse(contextPath, readFileSync(contextPath, 'utf8')));

const virtualFiles = new Map(); // absolute path -> { text, block }
for (const block of blocks) {
  if (block.skip !== undefined) continue;
  const file = join(snippetDir, block.section, fileNameOf(block));
  if (virtualFiles.has(file)) {
    problems.push(`README.md:${block.line}: a second block named ${relative(snippetDir, file)}`);
    continue;
  }
  virtualFiles.set(file, { text: withPrelude(block, file), block });
}

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
// ES module blocks resolve no directory index, so each alias also names its index file (as the
// package's `exports` map does for ES modules); the tsconfig's own targets come first.
const paths = Object.fromEntries(
  Object.entries(config.options.paths ?? {}).map(([alias, targets]) => [
    alias,
    [...targets, ...targets.map((target) => `${target}/index.ts`)],
  ]),
);
const options = { ...config.options, paths, types: ['node'], noEmit: true };
const host = ts.createCompilerHost(options);
const { getSourceFile, fileExists, readFile, directoryExists } = host;
const virtualDirs = new Set([...virtualFiles.keys()].map((file) => dirname(file)));
host.directoryExists = (dir) => virtualDirs.has(dir) || (directoryExists?.call(host, dir) ?? true);
host.fileExists = (file) => virtualFiles.has(file) || fileExists.call(host, file);
host.readFile = (file) => virtualFiles.get(file)?.text ?? readFile.call(host, file);
host.getSourceFile = (file, language, ...rest) => {
  const virtual = virtualFiles.get(file);
  return virtual
    ? ts.createSourceFile(file, virtual.text, language, true)
    : getSourceFile.call(host, file, language, ...rest);
};
const program = ts.createProgram([...virtualFiles.keys(), contextPath], options, host);

for (const sourceFile of program.getSourceFiles()) {
  const virtual = virtualFiles.get(sourceFile.fileName);
  if (!virtual && sourceFile.fileName !== contextPath) continue;
  const diagnostics = [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile),
  ];
  for (const diagnostic of diagnostics) problems.push(describe(diagnostic, virtual?.block));
}

const checked = virtualFiles.size;
const skipped = blocks.filter((block) => block.skip !== undefined).length;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(`README: ${problems.length} problem(s) (${checked} TypeScript blocks checked):\n`);
  console.error(problems.join('\n\n'));
  process.exit(1);
}
console.log(
  `README: ${checked} TypeScript blocks compile (${skipped} skipped), links and Contents hold; ${seconds} s.`,
);

/** Internal links lead to headings; the Contents section lists every ## and ### section. */
function checkLinks(text) {
  const lines = text.split('\n');
  let fenced = false;
  const headings = []; // { level, anchor, line }
  const links = []; // { anchor, line, inContents }
  const seen = new Map();
  let section = '';
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) return;
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      // A repeated heading's anchor is numbered.
      const base = anchorOf(heading[2]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      headings.push({
        level: heading[1].length,
        anchor: count ? `${base}-${count}` : base,
        line: i + 1,
      });
      if (heading[1].length === 2) section = heading[2];
      return;
    }
    for (const link of line.matchAll(/\]\(#([^)\s]+)\)/g)) {
      links.push({ anchor: link[1], line: i + 1, inContents: section === 'Contents' });
    }
  });
  const anchors = new Set(headings.map((heading) => heading.anchor));
  for (const link of links) {
    if (!anchors.has(link.anchor))
      problems.push(`README.md:${link.line}: no heading for #${link.anchor}`);
  }
  const listed = new Set(links.filter((link) => link.inContents).map((link) => link.anchor));
  for (const heading of headings) {
    if (
      (heading.level === 2 || heading.level === 3) &&
      heading.anchor !== 'contents' &&
      !listed.has(heading.anchor)
    ) {
      problems.push(
        `README.md:${heading.line}: section #${heading.anchor} is missing from Contents`,
      );
    }
  }
}

/** The ```ts blocks of the README, with the line of their first code line and their section. */
function extractBlocks(text) {
  const lines = text.split('\n');
  const found = [];
  let section = 'top';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{2,3} (.+)$/.exec(lines[i]);
    if (heading) section = anchorOf(heading[1]);
    if (!lines[i].startsWith('```')) continue;
    const end = lines.findIndex((line, j) => j > i && line.trimEnd() === '```');
    if (end === -1) throw new Error(`README.md:${i + 1}: a code block is never closed`);
    if (lines[i].trimEnd() === '```ts') {
      const code = lines.slice(i + 1, end).join('\n');
      const block = { line: i + 2, code, section, skip: undefined };
      let before = i - 1;
      while (before >= 0 && lines[before].trim() === '') before--;
      const directive = /^<!--\s*snippet:(.*?)-->$/.exec(lines[before]?.trim() ?? '');
      if (directive) {
        const skip = /^\s*skip\s*\((.+)\)\s*$/.exec(directive[1]);
        if (skip) block.skip = skip[1];
        else problems.push(`README.md:${before + 1}: unknown directive, not "snippet: skip (why)"`);
      }
      found.push(block);
    }
    i = end;
  }
  return found;
}

function fileNameOf(block) {
  const named = /^\/\/ ([\w.-]+)\.ts\b/.exec(block.code.split('\n')[0]);
  const esm = hasTopLevelAwait(parse('block.ts', block.code));
  return `${named?.[1] ?? `readme-${block.line}`}.${esm ? 'mts' : 'ts'}`;
}

/** The block, with imports of the names it may use without importing them appended. */
function withPrelude(block, file) {
  const sourceFile = parse('block.ts', block.code);
  const own = declaredNames(sourceFile);
  const isFragment = !sourceFile.statements.some(ts.isImportDeclaration);
  const sources = {
    ...(isFragment ? { 'nestjs-jsonrpc-ws': libraryNames, ...PRELUDE } : {}),
    // `.js`: the form both CommonJS and ES module blocks resolve.
    [relative(dirname(file), contextPath).replace(/\.ts$/, '.js')]: contextNames,
  };
  const imports = Object.entries(sources)
    .map(([from, names]) => [from, names.filter((name) => !own.has(name))])
    .filter(([, names]) => names.length > 0)
    .map(([from, names]) => `import { ${names.join(', ')} } from '${from}';`);
  // A block that exports nothing and imports nothing would be a script sharing globals.
  return `${block.code}\n${imports.join(' ')} export {};\n`;
}

function parse(file, text) {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

/** Names exported by a module: `export { a, b }`, `export type { c }`, `export declare …`. */
function exportedNames(sourceFile) {
  const names = [];
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause) {
      if (ts.isNamedExports(statement.exportClause)) {
        names.push(...statement.exportClause.elements.map((element) => element.name.text));
      }
    } else if (
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      names.push(...namesOf(statement));
    }
  }
  return names;
}

/** Top-level names a block declares or imports. */
function declaredNames(sourceFile) {
  const names = new Set();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.add(element.name.text);
      }
    } else {
      for (const name of namesOf(statement)) names.add(name);
    }
  }
  return names;
}

function namesOf(statement) {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  }
  return statement.name && ts.isIdentifier(statement.name) ? [statement.name.text] : [];
}

function bindingNames(name) {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : bindingNames(element.name),
  );
}

function hasTopLevelAwait(node) {
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, hasTopLevelAwait) ?? false;
}

function describe(diagnostic, block) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
  const file = diagnostic.file;
  if (!file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
  if (!block) {
    return `${relative(root, file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
  }
  const code = block.code.split('\n');
  // Past the block's last line: the appended prelude.
  const where = line < code.length ? `README.md:${block.line + line}:${character + 1}` : 'prelude';
  const source = code[line] === undefined ? '' : `\n    > ${code[line].trim()}`;
  return `${where} (block at line ${block.line}) TS${diagnostic.code}: ${message}${source}`;
}
