import type { HubTarget } from '../hub/hub-target';
import type { StreamPosition } from '../history/topic-history.interface';

/** What nodes send each other over pub/sub. */
export type ClusterMessage =
  | { kind: 'push'; from: string; target: HubTarget; frame: Buffer }
  | { kind: 'kick'; from: string; target: HubTarget; reason: string }
  | { kind: 'probe'; from: string }
  /** A publication to a topic with history, as the append script published it. */
  | { kind: 'pub'; from: string; topic: string; position: StreamPosition; frame: Buffer };

const KINDS = new Set(['push', 'kick', 'probe', 'pub']);

/**
 * `<kind>\n<from node>\n<header JSON>\n<payload>`: the frame travels as it is,
 * not escaped inside JSON, and the receiver slices it out without parsing it.
 * The header is the target of a push or kick, and `{"topic","offset","epoch"}`
 * of a publication. Pushes are encoded by `encodePush`, from the hub's text;
 * publications by the history's append script (see `publicationHead`).
 */
export function encodeMessage(
  message: Exclude<ClusterMessage, { kind: 'push' } | { kind: 'pub' }>,
): string {
  if (message.kind === 'probe') return `probe\n${message.from}\n\n`;
  return `kick\n${message.from}\n${JSON.stringify(message.target)}\n${message.reason}`;
}

/** Encodes a push whose frame is already text (the hub's serialised notification). */
export function encodePush(from: string, target: HubTarget, frame: string): string {
  return `push\n${from}\n${JSON.stringify(target)}\n${frame}`;
}

/**
 * The start of a publication, up to its offset: the append script adds
 * `"offset":<n>,"epoch":"<epoch>"}\n<frame>` once Redis has assigned them.
 */
export function publicationHead(from: string, topic: string): string {
  return `pub\n${from}\n{"topic":${JSON.stringify(topic)},`;
}

/** A whole publication, as the append script sends it. */
export function encodePublication(
  from: string,
  topic: string,
  position: StreamPosition,
  frame: string,
): string {
  const { offset, epoch } = position;
  return `${publicationHead(from, topic)}"offset":${offset},"epoch":${JSON.stringify(epoch)}}\n${frame}`;
}

/** The message, or undefined for anything this version does not understand. */
export function decodeMessage(raw: Buffer): ClusterMessage | undefined {
  const first = raw.indexOf(10);
  const second = first < 0 ? -1 : raw.indexOf(10, first + 1);
  const third = second < 0 ? -1 : raw.indexOf(10, second + 1);
  if (third < 0) return undefined;
  const kind = raw.toString('utf8', 0, first);
  if (!KINDS.has(kind)) return undefined;
  const from = raw.toString('utf8', first + 1, second);
  if (kind === 'probe') return { kind, from };
  let header: unknown;
  try {
    header = JSON.parse(raw.toString('utf8', second + 1, third));
  } catch {
    return undefined;
  }
  const payload = raw.subarray(third + 1);
  if (kind === 'pub') return decodePublication(from, header, payload);
  const target = header as HubTarget;
  return kind === 'push'
    ? { kind, from, target, frame: payload }
    : { kind: 'kick', from, target, reason: payload.toString() };
}

function decodePublication(
  from: string,
  header: unknown,
  frame: Buffer,
): ClusterMessage | undefined {
  const { topic, offset, epoch } = (header ?? {}) as Record<string, unknown>;
  if (typeof topic !== 'string' || typeof epoch !== 'string' || !Number.isSafeInteger(offset))
    return undefined;
  return { kind: 'pub', from, topic, position: { offset: offset as number, epoch }, frame };
}
