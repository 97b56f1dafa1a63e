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

/**
 * The verdicts of `g`'s learner on `g`'s exercise with `g` (a submission just regraded) as it is now: (verdict,
 * passed, total, finishedAt, createdAt). A submission still waiting for its own regrade counts with the verdict it
 * holds. What a regrade's follow-on changes (progress here, the LMS score in server/lti/) are rebuilt from.
 */
export const learnerVerdicts = Prisma.sql`
    SELECT s.verdict, COALESCE(s."passedCount", 0) AS passed, COALESCE(s."totalCount", 0) AS total, s."finishedAt", s."createdAt"
    FROM "Submission" s
    WHERE s."userId" = g."userId" AND s."exerciseId" = g."exerciseId" AND s.id <> g.id
      AND s.verdict IS NOT NULL AND s.state <> 'failed_to_grade'
    UNION ALL
    SELECT g.verdict, COALESCE(g."passedCount", 0), COALESCE(g."totalCount", 0), g."finishedAt", g."createdAt"`;

/**
 * After a regrade's verdict (in `graded`): the learner's best result and first solve, recomputed from every
 * submission of theirs on the exercise that holds a verdict, the new one instead of its earlier one. A regrade is
 * not an attempt, so attempts stay; a learner whose only passing submission now fails is no longer solved, and one
 * whose submission now passes is solved from when it was first graded (finishedAt, which a regrade leaves). A
 * submission still waiting for its own regrade counts with the verdict it holds until then (only a graded one, or one
 * queued again by a regrade, holds a verdict outside failed_to_grade). The statement must
 * start after `lockProgress` (see lifecycle.ts's AfterGraded): it reads the learner's other submissions.
 */
export function progressAfterRegrade(graded: Prisma.Sql): Prisma.Sql {
  // Best means most tests passed, the earliest such submission on a tie, as progressAfterGrading keeps it.
  const best = (column: string) => Prisma.raw(`(array_agg(v.${column} ORDER BY v.passed DESC, v."createdAt"))[1]`);
  return Prisma.sql`
    UPDATE "Progress" p SET "firstSolvedAt" = r."firstSolvedAt", "bestPassed" = r."bestPassed", "bestTotal" = r."bestTotal",
      "bestVerdict" = r."bestVerdict", "updatedAt" = ${NOW_UTC}
    FROM ${graded} g CROSS JOIN LATERAL (
      SELECT min(v."finishedAt") FILTER (WHERE v.verdict = 'passed') AS "firstSolvedAt",
             ${best("passed")} AS "bestPassed", ${best("total")} AS "bestTotal", ${best("verdict")} AS "bestVerdict"
      FROM (${learnerVerdicts}) v
    ) r
    WHERE p."userId" = g."userId" AND p."exerciseId" = g."exerciseId"
    RETURNING p.*`;
}

/** Holds the learner's progress on the exercise until the transaction ends, so that rebuilds of it take turns. */
export function lockProgress(submission: { userId: string; exerciseId: string }): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM "Progress" WHERE "userId" = ${submission.userId}::uuid AND "exerciseId" = ${submission.exerciseId} FOR UPDATE`;
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
