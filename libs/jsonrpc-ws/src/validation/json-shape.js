"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isJsonObject = isJsonObject;
const MAX_DEPTH = 32;
/** Keys that ValidationPipe strips before validating, against prototype pollution. */
const PROTO_KEYS = ['__proto__', 'prototype', 'constructor'];
/**
 * Whether a value is an object as `JSON.parse` makes them, on which
 * ValidationPipe's preparations (stripping prototype keys, closing array gaps,
 * refusing binary values) have nothing to do: plain objects without prototype
 * keys, dense arrays, strings, finite numbers, booleans and null, at most 32 deep.
 */
function isJsonObject(value) {
    return isPlainObject(value) && isJsonShaped(value, 0);
}
function isJsonShaped(value, depth) {
    if (value === null)
        return true;
    switch (typeof value) {
        case 'string':
        case 'boolean':
            return true;
        case 'number':
            return Number.isFinite(value);
        case 'object':
            break;
        default:
            return false;
    }
    if (depth >= MAX_DEPTH)
        return false;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            if (!(i in value) || !isJsonShaped(value[i], depth + 1))
                return false;
        }
        return true;
    }
    if (!isPlainObject(value))
        return false;
    for (const key of PROTO_KEYS)
        if (Object.prototype.hasOwnProperty.call(value, key))
            return false;
    for (const key in value) {
        if (!isJsonShaped(value[key], depth + 1))
            return false;
    }
    return true;
}
function isPlainObject(value) {
    if (value === null || typeof value !== 'object')
        return false;
    return Object.getPrototypeOf(value) === Object.prototype;
}
//# sourceMappingURL=json-shape.js.map