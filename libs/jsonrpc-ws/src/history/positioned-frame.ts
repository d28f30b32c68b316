import type { StoredPublication, StreamPosition } from './topic-history.interface';

/** How every notification the hub serialises begins (see `notification()`). */
const HEAD = '{"jsonrpc":"2.0",';

/**
 * The `publication` notification a subscriber that asked for positions gets:
 * `{"jsonrpc":"2.0","method":"publication","params":{"topic","offset","epoch","method","params"}}`.
 * Spliced from the plain notification's text, which is not parsed again.
 */
export function positionedText(topic: string, position: StreamPosition, frame: string): string {
  if (!frame.startsWith(HEAD)) throw new Error('not a notification serialised by the hub');
  return (
    `{"jsonrpc":"2.0","method":"publication","params":{"topic":${JSON.stringify(topic)},` +
    `"offset":${position.offset},"epoch":${JSON.stringify(position.epoch)},` +
    `${frame.slice(HEAD.length)}}`
  );
}

/** A recovered publication as a subscribe answer lists it: `{ offset, method, params? }`. */
export interface RecoveredPublication {
  offset: number;
  method: string;
  params?: unknown;
}

export function recoveredPublication({ offset, frame }: StoredPublication): RecoveredPublication {
  const { method, params } = JSON.parse(frame) as { method: string; params?: unknown };
  return params === undefined ? { offset, method } : { offset, method, params };
}
