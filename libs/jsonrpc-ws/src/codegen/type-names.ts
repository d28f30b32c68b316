const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words a declared name may not be: JavaScript's reserved words and TypeScript's type keywords. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with as implements interface let package private protected ' +
    'public static yield any boolean declare module number object string symbol bigint never ' +
    'unknown undefined type keyof readonly unique infer is asserts await async of satisfies'
  ).split(' '),
);

/**
 * Names the generated module refers to itself: a schema named `Promise` or `CallOptions` would
 * shadow them, so schemas get another name instead.
 */
export const MODULE_NAMES = [
  'Promise',
  'ReturnType',
  'JsonRpcClient',
  'CallOptions',
  'PublicationPosition',
  'Api',
  'createApi',
  'RpcNotifications',
  'NotificationListener',
];

/** Can be written bare as a property name (`api.math`), reserved words included. */
export function isPropertyName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Single-quoted TypeScript string literal. */
export function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

/**
 * A property key as written in a type (`a`, `'a-b'`) or, with `inLiteral`, in an object literal,
 * where `__proto__` must be computed to become an own property instead of the prototype.
 */
export function propertyKey(name: string, inLiteral = false): string {
  if (inLiteral && name === '__proto__') return `['__proto__']`;
  return isPropertyName(name) ? name : quote(name);
}

/** `chat.message` → `ChatMessage`, `notify_sum` → `NotifySum`; `fallback` when nothing is left. */
export function pascalCase(name: string, fallback: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  if (joined === '') return fallback;
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `chat.message` → `chatMessage`. */
export function camelCase(name: string, fallback: string): string {
  const pascal = pascalCase(name, fallback);
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  return RESERVED.has(camel) ? `${camel}_` : camel;
}

/** Hands out unique declaration names: the preferred one, else with 2, 3, … appended. */
export class NameRegistry {
  private readonly taken = new Set<string>(MODULE_NAMES);

  claim(preferred: string): string {
    const usable = IDENTIFIER.test(preferred) && !RESERVED.has(preferred);
    const base = usable ? preferred : pascalCase(preferred, 'Type');
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}
