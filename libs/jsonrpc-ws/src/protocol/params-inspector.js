"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.findParamsViolation = findParamsViolation;
/** Keys that reach `Object.prototype` when code downstream merges or assigns objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Walks params without recursion (a deep value must not exhaust the stack) and
 * returns why they are unacceptable, or undefined when they are fine. Only
 * objects and arrays are visited, from two parallel stacks: a flat object of
 * primitives, the common case, costs no allocation beyond the stacks.
 */
function findParamsViolation(params, maxDepth) {
    if (params === null || typeof params !== 'object')
        return undefined;
    const values = [params];
    const depths = [1];
    while (values.length > 0) {
        const value = values.pop();
        const depth = depths.pop();
        if (depth > maxDepth)
            return `params are nested deeper than ${maxDepth} levels`;
        if (Array.isArray(value)) {
            for (const item of value) {
                if (item !== null && typeof item === 'object') {
                    values.push(item);
                    depths.push(depth + 1);
                }
            }
            continue;
        }
        for (const key of Object.keys(value)) {
            if (FORBIDDEN_KEYS.has(key))
                return `params must not contain the key "${key}"`;
            const item = value[key];
            if (item !== null && typeof item === 'object') {
                values.push(item);
                depths.push(depth + 1);
            }
        }
    }
    return undefined;
}
//# sourceMappingURL=params-inspector.js.map