// A submission's life in the durable queue, as the transitions of states.ts: queued -> running -> graded |
// failed_to_grade, with running -> queued when grading must wait (Docker down). A worker that dies leaves its
// submission running; once its lease runs out, another worker's claim takes it over (running -> running, recorded
// as "resumed") and grades it again. Each transition is one function and one SQL statement (so one transaction,
// and one round trip on the critical path): it records its event, and checks the state it starts from (and, once
// running, the lease), so a stale worker can never overwrite another's result. A regrade (graded -> queued, after
// the exercise changed) goes back in the same queue at a lower priority, so learners' new submissions go first.
import { randomUUID } from "node:crypto";
import type { Database } from "../database/client";
import { Prisma } from "../database/client";
import type { SubmissionState as StoredState, Submission } from "../database/generated/client";
import { NOW_UTC } from "../database/sql";
import type { GradeResult } from "./grade";
import { storableJson } from "./observation";
import { type SubmissionEventKind, type SubmissionState, type Transition, TRANSITIONS, UNFINISHED_STATES } from "./states";

export const QUEUE_CHANNEL = "tutor_submission_queued";

/** Claimed highest first, then oldest first: a regrade of a thousand submissions waits behind every learner. */
export const QUEUE_PRIORITY = { submission: 1, regrade: 0 } as const;

// states.ts and prisma/schema.prisma name the same states: this line compiles only while they do.
const statesMatchSchema: [SubmissionState, StoredState] extends [StoredState, SubmissionState] ? true : never = true;

/**
 * A state or event kind from states.ts as an SQL literal. Constant text from our own table, never input (the check
 * below only guards that), so each statement reads the same in PostgreSQL's logs and plans as if written out.
 */
function sqlName(name: SubmissionState | SubmissionEventKind): Prisma.Sql {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not a state or event name: ${name}`);
  return Prisma.raw(`'${name}'`);
}

/** How many submissions still waiting or being graded come before one made at `createdAt` with `priority`. */
function countAhead(createdAt: Prisma.Sql, priority: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int FROM "Submission" ahead WHERE ahead.state IN (${Prisma.join(UNFINISHED_STATES.map(sqlName))})
    AND (ahead.priority > ${priority} OR (ahead.priority = ${priority} AND ahead."createdAt" < ${createdAt}))`;
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
  const { to, event } = TRANSITIONS.enqueue;
  // pg_notify wakes workers listening on any machine once the statement commits; the row is the durable record.
  const rows = await db.$queryRaw<(Submission & { queuePosition: number })[]>`
    WITH submission AS (
      INSERT INTO "Submission" (id, "userId", "exerciseId", code, state, priority, "runAfter", "createdAt")
      VALUES (${randomUUID()}::uuid, ${input.userId}::uuid, ${input.exerciseId}, ${input.code}, ${sqlName(to)}, ${QUEUE_PRIORITY.submission}::int, ${NOW_UTC}, ${NOW_UTC})
      RETURNING *
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, at) SELECT id, ${sqlName(event)}, ${NOW_UTC} FROM submission
    )
    SELECT submission.*, (${countAhead(Prisma.sql`submission."createdAt"`, Prisma.sql`submission.priority`)}) AS "queuePosition"
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
  /** The regrade that put it back in the queue, or null for a learner's new submission. */
  regradeId: string | null;
}

/**
 * Takes the due submission of highest priority, oldest first, and leases it to this worker: a queued one (claim),
 * or one whose worker's lease expired (resume). Both lead to the same state, so one statement makes either.
 */
export async function claimNextSubmission(db: Database, workerId: string, leaseMs: number): Promise<ClaimedSubmission | null> {
  const { claim, resume } = TRANSITIONS;
  const rows = await db.$queryRaw<ClaimedSubmission[]>`
    WITH next AS (
      SELECT id, state AS "previousState" FROM "Submission"
      WHERE (state = ${sqlName(claim.from)} AND "runAfter" <= ${NOW_UTC})
         OR (state = ${sqlName(resume.from)} AND "leaseExpiresAt" < ${NOW_UTC})
      ORDER BY priority DESC, "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "Submission" s
      SET state = ${sqlName(claim.to satisfies typeof resume.to)}, "leaseOwner" = ${workerId},
          "leaseExpiresAt" = ${NOW_UTC} + ${leaseMs} * interval '1 millisecond',
          "startedAt" = ${NOW_UTC}, "gradingAttempts" = s."gradingAttempts" + 1
      FROM next WHERE s.id = next.id
      RETURNING s.id, s."userId", s."exerciseId", s.code, s."gradingAttempts", next."previousState" = ${sqlName(resume.from)} AS resumed, s."regradeId"
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, detail, at)
      SELECT id, CASE WHEN resumed THEN ${sqlName(resume.event)} ELSE ${sqlName(claim.event)} END,
             jsonb_build_object('workerId', ${workerId}::text, 'attempt', "gradingAttempts"), ${NOW_UTC}
      FROM claimed
    )
    SELECT * FROM claimed`;
  return rows[0] ?? null;
}

/** The state a worker holds a lease in: a claim leads to it, and only the lease's holder moves the submission on. */
const LEASED = TRANSITIONS.claim.to;

/** Extends this worker's lease; false if the submission is no longer this worker's to finish. */
export async function renewLease(db: Database, id: string, workerId: string, leaseMs: number): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "Submission" SET "leaseExpiresAt" = ${NOW_UTC} + ${leaseMs} * interval '1 millisecond'
    WHERE id = ${id}::uuid AND state = ${sqlName(LEASED)} AND "leaseOwner" = ${workerId}`;
  return updated === 1;
}

/**
 * One statement that makes transition `t` (out of the leased state), also applying `change` (a SET list), only
 * while this worker holds the lease, and records the event. Under READ COMMITTED an UPDATE re-checks its WHERE on
 * the row's latest version after waiting for a concurrent writer, so a worker whose lease was taken over finds no
 * row and changes nothing.
 */
function transition(
  t: Transition & { from: typeof LEASED; event: SubmissionEventKind },
  id: string,
  workerId: string,
  change: Prisma.Sql,
  detail: Prisma.Sql,
  alsoWith: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  return Prisma.sql`
    WITH changed AS (
      UPDATE "Submission" SET state = ${sqlName(t.to)}, ${change}, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
      WHERE id = ${id}::uuid AND state = ${sqlName(t.from)} AND "leaseOwner" = ${workerId}
      RETURNING *
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, detail, at) SELECT id, ${sqlName(t.event)}, ${detail}, ${NOW_UTC} FROM changed
    )${alsoWith}
    SELECT * FROM changed`;
}

/**
 * What else changes with a verdict, in the same statement: data-modifying statements over `graded`, the relation
 * holding the submission row just graded (e.g. the learner's progress, a score bound for an LMS), and optionally
 * `lock`, a statement run first in the same transaction. A rule that recomputes from the learner's other submissions needs it: one
 * statement sees the database as it was when it began, so two verdicts stored at once would each miss the other's;
 * with the lock taken first, the statement begins after the other has committed.
 */
export interface AfterGraded {
  changes: readonly [(graded: Prisma.Sql) => Prisma.Sql, ...((graded: Prisma.Sql) => Prisma.Sql)[]];
  lock?: (submission: { userId: string; exerciseId: string }) => Prisma.Sql;
}

/**
 * Stores the verdict, graded against the exercise's version `contentHash`, and what `after` changes with it,
 * atomically. Null if the lease was lost. `finishedAt` keeps the first grading's time: a regrade (recorded in
 * `regradedAt`) must not make a learner's work look late or newly solved.
 */
export async function completeGrading(
  db: Database,
  job: { id: string; userId: string; exerciseId: string },
  workerId: string,
  result: GradeResult,
  contentHash: string,
  after: AfterGraded,
): Promise<Submission | null> {
  // PostgreSQL's jsonb refuses NUL characters and lone surrogates, which a learner's output may hold.
  const results = JSON.stringify(storableJson(result.tests));
  const observations = JSON.stringify(storableJson(result.observations));
  const statement = transition(
    TRANSITIONS.complete,
    job.id,
    workerId,
    Prisma.sql`verdict = ${result.status}, message = ${result.message}, results = ${results}::jsonb,
      observations = ${observations}::jsonb, "passedCount" = ${result.passedCount}::int, "totalCount" = ${result.totalCount}::int,
      "durationMs" = ${result.durationMs}::int, "gradedContentHash" = ${contentHash}, "finishedAt" = COALESCE("finishedAt", ${NOW_UTC}),
      "regradedAt" = CASE WHEN "regradeId" IS NULL THEN NULL ELSE ${NOW_UTC} END`,
    Prisma.sql`jsonb_build_object('verdict', ${result.status}::text, 'passed', ${result.passedCount}::int, 'total', ${result.totalCount}::int, 'contentHash', ${contentHash}::text, 'workerId', ${workerId}::text)`,
    Prisma.sql`, ${Prisma.join(after.changes.map((change, i) => Prisma.sql`${Prisma.raw(`after_graded_${i}`)} AS (${change(Prisma.sql`changed`)})`))}`,
  );
  if (!after.lock) return (await db.$queryRaw<Submission[]>(statement))[0] ?? null;
  const [, rows] = await db.$transaction([db.$executeRaw(after.lock(job)), db.$queryRaw<Submission[]>(statement)]);
  return rows[0] ?? null;
}

/** Puts the submission back in the queue to be tried again after `delayMs` (e.g. while Docker is down). */
export async function postponeGrading(db: Database, id: string, workerId: string, reason: string, delayMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<Submission[]>(
    transition(
      TRANSITIONS.postpone,
      id,
      workerId,
      Prisma.sql`"runAfter" = ${NOW_UTC} + ${delayMs} * interval '1 millisecond', message = ${reason}`,
      Prisma.sql`jsonb_build_object('reason', ${reason}::text, 'delayMs', ${delayMs}::numeric, 'workerId', ${workerId}::text)`,
    ),
  );
  return rows.length === 1;
}

/** Gives up on grading: our fault, never the learner's, and said so. */
export async function failGrading(db: Database, id: string, workerId: string, reason: string): Promise<Submission | null> {
  const rows = await db.$queryRaw<Submission[]>(
    transition(
      TRANSITIONS.fail,
      id,
      workerId,
      Prisma.sql`verdict = 'internal-error', message = ${reason}, "finishedAt" = ${NOW_UTC}`,
      Prisma.sql`jsonb_build_object('reason', ${reason}::text, 'workerId', ${workerId}::text)`,
    ),
  );
  return rows[0] ?? null;
}

/** How many submissions are waiting ahead of this one. */
export async function queuePosition(db: Database, submission: { createdAt: Date; priority: number }): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`${countAhead(Prisma.sql`${submission.createdAt}::timestamp(3)`, Prisma.sql`${submission.priority}::int`)}`;
  return rows[0]!.count;
}

/**
 * Puts these graded submissions back in the queue to be graded again under `regradeId`, at low priority, in one
 * statement. Each keeps its verdict meanwhile (learners and progress go on seeing it until the new one is stored);
 * the event records it with its counts, results and version, so the earlier verdict stays in the history. Ids that
 * are no longer graded (already queued again, say) are left alone. Gives how many were queued.
 */
export async function requeueForRegrade(db: Database, regradeId: string, ids: string[]): Promise<number> {
  const { regrade } = TRANSITIONS;
  const rows = await db.$queryRaw<{ queued: number }[]>`
    WITH changed AS (
      UPDATE "Submission" SET state = ${sqlName(regrade.to)}, priority = ${QUEUE_PRIORITY.regrade}::int, "regradeId" = ${regradeId}::uuid,
        "runAfter" = ${NOW_UTC}, "gradingAttempts" = 0
      WHERE id = ANY(${ids}::uuid[]) AND state = ${sqlName(regrade.from)}
      RETURNING *
    ), event AS (
      INSERT INTO "SubmissionEvent" ("submissionId", kind, detail, at)
      SELECT id, ${sqlName(regrade.event)}, jsonb_build_object('regradeId', "regradeId", 'verdict', verdict, 'passed', "passedCount",
             'total', "totalCount", 'results', results, 'contentHash', "gradedContentHash", 'message', message), ${NOW_UTC}
      FROM changed
    )
    SELECT (SELECT count(*)::int FROM changed) AS queued FROM pg_notify(${QUEUE_CHANNEL}, ${regradeId}::text)`;
  return rows[0]!.queued;
}
