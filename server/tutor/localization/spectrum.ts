// Spectrum-based localization: which lines the failing cases ran and the passing ones did not. Each line gets the
// Ochiai score, ef / sqrt(F × (ef + ep)), where ef and ep are the failing and passing cases that ran it and F is the
// number of failing cases: 1 for a line every failing case runs and no passing case does, 0 for a line no failing
// case runs. Pure functions.

/** One case as the spectrum sees it: the lines of the learner's file it ran, and whether it failed. */
export interface CaseSpectrum {
  lines: readonly number[];
  failed: boolean;
}

export interface LineScore {
  line: number;
  score: number;
  /** Failing and passing cases that ran the line. */
  failing: number;
  passing: number;
}

export function ochiai(failingRan: number, passingRan: number, totalFailing: number): number {
  if (failingRan === 0 || totalFailing === 0) return 0;
  return failingRan / Math.sqrt(totalFailing * (failingRan + passingRan));
}

/** Every line some case ran, most suspicious first (ties: the earlier line first). */
export function rankLines(cases: readonly CaseSpectrum[]): LineScore[] {
  const totalFailing = cases.filter((c) => c.failed).length;
  const counts = new Map<number, { failing: number; passing: number }>();
  for (const c of cases) {
    for (const line of new Set(c.lines)) {
      const count = counts.get(line) ?? { failing: 0, passing: 0 };
      if (c.failed) count.failing += 1;
      else count.passing += 1;
      counts.set(line, count);
    }
  }
  return [...counts.entries()]
    .map(([line, { failing, passing }]) => ({ line, failing, passing, score: ochiai(failing, passing, totalFailing) }))
    .sort((a, b) => b.score - a.score || a.line - b.line);
}

/**
 * The lines the spectrum singles out: those with the top score among the lines that tell cases apart, when at most
 * `max` lines share it. A line every case ran (the `def` line, the first statements) tells nothing; without a passing
 * case nothing does; and when many lines tie, pointing at one of them would be a guess. Then this is empty.
 */
export function singledOut(ranked: readonly LineScore[], max = 3): LineScore[] {
  const everyCase = Math.max(0, ...ranked.map((l) => l.failing + l.passing));
  if (!ranked.some((l) => l.passing > 0)) return [];
  const telling = ranked.filter((l) => l.failing + l.passing < everyCase && l.score > 0);
  const top = telling[0];
  if (!top) return [];
  const tied = telling.filter((l) => l.score === top.score);
  return tied.length <= max ? tied : [];
}
