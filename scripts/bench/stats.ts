/**
 * Sampling and reporting helpers. The bench machine is noisy, so contenders are interleaved
 * (alternating order every round, after warm-up rounds) and summarised by median and IQR.
 */

/** One thing being timed; `sample` returns one measurement in ms (per image, per run, ...). */
export interface Contender {
  name: string;
  sample(): Promise<number>;
}

/** Median and quartiles of the kept samples, plus the samples for bench.json. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  samples: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Summarises raw samples. */
export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75), samples };
}

/**
 * Runs `warmup + rounds` rounds; each round samples every contender once, in forward order on
 * even rounds and reversed on odd ones, so drift and order effects hit all contenders alike.
 * Warm-up samples are dropped.
 */
export async function interleave(contenders: Contender[], warmup: number, rounds: number): Promise<Record<string, Summary>> {
  const kept: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    const order = r % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      const ms = await c.sample();
      if (r >= warmup) kept[c.name]!.push(ms);
    }
  }
  return Object.fromEntries(Object.entries(kept).map(([name, s]) => [name, summarise(s)]));
}

/** "12.3 ±0.4": median and half the interquartile range, in ms (no ± for derived values). */
export function fmt(s: Summary | undefined, digits = 1): string {
  if (!s) return "-";
  if (s.samples.length < 2) return s.median.toFixed(digits);
  return `${s.median.toFixed(digits)} ±${((s.p75 - s.p25) / 2).toFixed(digits)}`;
}

/** Ratio of two medians, "2.31x". */
export function ratio(a: Summary | undefined, b: Summary | undefined): string {
  return a && b && b.median > 0 ? `${(a.median / b.median).toFixed(2)}x` : "-";
}

/** Plain-text table, columns padded; the first `left` columns left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: string[][], left = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
