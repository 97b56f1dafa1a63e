// A learner's progress per exercise: attempts, when it was first solved, and the best result so far.
// `nextProgress` is the rule (pure); `recordGradedSubmission` applies it inside the grading transaction.
import type { Prisma } from "../database/client";
import type { Progress, Submission } from "../database/generated/client";

export interface ProgressState {
  attempts: number;
  firstSolvedAt: Date | null;
  bestPassed: number;
  bestTotal: number;
  bestVerdict: string | null;
}

export const NO_PROGRESS: ProgressState = { attempts: 0, firstSolvedAt: null, bestPassed: 0, bestTotal: 0, bestVerdict: null };

export interface GradedOutcome {
  verdict: string;
  passedCount: number;
  totalCount: number;
  gradedAt: Date;
}

/** Best means most tests passed; a later equal score does not replace an earlier one. */
export function nextProgress(previous: ProgressState, outcome: GradedOutcome): ProgressState {
  const better = previous.bestVerdict === null || outcome.passedCount > previous.bestPassed;
  return {
    attempts: previous.attempts + 1,
    firstSolvedAt: previous.firstSolvedAt ?? (outcome.verdict === "passed" ? outcome.gradedAt : null),
    bestPassed: better ? outcome.passedCount : previous.bestPassed,
    bestTotal: better ? outcome.totalCount : previous.bestTotal,
    bestVerdict: better ? outcome.verdict : previous.bestVerdict,
  };
}

export async function recordGradedSubmission(tx: Prisma.TransactionClient, submission: Submission): Promise<Progress> {
  const key = { userId: submission.userId, exerciseId: submission.exerciseId };
  // Two workers may finish the same learner's submissions at once: serialise the read-modify-write per
  // learner and exercise (the lock ends with the transaction), or one attempt would be lost.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${key.userId}/${key.exerciseId}`}, 0))`;
  const previous = await tx.progress.findUnique({ where: { userId_exerciseId: key } });
  const next = nextProgress(previous ?? NO_PROGRESS, {
    verdict: submission.verdict ?? "internal-error",
    passedCount: submission.passedCount ?? 0,
    totalCount: submission.totalCount ?? 0,
    gradedAt: submission.finishedAt ?? new Date(),
  });
  return tx.progress.upsert({
    where: { userId_exerciseId: key },
    create: { ...key, ...next, lastSubmissionId: submission.id },
    update: { ...next, lastSubmissionId: submission.id },
  });
}

export interface ProgressView {
  attempts: number;
  solved: boolean;
  firstSolvedAt: string | null;
  bestPassed: number;
  bestTotal: number;
  bestVerdict: string | null;
}

export function progressView(p: Progress | null | undefined): ProgressView | null {
  if (!p) return null;
  return {
    attempts: p.attempts,
    solved: p.firstSolvedAt !== null,
    firstSolvedAt: p.firstSolvedAt?.toISOString() ?? null,
    bestPassed: p.bestPassed,
    bestTotal: p.bestTotal,
    bestVerdict: p.bestVerdict,
  };
}
