import { check, checkInteger } from '../options/option-checks';
import type { HistoryPolicy } from './topic-history.interface';

/** `history` option: which topics keep their past, and how recovery is bounded. */
export interface JsonRpcWsHistoryOptions {
  /**
   * History per topic: a topic name, or a prefix ending in `*` (`'room:*'`). The
   * longest matching pattern wins. A push can also give its own policy
   * (`hub.pushToTopic(topic, method, params, { history })`).
   */
  topics?: Record<string, HistoryPolicy>;
  /** Most publications one recovery returns; past that it answers `recovered: false`. @default 300 */
  maxRecovered?: number;
  /** How long a stream's epoch and offset outlive its last publication, ms. @default 86400000 (1 day) */
  metaTtlMs?: number;
  /**
   * In the cluster: how often each node compares, for every topic with history it has
   * subscribers to, the stream's last offset with the last publication it delivered,
   * and re-reads what pub/sub lost (a publication lost last shows no gap otherwise).
   * 0 turns the check off. @default 40000
   */
  positionCheckMs?: number;
}

export interface ResolvedHistoryOptions {
  topics: Array<{ pattern: string; prefix: boolean; policy: HistoryPolicy }>;
  maxRecovered: number;
  metaTtlMs: number;
  positionCheckMs: number;
}

export const HISTORY_DEFAULTS = {
  maxRecovered: 300,
  metaTtlMs: 86_400_000,
  positionCheckMs: 40_000,
};

export function resolveHistoryOptions(
  options: JsonRpcWsHistoryOptions | undefined,
): ResolvedHistoryOptions {
  const topics = Object.entries(options?.topics ?? {})
    .map(([pattern, policy]) => ({
      pattern: pattern.endsWith('*') ? pattern.slice(0, -1) : pattern,
      prefix: pattern.endsWith('*'),
      policy,
    }))
    // Longest first: the most specific pattern wins.
    .sort((a, b) => b.pattern.length - a.pattern.length);
  return {
    topics,
    maxRecovered: options?.maxRecovered ?? HISTORY_DEFAULTS.maxRecovered,
    metaTtlMs: options?.metaTtlMs ?? HISTORY_DEFAULTS.metaTtlMs,
    positionCheckMs: options?.positionCheckMs ?? HISTORY_DEFAULTS.positionCheckMs,
  };
}

/** The history policy of a topic, if it keeps one. */
export function policyFor(
  options: ResolvedHistoryOptions,
  topic: string,
): HistoryPolicy | undefined {
  for (const { pattern, prefix, policy } of options.topics) {
    if (prefix ? topic.startsWith(pattern) : topic === pattern) return policy;
  }
  return undefined;
}

/** Each history policy needs a size and a TTL; the bounds, positive integers. */
export function checkHistory(
  history: JsonRpcWsHistoryOptions | undefined,
): JsonRpcWsHistoryOptions | undefined {
  if (history === undefined) return undefined;
  check('history', typeof history === 'object' && history !== null, 'an object', history);
  for (const [pattern, policy] of Object.entries(history.topics ?? {})) {
    const name = `history.topics["${pattern}"]`;
    check(name, typeof policy === 'object' && policy !== null, '{ size, ttlMs }', policy);
    check(
      name,
      pattern.length > 0 && !pattern.slice(0, -1).includes('*'),
      'a topic, or a prefix ending in *',
      pattern,
    );
    checkInteger(`${name}.size`, policy.size, 1);
    checkInteger(`${name}.ttlMs`, policy.ttlMs, 1);
  }
  if (history.maxRecovered !== undefined)
    checkInteger('history.maxRecovered', history.maxRecovered, 1);
  if (history.metaTtlMs !== undefined) checkInteger('history.metaTtlMs', history.metaTtlMs, 1);
  if (history.positionCheckMs !== undefined)
    checkInteger('history.positionCheckMs', history.positionCheckMs, 0);
  return history;
}
