import type { IncomingHttpHeaders } from 'http';

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}
