import type { IncomingMessage } from 'http';
import { bearerToken } from '../http/bearer-token';

/** What an SSE request asks for: its token, platform and topics. */
export interface SseRequest {
  token?: string;
  platform?: string;
  topics: string[];
}

/**
 * Reads the `Authorization: Bearer` header (or the token query parameter), and
 * `platform` and `topics` (comma-separated, or repeated) from the query string.
 */
export function readSseRequest(
  request: IncomingMessage,
  tokenQueryParam: string | false,
): SseRequest {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const header = bearerToken(request.headers);
  const token = header ?? (tokenQueryParam ? query.get(tokenQueryParam) : null) ?? undefined;
  const topics = [...query]
    .filter(([name]) => name === 'topics' || name === 'topic')
    .flatMap(([, value]) => value.split(','))
    .map((topic) => topic.trim())
    .filter((topic) => topic.length > 0);
  return { token: token || undefined, platform: query.get('platform') ?? undefined, topics };
}
