import type { Summary } from './stats';

/** Prints rows as an aligned text table: the first column left-aligned, the rest right-aligned. */
export function printTable(title: string, header: string[], rows: string[][], note?: string): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  rows.forEach((row) => console.log(line(row)));
  if (note) console.log(`\n${note}`);
}

/** 12345.6 → "12,346"; small numbers keep `digits` significant decimals. */
export function num(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? Math.min(digits, 1) : digits);
}

/** "1,234 (1,200–1,300)": median and range of repetitions. */
export function spread(summary: Summary, digits = 2): string {
  if (summary.runs.length < 2) return num(summary.median, digits);
  return `${num(summary.median, digits)} (${num(summary.min, digits)}–${num(summary.max, digits)})`;
}

/** `value / reference` as "×0.42". */
export function ratio(value: number, reference: number | undefined): string {
  if (reference === undefined || !Number.isFinite(value) || !(reference > 0)) return '-';
  return `×${(value / reference).toFixed(2)}`;
}
