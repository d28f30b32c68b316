/** What a tick cork needs of a connection: a way to write what it held. */
export interface Corked {
  uncorkWrites(): void;
}

/**
 * Ticks are numbered so that a connection can tell a second write in the same
 * tick from a first one: the first leaves at once (no latency, no buffering),
 * the rest are held and leave together at the end of the tick.
 *
 * A tick ends with one `process.nextTick` shared by every connection, queued by
 * the first write. What it covers depends on where that write ran, because Node
 * runs nextTick callbacks before promise jobs when a callback of the event loop
 * returns, and after them when the queue of promise jobs empties:
 * - from the synchronous part of a socket read, a timer or setImmediate, the tick
 *   is the rest of that synchronous code (the replies to every message of a read
 *   whose handlers answer synchronously), and ends before its `await` continuations;
 * - from a promise continuation, the tick also takes in the continuations queued
 *   until the promise jobs run out (replies of async handlers settling together,
 *   pushes published in a loop of `await`s on settled promises).
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
