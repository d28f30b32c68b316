import type { HistoryRead, StoredPublication, StreamPosition } from './topic-history.interface';

/** What a subscriber asks to recover from, and what it gets. */
export interface Recovery extends StreamPosition {
  /** True when `publications` are exactly every publication missed; false means reload. */
  recovered: boolean;
  publications: StoredPublication[];
}

/**
 * Judges a read of the history made for a subscriber last at `since`: all the
 * publications after it, contiguous up to the top of the stream, or none at all
 * (never a partial set) when the epoch changed, the history no longer reaches
 * back, the subscriber is ahead of the stream, or more than `maxRecovered` are
 * missing. The read must have asked for `maxRecovered + 1` publications after
 * `since.offset`, so that "too many" can be told from "all".
 */
export function judgeRecovery(
  since: StreamPosition,
  read: HistoryRead,
  maxRecovered: number,
): Recovery {
  const { epoch, offset } = read;
  const refused: Recovery = { recovered: false, epoch, offset, publications: [] };
  if (since.epoch !== epoch || since.offset > offset) return refused;
  const missing = offset - since.offset;
  if (missing > maxRecovered) return refused;
  const publications = read.publications.filter(
    (p) => p.offset > since.offset && p.offset <= offset,
  );
  if (publications.length !== missing) return refused;
  for (let i = 0; i < publications.length; i++) {
    if (publications[i]!.offset !== since.offset + 1 + i) return refused;
  }
  return { recovered: true, epoch, offset, publications };
}
