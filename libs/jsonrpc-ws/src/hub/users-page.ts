/** One page of `GET /online`. */
export interface UsersPage {
  /** Users online in all, not only on this page. */
  count: number;
  /** User ids, in code-point order. */
  users: string[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/**
 * A page of user ids after `cursor`, in a stable order: the cursor is the last
 * id of the previous page, so users coming and going between pages shift
 * nothing (none is listed twice, none still online is skipped).
 */
export function pageOf(userIds: string[], limit: number, cursor?: string): UsersPage {
  const sorted = userIds.sort(compareCodePoints);
  const start = cursor === undefined ? 0 : firstAfter(sorted, cursor);
  const users = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { count: sorted.length, users, nextCursor: more ? users[users.length - 1]! : null };
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first id greater than `cursor` (binary search). */
function firstAfter(sorted: string[], cursor: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}
