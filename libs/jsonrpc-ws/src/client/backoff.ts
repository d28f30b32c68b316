/**
 * Exponential backoff with full jitter (delay drawn uniformly from 0 to
 * min(max, min × 2^attempt), at least `min`), as centrifuge-js and the AWS
 * architecture note recommend: clients dropped together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.max(minMs, Math.floor(random() * ceiling));
}
