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
//   - A regrade (the exercise changed) is the exception: `ltiScoresAfterRegrade` sends what the learner's
//     submissions are worth now, lower or higher, dated at the regrade.
//   - The timestamp is the submission's time, or the queued score's if that is later (a better submission graded
//     after a newer one): a platform ignores a score older than the last it accepted, as AGS tells it to.
//   - A row that is still pending keeps its schedule: the newer score leaves with the next attempt, and one row is
//     never sent by two senders at once.
import { Prisma, type Database } from "../database/client";
import type { LtiScore } from "../database/generated/client";
import { NOW_UTC } from "../database/sql";
import { learnerVerdicts } from "../progress/progress";
import { SCOPE } from "./service-token";

/** A data-modifying statement over `graded` (the submissions just graded): queues each improved LMS score. */
export function ltiScoresAfterGrading(graded: Prisma.Sql): Prisma.Sql {
  const solvedHere = Prisma.sql`(g.verdict = 'passed' OR EXISTS (SELECT 1 FROM "Progress" p WHERE p."userId" = g."userId" AND p."exerciseId" = g."exerciseId" AND p."firstSolvedAt" IS NOT NULL))`;
  return queueScores(graded, {
    exerciseScore: { given: Prisma.sql`COALESCE(g."passedCount", 0)`, maximum: Prisma.sql`COALESCE(g."totalCount", 0)` },
    solvedHere,
    at: Prisma.sql`g."createdAt"`,
    // Only ever up: an older, worse verdict never overwrites a better one, whatever order they arrive in.
    replaces: Prisma.sql`EXCLUDED."scoreGiven"::bigint * o."scoreMaximum" > o."scoreGiven"::bigint * EXCLUDED."scoreMaximum"`,
    sendsZero: false,
  });
}

/**
 * The same for a regrade's verdict (after the exercise changed): the learner's result is what their submissions
 * are worth now, so the LMS gets it even when it is lower (a lenient case was fixed), dated now, so that the LMS
 * takes it over the score it holds. Like progressAfterRegrade, it reads the learner's other submissions, so it runs
 * after lockProgress.
 */
export function ltiScoresAfterRegrade(graded: Prisma.Sql): Prisma.Sql {
  const verdicts = Prisma.sql`(${learnerVerdicts})`;
  const best = (column: string) => Prisma.sql`(SELECT (array_agg(v.${Prisma.raw(column)} ORDER BY v.passed DESC, v."createdAt"))[1] FROM ${verdicts} v)`;
  return queueScores(graded, {
    exerciseScore: { given: best("passed"), maximum: best("total") },
    solvedHere: Prisma.sql`EXISTS (SELECT 1 FROM ${verdicts} v WHERE v.verdict = 'passed')`,
    at: NOW_UTC,
    replaces: Prisma.sql`(EXCLUDED."scoreGiven", EXCLUDED."scoreMaximum") IS DISTINCT FROM (o."scoreGiven", o."scoreMaximum")`,
    sendsZero: true,
  });
}

interface ScoreRule {
  /** An exercise link's score, over `g` (the graded submission). */
  exerciseScore: { given: Prisma.Sql; maximum: Prisma.Sql };
  /** Whether `g`'s exercise counts as solved, for a set link's share. */
  solvedHere: Prisma.Sql;
  /** The score's timestamp. */
  at: Prisma.Sql;
  /** When a new score replaces the row's (`EXCLUDED`, `o`). */
  replaces: Prisma.Sql;
  /** Whether a score of zero is sent over one already queued or sent (never as a learner's first). */
  sendsZero: boolean;
}

/** Queues, for every graded link `g`'s learner launched, the score `rule` gives, in the outbox's one shape. */
function queueScores(graded: Prisma.Sql, rule: ScoreRule): Prisma.Sql {
  const solvedInSet = Prisma.sql`(SELECT count(*) FROM "Exercise" se WHERE se."setName" = e."setName" AND se.available AND (
      (se.id = g."exerciseId" AND ${rule.solvedHere})
      OR (se.id <> g."exerciseId" AND EXISTS (SELECT 1 FROM "Progress" p WHERE p."userId" = g."userId" AND p."exerciseId" = se.id AND p."firstSolvedAt" IS NOT NULL))))::int`;
  const setSize = Prisma.sql`(SELECT count(*) FROM "Exercise" se WHERE se."setName" = e."setName" AND se.available)::int`;
  const worthSending = rule.sendsZero
    ? Prisma.sql`(c.given > 0 OR EXISTS (SELECT 1 FROM "LtiScore" x WHERE x."resourceLinkId" = c."resourceLinkId" AND x."userId" = c."userId"))`
    : Prisma.sql`c.given > 0`;
  return Prisma.sql`
    INSERT INTO "LtiScore" AS o ("resourceLinkId", "userId", "scoreGiven", "scoreMaximum", "activityProgress", "gradingProgress", timestamp, "pendingSince", "nextAttemptAt")
    SELECT c."resourceLinkId", c."userId", c.given, c.maximum, CASE WHEN c.given >= c.maximum THEN 'Completed' ELSE 'InProgress' END,
           'FullyGraded', c.at, ${NOW_UTC}, ${NOW_UTC}
    FROM (
      SELECT l.id AS "resourceLinkId", g."userId", ${rule.at} AS at,
             CASE WHEN l."targetKind" = 'exercise' THEN ${rule.exerciseScore.given} ELSE ${solvedInSet} END AS given,
             CASE WHEN l."targetKind" = 'exercise' THEN ${rule.exerciseScore.maximum} ELSE ${setSize} END AS maximum
      FROM ${graded} g
      JOIN "Exercise" e ON e.id = g."exerciseId"
      JOIN "LtiLinkLaunch" launched ON launched."userId" = g."userId"
      JOIN "LtiResourceLink" l ON l.id = launched."resourceLinkId"
      WHERE (l."lineItemUrl" IS NOT NULL OR l."lineItemsUrl" IS NOT NULL) AND ${SCOPE.score} = ANY(l."agsScopes")
        AND ((l."targetKind" = 'exercise' AND l.target = g."exerciseId") OR (l."targetKind" = 'set' AND l.target = e."setName"))
    ) c
    WHERE c.maximum > 0 AND ${worthSending}
    ON CONFLICT ("resourceLinkId", "userId") DO UPDATE SET
      "scoreGiven" = EXCLUDED."scoreGiven",
      "scoreMaximum" = EXCLUDED."scoreMaximum",
      "activityProgress" = EXCLUDED."activityProgress",
      timestamp = GREATEST(EXCLUDED.timestamp, o.timestamp),
      version = o.version + 1,
      "pendingSince" = COALESCE(o."pendingSince", EXCLUDED."pendingSince"),
      "nextAttemptAt" = CASE WHEN o."pendingSince" IS NULL THEN EXCLUDED."nextAttemptAt" ELSE o."nextAttemptAt" END
    WHERE ${rule.replaces}
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
