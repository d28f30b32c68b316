import type { IncomingMessage } from 'http';
import { bearerToken } from '../http/bearer-token';

/** What an SSE request asks for: its token, platform and topics, and where it resumes. */
export interface SseRequest {
  token?: string;
  platform?: string;
  topics: string[];
  /** The `Last-Event-ID` header, else the `lastEventId` query parameter. */
  lastEventId?: string;
}

/**
 * Reads the `Authorization: Bearer` header (or the token query parameter), and
 * `platform` and `topics` (comma-separated, or repeated) from the query string.
 * A browser reconnecting sends `Last-Event-ID` to the URL it first opened, so
 * the header wins over a `lastEventId` in that URL, which is the older one.
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
  const resumeHeader = request.headers['last-event-id'];
  const lastEventId =
    (typeof resumeHeader === 'string' ? resumeHeader : undefined) || query.get('lastEventId');
  return {
    token: token || undefined,
    platform: query.get('platform') ?? undefined,
    topics,
    lastEventId: lastEventId || undefined,
  };
}
