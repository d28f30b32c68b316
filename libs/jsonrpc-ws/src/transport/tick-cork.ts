/** What a tick cork needs of a connection: a way to write what it held. */
export interface Corked {
  uncorkWrites(): void;
}

/**
 * Ticks are numbered so that a connection can tell a second write in the same
 * tick from a first one: the first leaves at once (no latency, no buffering),
 * the rest are held and leave together at the end of the tick. A tick here ends
 * with one `process.nextTick` shared by every connection, after the microtasks
 * it queued: pushes published in a loop of `await`s and the replies to the
 * messages of one read land in the same tick.
 */
let tick = 1;
let ending = false;
let held: Corked[] = [];

/** The current tick's number; the tick ends once the code running now has finished. */
export function currentTick(): number {
  if (!ending) {
    ending = true;
    process.nextTick(endTick);
  }
  return tick;
}

/** Uncorks `connection` when the current tick ends. */
export function uncorkAtTickEnd(connection: Corked): void {
  held.push(connection);
  currentTick();
}

function endTick(): void {
  ending = false;
  tick++;
  // A write made while uncorking belongs to the next tick, not this one.
  const connections = held;
  held = [];
  for (const connection of connections) {
    // One broken socket must not leave the others corked. It reports its own failure
    // through its 'error' and 'close' events, which end its session.
    try {
      connection.uncorkWrites();
    } catch {
      continue;
    }
  }
}
