import type { HubTarget } from '../hub/hub-target';

/** What nodes send each other over pub/sub. */
export type ClusterMessage =
  | { kind: 'push'; from: string; target: HubTarget; frame: Buffer }
  | { kind: 'kick'; from: string; target: HubTarget; reason: string }
  | { kind: 'probe'; from: string };

const KINDS = new Set(['push', 'kick', 'probe']);

/**
 * `<kind>\n<from node>\n<target JSON>\n<payload>`: the frame travels as it is,
 * not escaped inside JSON, and the receiver slices it out without parsing it.
 * Pushes are encoded by `encodePush`, from the hub's text.
 */
export function encodeMessage(message: Exclude<ClusterMessage, { kind: 'push' }>): string {
  if (message.kind === 'probe') return `probe\n${message.from}\n\n`;
  return `kick\n${message.from}\n${JSON.stringify(message.target)}\n${message.reason}`;
}

/** Encodes a push whose frame is already text (the hub's serialised notification). */
export function encodePush(from: string, target: HubTarget, frame: string): string {
  return `push\n${from}\n${JSON.stringify(target)}\n${frame}`;
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
  let target: HubTarget;
  try {
    target = JSON.parse(raw.toString('utf8', second + 1, third)) as HubTarget;
  } catch {
    return undefined;
  }
  const payload = raw.subarray(third + 1);
  return kind === 'push'
    ? { kind, from, target, frame: payload }
    : { kind: 'kick', from, target, reason: payload.toString() };
}
