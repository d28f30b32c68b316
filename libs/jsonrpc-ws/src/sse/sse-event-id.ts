// Topics and epochs in an id are bounded as `subscribe` bounds them.
import { MAX_EPOCH_LENGTH, MAX_TOPIC_LENGTH } from '../builtins/builtin-params';
import type { StreamPosition } from '../history/topic-history.interface';

/**
 * Longest event id a stream may carry, and the longest `Last-Event-ID` read
 * back (a longer one is ignored): far under the 16 KiB Node allows for all of a
 * request's headers.
 */
export const MAX_EVENT_ID_LENGTH = 4096;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The id of an SSE event on a stream with topics that keep history: where the
 * stream stands in each of them, `{ topic: [epoch, offset] }` as base64url
 * JSON. One stream carries several topics and a browser remembers one id, so
 * the id holds them all; base64url needs no escaping in a header or a query.
 */
export function encodeEventId(positions: ReadonlyMap<string, StreamPosition>): string {
  const entries = Object.create(null) as Record<string, [string, number]>;
  for (const [topic, { epoch, offset }] of positions) entries[topic] = [epoch, offset];
  return Buffer.from(JSON.stringify(entries)).toString('base64url');
}

/**
 * The positions a `Last-Event-ID` holds, or undefined when it is not one this
 * library wrote (too long, not base64url JSON, a bad topic, epoch or offset):
 * a stream then opens as a new one. The object has no prototype, so a topic
 * named `constructor` is a topic like any other.
 */
export function decodeEventId(id: string | undefined): Record<string, StreamPosition> | undefined {
  if (!id || id.length > MAX_EVENT_ID_LENGTH || !BASE64URL.test(id)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const positions = Object.create(null) as Record<string, StreamPosition>;
  for (const [topic, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [epoch, offset] = value as unknown[];
    const valid =
      topic.length > 0 &&
      topic.length <= MAX_TOPIC_LENGTH &&
      typeof epoch === 'string' &&
      epoch.length > 0 &&
      epoch.length <= MAX_EPOCH_LENGTH &&
      Number.isSafeInteger(offset) &&
      (offset as number) >= 0;
    if (!valid) return undefined;
    positions[topic] = { epoch, offset: offset as number };
  }
  return positions;
}

/**
 * Whether the ids of these topics can be read back whatever their offsets
 * become: within `MAX_EVENT_ID_LENGTH`, topics and epochs within bounds.
 */
export function eventIdsFit(positions: ReadonlyMap<string, StreamPosition>): boolean {
  const widest = new Map<string, StreamPosition>();
  for (const [topic, { epoch }] of positions)
    widest.set(topic, { epoch, offset: Number.MAX_SAFE_INTEGER });
  return decodeEventId(encodeEventId(widest)) !== undefined;
}
