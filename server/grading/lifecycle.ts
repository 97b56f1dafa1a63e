// A submission's life in the durable queue, as transitions: queued -> running -> graded | failed_to_grade,
// with running -> queued when grading must wait (Docker down) or a lease expires (a worker died). Each
// transition is one function and one SQL statement (so one transaction, and one round trip on the critical
// path): it records an event, and checks the state it starts from, so a stale worker can never overwrite
// another's result.
import { randomUUID } from "node:crypto";
import type { Database } from "../database/client";
import { Prisma } from "../database/client";
import type { Submission } from "../database/generated/client";
import { NOW_UTC } from "../database/sql";
import type { GradeResult } from "./grade";
import { storableJson } from "./observation";

export const QUEUE_CHANNEL = "tutor_submission_queued";

/** How many submissions created before `createdAt` are still waiting or being graded. */
function countAhead(createdAt: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int FROM "Submission" ahead WHERE ahead.state IN ('queued', 'running') AND ahead."createdAt" < ${createdAt}`;
}

export interface NewSubmission {
  userId: string;
  exerciseId: string;
  code: string;
}

export interface QueuedSubmission {
  submission: Submission;
  /** How many submissions are waiting ahead of it. */
  queuePosition: number;
}

export async function enqueueSubmission(db: Database, input: NewSubmission): Promise<QueuedSubmission> {
  // pg_notify wakes workers listening on any machine once the statement commits; the row is the durable record.
  const rows = await db.$queryRaw<(Submission & { queuePosition: number })[]>`
    WITH submission AS (
      INSERT INTO "Submission" (id, "userId", "exerciseId", code, state, "runAfter", "createdAt")
      VALUES (${randomUUID()}::uuid, ${input.userId}::uuid, ${input.exerciseId}, ${input.code}, 'queued', ${NOW_UTC}, ${NOW_UTC})
      RETURNING *
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, at) SELECT id, 'queued', ${NOW_UTC} FROM submission
    )
    SELECT submission.*, (${countAhead(Prisma.sql`submission."createdAt"`)}) AS "queuePosition"
    FROM submission, pg_notify(${QUEUE_CHANNEL}, submission.id::text)`;
  const { queuePosition, ...submission } = rows[0]!;
  return { submission, queuePosition };
}

export interface ClaimedSubmission {
  id: string;
  userId: string;
  exerciseId: string;
  code: string;
  gradingAttempts: number;
  resumed: boolean;
}

/** Takes the oldest due submission (or one whose worker's lease expired) and leases it to this worker. */
export async function claimNextSubmission(db: Database, workerId: string, leaseMs: number): Promise<ClaimedSubmission | null> {
  const rows = await db.$queryRaw<ClaimedSubmission[]>`
    WITH next AS (
      SELECT id, state AS "previousState" FROM "Submission"
      WHERE (state = 'queued' AND "runAfter" <= ${NOW_UTC})
         OR (state = 'running' AND "leaseExpiresAt" < ${NOW_UTC})
      ORDER BY "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "Submission" s
      SET state = 'running', "leaseOwner" = ${workerId},
          "leaseExpiresAt" = ${NOW_UTC} + ${leaseMs} * interval '1 millisecond',
          "startedAt" = ${NOW_UTC}, "gradingAttempts" = s."gradingAttempts" + 1
      FROM next WHERE s.id = next.id
      RETURNING s.id, s."userId", s."exerciseId", s.code, s."gradingAttempts", next."previousState" = 'running' AS resumed
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, detail, at)
      SELECT id, CASE WHEN resumed THEN 'resumed' ELSE 'running' END,
             jsonb_build_object('workerId', ${workerId}::text, 'attempt', "gradingAttempts"), ${NOW_UTC}
      FROM claimed
    )
    SELECT * FROM claimed`;
  return rows[0] ?? null;
}

/** Extends this worker's lease; false if the submission is no longer this worker's to finish. */
export async function renewLease(db: Database, id: string, workerId: string, leaseMs: number): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "Submission" SET "leaseExpiresAt" = ${NOW_UTC} + ${leaseMs} * interval '1 millisecond'
    WHERE id = ${id}::uuid AND state = 'running' AND "leaseOwner" = ${workerId}`;
  return updated === 1;
}

/**
 * One statement that applies `change` (a SET list) to the submission only while this worker holds its lease, and
 * records the event. Under READ COMMITTED an UPDATE re-checks its WHERE on the row's latest version after waiting
 * for a concurrent writer, so a worker whose lease was taken over finds no row and changes nothing.
 */
function transition(id: string, workerId: string, change: Prisma.Sql, kind: string, detail: Prisma.Sql, alsoWith: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    WITH changed AS (
      UPDATE "Submission" SET ${change}, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
      WHERE id = ${id}::uuid AND state = 'running' AND "leaseOwner" = ${workerId}
      RETURNING *
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, detail, at) SELECT id, ${kind}, ${detail}, ${NOW_UTC} FROM changed
    )${alsoWith}
    SELECT * FROM changed`;
}

/**
 * What else changes with a verdict, in the same statement: a data-modifying statement over `graded`, the relation
 * holding the submission row just graded (e.g. the learner's progress).
 */
export type AfterGraded = (graded: Prisma.Sql) => Prisma.Sql;

/** Stores the verdict, and what `afterGraded` changes with it, atomically. Null if the lease was lost. */
export async function completeGrading(db: Database, id: string, workerId: string, result: GradeResult, afterGraded: AfterGraded): Promise<Submission | null> {
  // PostgreSQL's jsonb refuses NUL characters and lone surrogates, which a learner's output may hold.
  const results = JSON.stringify(storableJson(result.tests));
  const observations = JSON.stringify(storableJson(result.observations));
  const rows = await db.$queryRaw<Submission[]>(
    transition(
      id,
      workerId,
      Prisma.sql`state = 'graded', verdict = ${result.status}, message = ${result.message}, results = ${results}::jsonb,
        observations = ${observations}::jsonb, "passedCount" = ${result.passedCount}::int, "totalCount" = ${result.totalCount}::int,
        "durationMs" = ${result.durationMs}::int, "finishedAt" = ${NOW_UTC}`,
      "graded",
      Prisma.sql`jsonb_build_object('verdict', ${result.status}::text, 'passed', ${result.passedCount}::int, 'total', ${result.totalCount}::int, 'workerId', ${workerId}::text)`,
      Prisma.sql`, after_graded AS (${afterGraded(Prisma.sql`changed`)})`,
    ),
  );
  return rows[0] ?? null;
}

/** Puts the submission back in the queue to be tried again after `delayMs` (e.g. while Docker is down). */
export async function postponeGrading(db: Database, id: string, workerId: string, reason: string, delayMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<Submission[]>(
    transition(
      id,
      workerId,
      Prisma.sql`state = 'queued', "runAfter" = ${NOW_UTC} + ${delayMs} * interval '1 millisecond', message = ${reason}`,
      "postponed",
      Prisma.sql`jsonb_build_object('reason', ${reason}::text, 'delayMs', ${delayMs}::numeric, 'workerId', ${workerId}::text)`,
    ),
  );
  return rows.length === 1;
}

/** Gives up on grading: our fault, never the learner's, and said so. */
export async function failGrading(db: Database, id: string, workerId: string, reason: string): Promise<Submission | null> {
  const rows = await db.$queryRaw<Submission[]>(
    transition(
      id,
      workerId,
      Prisma.sql`state = 'failed_to_grade', verdict = 'internal-error', message = ${reason}, "finishedAt" = ${NOW_UTC}`,
      "failed",
      Prisma.sql`jsonb_build_object('reason', ${reason}::text, 'workerId', ${workerId}::text)`,
    ),
  );
  return rows[0] ?? null;
}

/** How many submissions are waiting ahead of this one. */
export async function queuePosition(db: Database, submission: { createdAt: Date }): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`${countAhead(Prisma.sql`${submission.createdAt}::timestamp(3)`)}`;
  return rows[0]!.count;
}
