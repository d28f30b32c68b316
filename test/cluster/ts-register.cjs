// Runs the cluster tests' node processes straight from TypeScript sources: each
// .ts file is transpiled on require (decorator metadata included, which Nest's
// injector needs), and `nestjs-jsonrpc-ws` resolves to the library's sources,
// as tsconfig.json's paths say.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook */
const Module = require('module');
const { readFileSync } = require('fs');
const { join } = require('path');
const ts = require('typescript');

const root = join(__dirname, '..', '..');
const library = join(root, 'libs', 'jsonrpc-ws', 'src');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'nestjs-jsonrpc-ws') request = library;
  else if (request.startsWith('nestjs-jsonrpc-ws/')) request = join(library, request.slice(18));
  return resolve.call(this, request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
