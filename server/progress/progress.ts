// A learner's progress per exercise: attempts, when it was first solved, and the best result so far.
// `progressAfterGrading` is the rule, as SQL, so that it runs in the very statement that stores the verdict.
import { Prisma } from "../database/client";
import type { Progress, Submission } from "../database/generated/client";
import { NOW_UTC } from "../database/sql";

/**
 * Counts the submissions in `graded` (rows of "Submission") as attempts. Best means most tests passed; a later
 * equal score does not replace an earlier one. Two workers may finish the same learner's submissions at once: ON
 * CONFLICT DO UPDATE locks the learner's row and reads its latest version, so neither attempt is lost.
 */
export function progressAfterGrading(graded: Prisma.Sql): Prisma.Sql {
  const better = Prisma.sql`(p."bestVerdict" IS NULL OR EXCLUDED."bestPassed" > p."bestPassed")`;
  return Prisma.sql`
    INSERT INTO "Progress" AS p ("userId", "exerciseId", attempts, "firstSolvedAt", "bestPassed", "bestTotal", "bestVerdict", "lastSubmissionId", "updatedAt")
    SELECT g."userId", g."exerciseId", 1, CASE WHEN g.verdict = 'passed' THEN COALESCE(g."finishedAt", ${NOW_UTC}) END,
           COALESCE(g."passedCount", 0), COALESCE(g."totalCount", 0), COALESCE(g.verdict, 'internal-error'), g.id, ${NOW_UTC}
    FROM ${graded} g
    ON CONFLICT ("userId", "exerciseId") DO UPDATE SET
      attempts = p.attempts + 1,
      "firstSolvedAt" = COALESCE(p."firstSolvedAt", EXCLUDED."firstSolvedAt"),
      "bestPassed" = CASE WHEN ${better} THEN EXCLUDED."bestPassed" ELSE p."bestPassed" END,
      "bestTotal" = CASE WHEN ${better} THEN EXCLUDED."bestTotal" ELSE p."bestTotal" END,
      "bestVerdict" = CASE WHEN ${better} THEN EXCLUDED."bestVerdict" ELSE p."bestVerdict" END,
      "lastSubmissionId" = EXCLUDED."lastSubmissionId",
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING p.*`;
}

/** Counts a stored, graded submission (e.g. when progress is rebuilt from history), by the same rule. */
export async function recordGradedSubmission(tx: Prisma.TransactionClient, submission: Submission): Promise<Progress> {
  const rows = await tx.$queryRaw<Progress[]>(progressAfterGrading(Prisma.sql`(SELECT * FROM "Submission" WHERE id = ${submission.id}::uuid)`));
  return rows[0]!;
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
