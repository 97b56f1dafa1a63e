// The grade outbox: learners' results bound for LMS gradebooks (AGS), as rows of "LtiScore" in PostgreSQL. A verdict
// that improves a learner's result on a resource link with a line item writes its row in the very statement that
// stores the verdict (`ltiScoresAfterGrading`, run by completeGrading next to the progress update), so a crash
// between grading and sending loses nothing; score-sender.ts sends the rows with retries. Grading never waits for an
// LMS. The rules, in SQL because they run inside that statement:
//   - An exercise link's score is the submission's passed cases over its cases. A set link's ("a set launched as
//     one assignment") is the exercises of the set the learner has solved over the exercises the set has.
//   - A row only ever improves: a new score replaces the queued one when its share is higher, so an older, worse
//     result never overwrites a better one, whatever order the verdicts arrive in. Nothing is sent before a first
//     case passes (a zero would look like a grade before the learner had a go).
//   - The timestamp is the submission's time, or the queued score's if that is later (a better submission graded
//     after a newer one): a platform ignores a score older than the last it accepted, as AGS tells it to.
//   - A row that is still pending keeps its schedule: the newer score leaves with the next attempt, and one row is
//     never sent by two senders at once.
import { Prisma, type Database } from "../database/client";
import type { LtiScore } from "../database/generated/client";
import { NOW_UTC } from "../database/sql";
import { SCOPE } from "./service-token";

/** A data-modifying statement over `graded` (the submissions just graded): queues each improved LMS score. */
export function ltiScoresAfterGrading(graded: Prisma.Sql): Prisma.Sql {
  const solvedInSet = Prisma.sql`(SELECT count(*) FROM "Exercise" se WHERE se."setName" = e."setName" AND se.available AND (
      (se.id = g."exerciseId" AND g.verdict = 'passed')
      OR EXISTS (SELECT 1 FROM "Progress" p WHERE p."userId" = g."userId" AND p."exerciseId" = se.id AND p."firstSolvedAt" IS NOT NULL)))::int`;
  const setSize = Prisma.sql`(SELECT count(*) FROM "Exercise" se WHERE se."setName" = e."setName" AND se.available)::int`;
  return Prisma.sql`
    INSERT INTO "LtiScore" AS o ("resourceLinkId", "userId", "scoreGiven", "scoreMaximum", "activityProgress", "gradingProgress", timestamp, "pendingSince", "nextAttemptAt")
    SELECT c."resourceLinkId", c."userId", c.given, c.maximum, CASE WHEN c.given >= c.maximum THEN 'Completed' ELSE 'InProgress' END,
           'FullyGraded', c.at, ${NOW_UTC}, ${NOW_UTC}
    FROM (
      SELECT l.id AS "resourceLinkId", g."userId", g."createdAt" AS at,
             CASE WHEN l."targetKind" = 'exercise' THEN COALESCE(g."passedCount", 0) ELSE ${solvedInSet} END AS given,
             CASE WHEN l."targetKind" = 'exercise' THEN COALESCE(g."totalCount", 0) ELSE ${setSize} END AS maximum
      FROM ${graded} g
      JOIN "Exercise" e ON e.id = g."exerciseId"
      JOIN "LtiLinkLaunch" launched ON launched."userId" = g."userId"
      JOIN "LtiResourceLink" l ON l.id = launched."resourceLinkId"
      WHERE (l."lineItemUrl" IS NOT NULL OR l."lineItemsUrl" IS NOT NULL) AND ${SCOPE.score} = ANY(l."agsScopes")
        AND ((l."targetKind" = 'exercise' AND l.target = g."exerciseId") OR (l."targetKind" = 'set' AND l.target = e."setName"))
    ) c
    WHERE c.given > 0 AND c.maximum > 0
    ON CONFLICT ("resourceLinkId", "userId") DO UPDATE SET
      "scoreGiven" = EXCLUDED."scoreGiven",
      "scoreMaximum" = EXCLUDED."scoreMaximum",
      "activityProgress" = EXCLUDED."activityProgress",
      timestamp = GREATEST(EXCLUDED.timestamp, o.timestamp),
      version = o.version + 1,
      "pendingSince" = COALESCE(o."pendingSince", EXCLUDED."pendingSince"),
      "nextAttemptAt" = CASE WHEN o."pendingSince" IS NULL THEN EXCLUDED."nextAttemptAt" ELSE o."nextAttemptAt" END
    WHERE EXCLUDED."scoreGiven"::bigint * o."scoreMaximum" > o."scoreGiven"::bigint * EXCLUDED."scoreMaximum"
    RETURNING o."resourceLinkId"`;
}

/**
 * Takes up to `limit` due scores for this sender: each is pushed `leaseMs` into the future, so another sender leaves
 * it alone while this one sends, and a sender that dies mid-send lets it come due again.
 */
export async function claimDueScores(db: Database, limit: number, leaseMs: number): Promise<LtiScore[]> {
  return db.$queryRaw<LtiScore[]>`
    WITH due AS (
      SELECT "resourceLinkId", "userId" FROM "LtiScore"
      WHERE "pendingSince" IS NOT NULL AND "nextAttemptAt" <= ${NOW_UTC}
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "LtiScore" s SET "nextAttemptAt" = ${NOW_UTC} + ${leaseMs} * interval '1 millisecond', "lastAttemptAt" = ${NOW_UTC}
    FROM due WHERE s."resourceLinkId" = due."resourceLinkId" AND s."userId" = due."userId"
    RETURNING s.*`;
}

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** How long the attempts of a score are kept once a later one succeeded: what an admin needs to see what went wrong. */
const ATTEMPT_LOG_DAYS = 30;

/**
 * Records an attempt at sending `score` (the version claimed). A success marks that version sent (and if a better
 * score arrived meanwhile it is due at once) and drops the row's attempts older than ATTEMPT_LOG_DAYS; a failure
 * keeps the row pending for `retryInMs`.
 */
export async function recordAttempt(db: Database, score: Pick<LtiScore, "resourceLinkId" | "userId" | "version">, outcome: AttemptOutcome, retryInMs: number): Promise<void> {
  const row = Prisma.sql`"resourceLinkId" = ${score.resourceLinkId}::uuid AND "userId" = ${score.userId}::uuid`;
  await db.$transaction([
    outcome.ok
      ? db.$executeRaw`UPDATE "LtiScore" SET "sentAt" = ${NOW_UTC}, "sentVersion" = ${score.version}, attempts = 0, "lastError" = NULL,
          "pendingSince" = CASE WHEN version = ${score.version} THEN NULL ELSE "pendingSince" END, "nextAttemptAt" = ${NOW_UTC}
          WHERE ${row}`
      : db.$executeRaw`UPDATE "LtiScore" SET attempts = attempts + 1, "lastError" = ${outcome.error},
          "nextAttemptAt" = ${NOW_UTC} + ${retryInMs} * interval '1 millisecond' WHERE ${row}`,
    db.ltiScoreAttempt.create({ data: { resourceLinkId: score.resourceLinkId, userId: score.userId, version: score.version, ok: outcome.ok, status: outcome.status, error: outcome.error } }),
    ...(outcome.ok ? [db.ltiScoreAttempt.deleteMany({ where: { resourceLinkId: score.resourceLinkId, userId: score.userId, at: { lt: new Date(Date.now() - ATTEMPT_LOG_DAYS * 86400_000) } } })] : []),
  ]);
}

/** How long to wait after the n-th failed attempt in a row: doubling from `firstMs`, at most an hour. An LMS outage never drops a score. */
export function retryDelayMs(failures: number, firstMs: number): number {
  return Math.min(3600_000, firstMs * 2 ** Math.max(0, Math.min(20, failures - 1)));
}

export interface GradesOutboxStatus {
  /** Scores not yet accepted by the LMS. */
  pending: number;
  /** Of those, the ones whose last attempt failed; lastError is the latest of their errors. */
  failing: number;
  sent: number;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** What an instructor reads on the course page: grades waiting for the LMS of this course's links, and why. */
export async function gradesOutboxStatus(db: Database, courseId: string): Promise<GradesOutboxStatus> {
  const scores = { resourceLink: { context: { courseId } } };
  const [pending, failing, sent, lastFailure] = await Promise.all([
    db.ltiScore.count({ where: { ...scores, pendingSince: { not: null } } }),
    db.ltiScore.count({ where: { ...scores, pendingSince: { not: null }, lastError: { not: null } } }),
    db.ltiScore.count({ where: { ...scores, sentAt: { not: null } } }),
    db.ltiScore.findFirst({ where: { ...scores, pendingSince: { not: null }, lastError: { not: null } }, orderBy: { lastAttemptAt: "desc" } }),
  ]);
  return { pending, failing, sent, lastError: lastFailure?.lastError ?? null, lastErrorAt: lastFailure?.lastAttemptAt?.toISOString() ?? null };
}
