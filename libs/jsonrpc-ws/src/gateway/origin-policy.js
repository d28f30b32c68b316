"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isOriginAllowed = isOriginAllowed;
/**
 * Whether the browser origin of an upgrade request may connect. Requests with no
 * `Origin` header do not come from a browser page and are let through.
 */
function isOriginAllowed(request, policy) {
    const origin = request.headers.origin;
    if (origin === undefined)
        return true;
    if (policy === '*')
        return true;
    if (typeof policy === 'function') {
        try {
            return policy(origin, request) === true;
        }
        catch {
            return false;
        }
    }
    const normalized = normalize(origin);
    if (policy === 'same-origin') {
        const host = request.headers.host;
        return host !== undefined && isSameHost(normalized, host);
    }
    return policy.some((allowed) => normalize(allowed) === normalized);
}
function normalize(origin) {
    return origin.trim().toLowerCase().replace(/\/+$/, '');
}
/** Compares through URL so default ports match either way ("example.com" vs "example.com:443"). */
function isSameHost(origin, host) {
    try {
        const parsed = new URL(origin);
        return parsed.host === new URL(`${parsed.protocol}//${host.toLowerCase()}`).host;
    }
    catch {
        // "null" (sandboxed frames, file: pages) and garbage have no host.
        return false;
    }
}
//# sourceMappingURL=origin-policy.js.map