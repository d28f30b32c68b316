import { propertyKey, quote } from './type-names';

/** A JSON value as TypeScript source, as one would write it: `{ a: 1, b: ['x'] }`. */
export function jsLiteral(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([k, v]) => `${propertyKey(k, true)}: ${jsLiteral(v)}`,
    );
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
