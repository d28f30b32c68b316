/** Keys that reach `Object.prototype` when code downstream merges or assigns objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What params may hold; each bound keeps the work a message causes downstream linear and small. */
export interface ParamsLimits {
  /** Nesting levels. */
  maxDepth: number;
  /** Values (keys and array elements) in all. */
  maxNodes: number;
  /** Keys of any one object: class-transformer's cost per object grows with their square. */
  maxKeys: number;
}

/**
 * Walks params without recursion (a deep value must not exhaust the stack) and
 * returns why they are unacceptable, or undefined when they are fine. Only
 * objects and arrays are visited, from two parallel stacks: a flat object of
 * primitives, the common case, costs no allocation beyond the stacks. The walk
 * stops at the first bound crossed, so its own cost is linear in what it read.
 */
export function findParamsViolation(params: unknown, limits: ParamsLimits): string | undefined {
  if (params === null || typeof params !== 'object') return undefined;
  const { maxDepth, maxNodes, maxKeys } = limits;
  const values: object[] = [params];
  const depths: number[] = [1];
  let nodes = 0;
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth)
      return `params are nested deeper than ${maxDepth} levels (maxParamsDepth)`;
    if (Array.isArray(value)) {
      nodes += value.length;
      if (nodes > maxNodes) return tooManyNodes(maxNodes);
      for (const item of value as unknown[]) {
        if (item !== null && typeof item === 'object') {
          values.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > maxKeys) {
      return `an object in params has more than ${maxKeys} keys (maxParamsKeys)`;
    }
    nodes += keys.length;
    if (nodes > maxNodes) return tooManyNodes(maxNodes);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return `params must not contain the key "${key}"`;
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

function tooManyNodes(maxNodes: number): string {
  return `params hold more than ${maxNodes} values (maxParamsNodes)`;
}
