/**
 * Latency histogram: 1 µs buckets below 100 µs, then buckets 1 % wide (up to ~100 s).
 * Fixed size, so millions of samples cost nothing and histograms of several
 * processes or windows merge by adding counts.
 */
const LINEAR = 100;
const STEP = Math.log(1.01);
const SIZE = LINEAR + Math.ceil(Math.log(1e8 / LINEAR) / STEP);

export class Histogram {
  readonly counts: number[] = new Array<number>(SIZE).fill(0);
  total = 0;

  record(ms: number): void {
    const us = ms * 1000;
    const index = us < LINEAR ? Math.floor(us) : LINEAR + Math.floor(Math.log(us / LINEAR) / STEP);
    this.counts[Math.max(0, Math.min(SIZE - 1, index))]!++;
    this.total++;
  }

  add(counts: number[]): this {
    counts.forEach((count, index) => {
      this.counts[index]! += count;
      this.total += count;
    });
    return this;
  }

  /** The q-quantile in ms (bucket midpoint), or NaN without samples. */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let index = 0; index < SIZE; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) {
        const us = index < LINEAR ? index + 0.5 : LINEAR * Math.exp((index - LINEAR + 0.5) * STEP);
        return us / 1000;
      }
    }
    return NaN;
  }
}

/** The q-quantile of plain samples (nearest rank). */
export function quantile(values: number[], q: number): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  return finite[Math.max(0, Math.ceil(q * finite.length) - 1)]!;
}

export const median = (values: number[]): number => quantile(values, 0.5);

/** A figure as the median of repetitions, with their range. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(runs: number[]): Summary {
  const finite = runs.filter(Number.isFinite);
  return {
    median: median(finite),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
    runs,
  };
}
