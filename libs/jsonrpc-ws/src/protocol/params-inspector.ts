/** Keys that reach `Object.prototype` when code downstream merges or assigns objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks params without recursion (a deep value must not exhaust the stack) and
 * returns why they are unacceptable, or undefined when they are fine.
 */
export function findParamsViolation(params: unknown, maxDepth: number): string | undefined {
  const stack: Array<[unknown, number]> = [[params, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return `params are nested deeper than ${maxDepth} levels`;
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `params must not contain the key "${key}"`;
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}
