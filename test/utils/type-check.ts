import { join, relative } from 'path';
import ts from 'typescript';

const root = join(__dirname, '../..');

/** tsconfig.json's options (strict, noUncheckedIndexedAccess, the `nestjs-jsonrpc-ws` paths, …), emitting nothing. */
function repoOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  return parsed!.options;
}

/**
 * Type-checks `files` with the repository's TypeScript and options, as `npm run typecheck`
 * would; `replaced` gives some of them other contents (absolute path → source).
 */
export function typeCheck(files: string[], replaced = new Map<string, string>()): ts.Diagnostic[] {
  const options = repoOptions();
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = replaced.get(fileName);
    return text === undefined
      ? read(fileName, language, onError, shouldCreate)
      : ts.createSourceFile(fileName, text, language);
  };
  return [...ts.getPreEmitDiagnostics(ts.createProgram(files, options, host))];
}

/** `file:line: message` per diagnostic, for failure messages and comparisons. */
export function describeDiagnostics(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${relative(root, diagnostic.file.fileName)}:${line + 1}: ${message}`;
  });
}
