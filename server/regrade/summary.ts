// What a regrade did, from each regraded submission's verdict before and after: how many are done, how many
// verdicts changed, and which learners went from failed to passed or back. Pure: rows in, the summary out.

export interface RegradedSubmission {
  userId: string;
  /** Graded again (or given up on): `after` is its new verdict. */
  finished: boolean;
  before: string | null;
  after: string | null;
}

export interface RegradeCounts {
  queuedCount: number;
  regradedCount: number;
  done: boolean;
  /** Finished submissions whose verdict is not the one they had. */
  changedCount: number;
  /** Learners none of whose regraded submissions passed before and one of which passes now. */
  nowPassing: string[];
  /** Learners one of whose regraded submissions passed before and none of which passes now. */
  nowFailing: string[];
}

const PASSED = "passed";

/**
 * A learner flips only once all of their regraded submissions are done, so that the lists only ever grow while a
 * regrade runs. With each learner's latest submission regraded, that is whether their final work passes.
 */
export function summarizeRegrade(items: RegradedSubmission[]): RegradeCounts {
  const finished = items.filter((i) => i.finished);
  const byLearner = new Map<string, RegradedSubmission[]>();
  for (const item of items) byLearner.set(item.userId, [...(byLearner.get(item.userId) ?? []), item]);
  const nowPassing: string[] = [];
  const nowFailing: string[] = [];
  for (const [userId, own] of byLearner) {
    if (!own.every((i) => i.finished)) continue;
    const before = own.some((i) => i.before === PASSED);
    const after = own.some((i) => i.after === PASSED);
    if (!before && after) nowPassing.push(userId);
    if (before && !after) nowFailing.push(userId);
  }
  return {
    queuedCount: items.length,
    regradedCount: finished.length,
    done: finished.length === items.length,
    changedCount: finished.filter((i) => i.after !== i.before).length,
    nowPassing,
    nowFailing,
  };
}
