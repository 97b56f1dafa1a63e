// Pure arithmetic for the grading benchmark: percentiles, rates and the lines it prints.

/** The nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export interface LatencyFigures {
  count: number;
  p50Ms: number;
  p95Ms: number;
}

export function latencyFigures(latenciesMs: readonly number[]): LatencyFigures {
  return { count: latenciesMs.length, p50Ms: percentile(latenciesMs, 50), p95Ms: percentile(latenciesMs, 95) };
}

export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : Number.NaN;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** What a run of submissions delivered: each id must get exactly one verdict. */
export function deliveryCounts(submitted: readonly string[], verdicts: readonly string[]): { lost: number; duplicated: number; unknown: number } {
  const expected = new Set(submitted);
  const seen = new Map<string, number>();
  for (const id of verdicts) seen.set(id, (seen.get(id) ?? 0) + 1);
  let duplicated = 0;
  let unknown = 0;
  for (const [id, n] of seen) {
    if (!expected.has(id)) unknown += n;
    else if (n > 1) duplicated += n - 1;
  }
  const lost = [...expected].filter((id) => !seen.has(id)).length;
  return { lost, duplicated, unknown };
}
