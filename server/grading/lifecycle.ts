// A submission's life in the durable queue, as transitions: queued -> running -> graded | failed_to_grade,
// with running -> queued when grading must wait (Docker down) or a lease expires (a worker died). Each
// transition is one function and one transaction, records an event, and checks the state it starts from,
// so a stale worker can never overwrite another's result.
import type { Database } from "../database/client";
import { Prisma } from "../database/client";
import type { Submission } from "../database/generated/client";
import type { GradeResult } from "./grade";
import { storableJson } from "./observation";

export const QUEUE_CHANNEL = "tutor_submission_queued";

export interface NewSubmission {
  userId: string;
  exerciseId: string;
  code: string;
}

export async function enqueueSubmission(db: Database, input: NewSubmission): Promise<Submission> {
  return db.$transaction(async (tx) => {
    const submission = await tx.submission.create({ data: { ...input, state: "queued" } });
    await tx.submissionEvent.create({ data: { submissionId: submission.id, kind: "queued" } });
    // Wakes workers listening on any machine; the row itself is the durable record.
    await tx.$executeRaw`SELECT pg_notify(${QUEUE_CHANNEL}, ${submission.id})`;
    return submission;
  });
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
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<(ClaimedSubmission & { previousState: string })[]>`
      WITH next AS (
        SELECT id, state AS "previousState" FROM "Submission"
        WHERE (state = 'queued' AND "runAfter" <= now())
           OR (state = 'running' AND "leaseExpiresAt" < now())
        ORDER BY "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Submission" s
      SET state = 'running', "leaseOwner" = ${workerId},
          "leaseExpiresAt" = now() + ${leaseMs} * interval '1 millisecond',
          "startedAt" = now(), "gradingAttempts" = s."gradingAttempts" + 1
      FROM next WHERE s.id = next.id
      RETURNING s.id, s."userId", s."exerciseId", s.code, s."gradingAttempts", next."previousState"`;
    const row = rows[0];
    if (!row) return null;
    const resumed = row.previousState === "running";
    await tx.submissionEvent.create({
      data: { submissionId: row.id, kind: resumed ? "resumed" : "running", detail: { workerId, attempt: row.gradingAttempts } },
    });
    return { id: row.id, userId: row.userId, exerciseId: row.exerciseId, code: row.code, gradingAttempts: row.gradingAttempts, resumed };
  });
}

/** Extends this worker's lease; false if the submission is no longer this worker's to finish. */
export async function renewLease(db: Database, id: string, workerId: string, leaseMs: number): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "Submission" SET "leaseExpiresAt" = now() + ${leaseMs} * interval '1 millisecond'
    WHERE id = ${id}::uuid AND state = 'running' AND "leaseOwner" = ${workerId}`;
  return updated === 1;
}

async function leasedToMe(tx: Prisma.TransactionClient, id: string, workerId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Submission" WHERE id = ${id}::uuid AND state = 'running' AND "leaseOwner" = ${workerId} FOR UPDATE`;
  return rows.length === 1;
}

export type AfterGraded = (tx: Prisma.TransactionClient, submission: Submission) => Promise<unknown>;

/** Stores the verdict; `afterGraded` (progress) runs in the same transaction. Null if the lease was lost. */
export async function completeGrading(db: Database, id: string, workerId: string, result: GradeResult, afterGraded: AfterGraded): Promise<Submission | null> {
  return db.$transaction(async (tx) => {
    if (!(await leasedToMe(tx, id, workerId))) return null;
    const submission = await tx.submission.update({
      where: { id },
      data: {
        state: "graded",
        verdict: result.status,
        message: result.message,
        // PostgreSQL's jsonb refuses NUL characters and lone surrogates, which a learner's output may hold.
        results: storableJson(result.tests) as unknown as Prisma.InputJsonValue,
        observations: storableJson(result.observations) as unknown as Prisma.InputJsonValue,
        passedCount: result.passedCount,
        totalCount: result.totalCount,
        durationMs: result.durationMs,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    await tx.submissionEvent.create({
      data: { submissionId: id, kind: "graded", detail: { verdict: result.status, passed: result.passedCount, total: result.totalCount, workerId } },
    });
    await afterGraded(tx, submission);
    return submission;
  });
}

/** Puts the submission back in the queue to be tried again after `delayMs` (e.g. while Docker is down). */
export async function postponeGrading(db: Database, id: string, workerId: string, reason: string, delayMs: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await leasedToMe(tx, id, workerId))) return false;
    await tx.submission.update({
      where: { id },
      data: { state: "queued", runAfter: new Date(Date.now() + delayMs), leaseOwner: null, leaseExpiresAt: null, message: reason },
    });
    await tx.submissionEvent.create({ data: { submissionId: id, kind: "postponed", detail: { reason, delayMs, workerId } } });
    return true;
  });
}

/** Gives up on grading: our fault, never the learner's, and said so. */
export async function failGrading(db: Database, id: string, workerId: string, reason: string): Promise<Submission | null> {
  return db.$transaction(async (tx) => {
    if (!(await leasedToMe(tx, id, workerId))) return null;
    const submission = await tx.submission.update({
      where: { id },
      data: { state: "failed_to_grade", verdict: "internal-error", message: reason, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
    });
    await tx.submissionEvent.create({ data: { submissionId: id, kind: "failed", detail: { reason, workerId } } });
    return submission;
  });
}

/** How many submissions are waiting ahead of this one. */
export async function queuePosition(db: Database, submission: { id: string; createdAt: Date }): Promise<number> {
  return db.submission.count({ where: { state: { in: ["queued", "running"] }, createdAt: { lt: submission.createdAt }, id: { not: submission.id } } });
}
