/** What a JSDoc block says of a schema, content descriptor, method or notification. */
export interface Documented {
  summary?: unknown;
  description?: unknown;
  deprecated?: unknown;
}

/** The text lines of a block: the summary, then the description, then `@deprecated`. */
export function docLines(item: Documented, extra: string[] = []): string[] {
  const lines: string[] = [];
  for (const text of [item.summary, item.description]) {
    if (typeof text !== 'string' || text.trim() === '') continue;
    if (lines.length > 0) lines.push('');
    lines.push(...text.trim().split(/\r?\n/));
  }
  if (extra.length > 0 && lines.length > 0) lines.push('');
  lines.push(...extra);
  if (item.deprecated === true) lines.push('@deprecated');
  return lines;
}

/** A `/** … *\/` block at `indent`, ending with a newline; nothing for no lines. */
export function jsdoc(lines: string[], indent = ''): string {
  // The documents' text must not end the comment early, nor leave a line without its ` * `.
  const safe = lines
    .flatMap((line) => line.split(/\r?\n|\r|\u2028|\u2029/))
    .map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  if (safe.length === 0) return '';
  if (safe.length === 1 && safe[0]!.length + indent.length < 90)
    return `${indent}/** ${safe[0]} */\n`;
  const body = safe.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`));
  return `${indent}/**\n${body.join('\n')}\n${indent} */\n`;
}
