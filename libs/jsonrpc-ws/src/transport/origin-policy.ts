import type { IncomingMessage } from 'http';
import { AllowedOrigins } from '../options/jsonrpc-ws-options.interface';

/**
 * Whether the browser origin of an upgrade request may connect. Requests with no
 * `Origin` header do not come from a browser page and are let through.
 */
export function isOriginAllowed(request: IncomingMessage, policy: AllowedOrigins): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (policy === '*') return true;
  if (typeof policy === 'function') {
    try {
      return policy(origin, request) === true;
    } catch {
      return false;
    }
  }
  const normalized = normalize(origin);
  if (policy === 'same-origin') {
    const host = request.headers.host;
    return host !== undefined && isSameOrigin(normalized, schemeOf(request), host);
  }
  return policy.some((allowed) => normalize(allowed) === normalized);
}

function normalize(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

/**
 * The scheme a browser used to reach this server: https over TLS, or when the TLS-ending
 * proxy in front says so (`X-Forwarded-Proto`; a page cannot set it on a WebSocket).
 */
function schemeOf(request: IncomingMessage): 'http:' | 'https:' {
  if ((request.socket as { encrypted?: boolean } | undefined)?.encrypted) return 'https:';
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',', 1)[0];
  const proto = first?.trim().toLowerCase();
  return proto === 'https' || proto === 'wss' ? 'https:' : 'http:';
}

/** Scheme, host and port; through URL so default ports match either way ("example.com" vs "example.com:443"). */
function isSameOrigin(origin: string, scheme: string, host: string): boolean {
  try {
    const parsed = new URL(origin);
    if (parsed.protocol !== scheme) return false;
    const served = new URL(`${scheme}//${host.toLowerCase()}`);
    if (parsed.host === served.host) return true;
    // A page from http://localhost:3000 calling ws://127.0.0.1:3000 is on the same machine and port.
    return (
      parsed.port === served.port && isLoopback(parsed.hostname) && isLoopback(served.hostname)
    );
  } catch {
    // "null" (sandboxed frames, file: pages) and garbage have no host.
    return false;
  }
}

/** Names of this machine's loopback interface, which no other site can serve a page from. */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
