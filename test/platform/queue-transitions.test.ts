// The queue's transitions against PostgreSQL alone (no Docker): each is one statement, and each keeps its
// guarantees: it records an event, it refuses a worker whose lease was taken over, the verdict and the learner's
// progress change together without losing an attempt to a concurrent completion, and NOTIFY wakes the workers. A
// regrade goes back in the queue behind learners' new submissions, keeps the earlier verdict in its event, and
// rebuilds progress from the new verdicts without counting an attempt.
import pg from "pg";
import { connectDatabase, type Database } from "../../server/database/client";
import type { GradeResult } from "../../server/grading/grade";
import { claimNextSubmission, completeGrading, enqueueSubmission, failGrading, postponeGrading, QUEUE_CHANNEL, queuePosition, requeueForRegrade } from "../../server/grading/lifecycle";
import { lockProgress, progressAfterGrading, progressAfterRegrade, recordGradedSubmission } from "../../server/progress/progress";
import { createMigratedDatabase, dropDatabase } from "../support/database";

// Its own database, with a server time zone that is not UTC: the timestamp columns hold UTC all the same.
const DATABASE = `tutor_queue_transitions_${process.pid}`;
const EXERCISE = "basics/shout";
/** The exercise's version (its contentHash) as the tests grade it, then as it is after a case is fixed. */
const VERSION = "x";
const FIXED = "y";
let databaseUrl: string;
let db: Database;
let userId: string;

beforeAll(async () => {
  databaseUrl = await createMigratedDatabase(DATABASE);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${DATABASE}" SET timezone = 'America/New_York'`);
  await admin.end();
  db = connectDatabase(databaseUrl);
  await db.exercise.create({ data: { id: EXERCISE, setName: "basics", slug: "shout", title: "Shout", summary: "s", difficulty: 1, contentHash: "x" } });
});
beforeEach(async () => {
  // Every test leaves nothing claimable behind, so that each claim takes this test's submission.
  await db.submission.updateMany({ where: { state: { in: ["queued", "running"] } }, data: { state: "failed_to_grade", leaseOwner: null, leaseExpiresAt: null } });
  userId = (await db.user.create({ data: { role: "learner" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(DATABASE);
});

function result(passedCount: number, totalCount = 3): GradeResult {
  return {
    status: passedCount === totalCount ? "passed" : "failed",
    message: `${passedCount} of ${totalCount} passed`,
    tests: [{ name: "a case", status: passedCount === totalCount ? "passed" : "failed" }] as never,
    passedCount,
    totalCount,
    durationMs: 25,
    observations: {},
  };
}

const events = async (submissionId: string) =>
  (await db.submissionEvent.findMany({ where: { submissionId }, orderBy: { id: "asc" } })).map((e) => ({ kind: e.kind, detail: e.detail }));
const progress = () => db.progress.findUnique({ where: { userId_exerciseId: { userId, exerciseId: EXERCISE } } });
const submit = async () => (await enqueueSubmission(db, { userId, exerciseId: EXERCISE, code: "def shout(t):\n    return t\n" })).submission;

test("enqueueing stores the submission as Prisma reads it, records the event, says how many are ahead, and notifies", async () => {
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  const notified: string[] = [];
  listener.on("notification", (n) => notified.push(n.payload ?? ""));
  await listener.query(`LISTEN ${QUEUE_CHANNEL}`);
  try {
    const first = await enqueueSubmission(db, { userId, exerciseId: EXERCISE, code: "x = 1\n" });
    const second = await enqueueSubmission(db, { userId, exerciseId: EXERCISE, code: "x = 2\n" });
    expect(first.submission).toEqual(await db.submission.findUnique({ where: { id: first.submission.id } }));
    expect(first.submission.state).toBe("queued");
    expect(first.submission.createdAt).toBeInstanceOf(Date);
    // The database's clock, read in UTC whatever the server's time zone.
    expect(Math.abs(first.submission.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(second.queuePosition).toBe(first.queuePosition + 1);
    expect(await queuePosition(db, second.submission)).toBe(second.queuePosition);
    expect(await events(first.submission.id)).toEqual([{ kind: "queued", detail: null }]);
    const deadline = Date.now() + 5_000;
    while (notified.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(notified).toEqual([first.submission.id, second.submission.id]);
  } finally {
    await listener.end();
  }
});

test("every transition records its event, and a postponed submission is due again after its delay", async () => {
  const s = await submit();
  const first = await claimNextSubmission(db, "w1", 30_000);
  expect(first).toEqual({ id: s.id, userId, exerciseId: EXERCISE, code: s.code, gradingAttempts: 1, resumed: false, regradeId: null });
  expect(await postponeGrading(db, s.id, "w1", "Docker is down", 0)).toBe(true);
  const waiting = await db.submission.findUniqueOrThrow({ where: { id: s.id } });
  expect(waiting).toMatchObject({ state: "queued", message: "Docker is down", leaseOwner: null, leaseExpiresAt: null });
  expect(Math.abs(waiting.runAfter.getTime() - Date.now())).toBeLessThan(60_000);
  const second = await claimNextSubmission(db, "w2", 30_000);
  expect(second).toMatchObject({ id: s.id, gradingAttempts: 2, resumed: false });
  const graded = await completeGrading(db, s, "w2", result(3), VERSION, { changes: [progressAfterGrading] });
  expect(graded).toEqual(await db.submission.findUnique({ where: { id: s.id } }));
  expect(graded).toMatchObject({ state: "graded", verdict: "passed", passedCount: 3, totalCount: 3, durationMs: 25, leaseOwner: null, results: [{ name: "a case", status: "passed" }] });
  expect(await events(s.id)).toEqual([
    { kind: "queued", detail: null },
    { kind: "running", detail: { workerId: "w1", attempt: 1 } },
    { kind: "postponed", detail: { reason: "Docker is down", delayMs: 0, workerId: "w1" } },
    { kind: "running", detail: { workerId: "w2", attempt: 2 } },
    { kind: "graded", detail: { verdict: "passed", passed: 3, total: 3, contentHash: VERSION, workerId: "w2" } },
  ]);

  const failing = await submit();
  await claimNextSubmission(db, "w1", 30_000);
  const failed = await failGrading(db, failing.id, "w1", "gave up");
  expect(failed).toMatchObject({ state: "failed_to_grade", verdict: "internal-error", message: "gave up" });
  expect((await events(failing.id)).map((e) => e.kind)).toEqual(["queued", "running", "failed"]);
});

test("a worker whose lease expired and was taken over can neither complete, postpone nor fail the submission", async () => {
  const s = await submit();
  await claimNextSubmission(db, "stale", 1);
  await new Promise((r) => setTimeout(r, 20));
  expect(await claimNextSubmission(db, "fresh", 30_000)).toMatchObject({ id: s.id, gradingAttempts: 2, resumed: true });

  expect(await completeGrading(db, s, "stale", result(0), VERSION, { changes: [progressAfterGrading] })).toBeNull();
  expect(await postponeGrading(db, s.id, "stale", "no", 0)).toBe(false);
  expect(await failGrading(db, s.id, "stale", "no")).toBeNull();
  expect(await db.submission.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ state: "running", leaseOwner: "fresh", verdict: null });
  expect(await progress()).toBeNull();

  expect(await completeGrading(db, s, "fresh", result(3), VERSION, { changes: [progressAfterGrading] })).not.toBeNull();
  // Once graded, nobody completes it again, not even the worker that graded it.
  expect(await completeGrading(db, s, "fresh", result(0), VERSION, { changes: [progressAfterGrading] })).toBeNull();
  expect((await events(s.id)).map((e) => e.kind)).toEqual(["queued", "running", "resumed", "graded"]);
  expect(await progress()).toMatchObject({ attempts: 1, bestPassed: 3, bestVerdict: "passed" });
});

test("progress counts every attempt, keeps the first solve and the best score (a later equal one does not replace it)", async () => {
  const grade = async (passed: number) => {
    const s = await submit();
    await claimNextSubmission(db, "w", 30_000);
    return (await completeGrading(db, s, "w", result(passed), VERSION, { changes: [progressAfterGrading] }))!;
  };
  await grade(1);
  expect(await progress()).toMatchObject({ attempts: 1, firstSolvedAt: null, bestPassed: 1, bestTotal: 3, bestVerdict: "failed" });
  const solved = await grade(3);
  await grade(0);
  const last = await grade(3);
  expect(await progress()).toMatchObject({ attempts: 4, firstSolvedAt: solved.finishedAt, bestPassed: 3, bestVerdict: "passed", lastSubmissionId: last.id });

  // Rebuilding from the stored history applies the same rule.
  await db.progress.deleteMany({ where: { userId } });
  const history = await db.submission.findMany({ where: { userId, state: "graded" }, orderBy: { createdAt: "asc" } });
  await db.$transaction(async (tx) => {
    for (const s of history) await recordGradedSubmission(tx, s);
  });
  expect(await progress()).toMatchObject({ attempts: 4, firstSolvedAt: solved.finishedAt, bestPassed: 3, bestVerdict: "passed", lastSubmissionId: last.id });
});

test("completions of one learner's submissions to one exercise at the same moment lose no attempt", async () => {
  const count = 8;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await submit()).id);
  for (let i = 0; i < count; i++) expect(await claimNextSubmission(db, `w${i}`, 30_000)).toMatchObject({ id: ids[i] });
  const graded = await Promise.all(ids.map((id, i) => completeGrading(db, { id, userId, exerciseId: EXERCISE }, `w${i}`, result(i % 4), VERSION, { changes: [progressAfterGrading] })));
  expect(graded.every((g) => g?.state === "graded")).toBe(true);
  expect(await progress()).toMatchObject({ attempts: count, bestPassed: 3, bestVerdict: "passed" });
});

/** A regrade of these submissions, as server/regrade/ makes one: its row, then the requeue. */
async function regrade(ids: string[]): Promise<string> {
  const row = await db.regrade.create({ data: { exerciseId: EXERCISE, scope: "all", contentHash: FIXED, queuedCount: ids.length } });
  expect(await requeueForRegrade(db, row.id, ids)).toBe(ids.length);
  return row.id;
}
const regradeAfter = { changes: [progressAfterRegrade] as const, lock: lockProgress };

test("a regrade waits behind learners' new submissions, and keeps the earlier verdict in the submission's history", async () => {
  const old = await submit();
  await claimNextSubmission(db, "w", 30_000);
  const graded = (await completeGrading(db, old, "w", result(3), VERSION, { changes: [progressAfterGrading] }))!;
  const regradeId = await regrade([old.id]);
  // Queued again, holding its verdict until the new one is stored; a second request leaves it alone.
  expect(await db.submission.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ state: "queued", priority: 0, regradeId, verdict: "passed", passedCount: 3 });
  expect(await requeueForRegrade(db, regradeId, [old.id])).toBe(0);
  const [, requeued] = (await events(old.id)).slice(-2);
  expect(requeued).toEqual({
    kind: "regrade",
    detail: { regradeId, verdict: "passed", passed: 3, total: 3, results: graded.results, contentHash: VERSION, message: "3 of 3 passed" },
  });

  // A learner submits after the regrade was queued: nothing counts ahead of them, and they are claimed first.
  const fresh = await enqueueSubmission(db, { userId, exerciseId: EXERCISE, code: "x = 3\n" });
  expect(fresh.queuePosition).toBe(0);
  expect(await claimNextSubmission(db, "w", 30_000)).toMatchObject({ id: fresh.submission.id, regradeId: null });
  expect(await claimNextSubmission(db, "w", 30_000)).toMatchObject({ id: old.id, regradeId, gradingAttempts: 1 });
  const regraded = (await completeGrading(db, old, "w", result(2), FIXED, regradeAfter))!;
  // The first grading's time stays (lateness is judged by it); the regrade's has a column of its own.
  expect(regraded).toMatchObject({ state: "graded", verdict: "failed", gradedContentHash: FIXED, finishedAt: graded.finishedAt });
  expect(regraded.regradedAt).toBeInstanceOf(Date);
  expect((await events(old.id)).map((e) => e.kind)).toEqual(["queued", "running", "graded", "regrade", "running", "graded"]);
});

test("a regrade's verdict rebuilds progress: no attempt is added, a lost pass unsolves, a new pass solves from the first grading", async () => {
  const grade = async (passed: number) => {
    const s = await submit();
    await claimNextSubmission(db, "w", 30_000);
    return (await completeGrading(db, s, "w", result(passed), VERSION, { changes: [progressAfterGrading] }))!;
  };
  const failing = await grade(1);
  const passing = await grade(3);
  expect(await progress()).toMatchObject({ attempts: 2, firstSolvedAt: passing.finishedAt, bestPassed: 3 });
  await regrade([failing.id, passing.id]);
  // The only pass now fails: not solved; its best is the better of the two new verdicts.
  await claimNextSubmission(db, "w", 30_000);
  await claimNextSubmission(db, "w2", 30_000);
  await completeGrading(db, failing, "w", result(2), FIXED, regradeAfter);
  // Until its own regrade is stored, the passing submission still counts as it was graded.
  expect(await progress()).toMatchObject({ attempts: 2, firstSolvedAt: passing.finishedAt, bestPassed: 3 });
  await completeGrading(db, passing, "w2", result(1), FIXED, regradeAfter);
  expect(await progress()).toMatchObject({ attempts: 2, firstSolvedAt: null, bestPassed: 2, bestVerdict: "failed" });
  // Fixed the other way: the earlier failure now passes, solved from when it was first graded.
  await regrade([failing.id]);
  await claimNextSubmission(db, "w", 30_000);
  await completeGrading(db, failing, "w", result(3), VERSION, regradeAfter);
  expect(await progress()).toMatchObject({ attempts: 2, firstSolvedAt: failing.finishedAt, bestPassed: 3, bestVerdict: "passed" });
});

test("regrades of one learner's submissions stored at the same moment each count", async () => {
  const count = 6;
  const graded = [];
  for (let i = 0; i < count; i++) {
    const s = await submit();
    await claimNextSubmission(db, "w", 30_000);
    graded.push((await completeGrading(db, s, "w", result(i === 0 ? 3 : 0), VERSION, { changes: [progressAfterGrading] }))!);
  }
  await regrade(graded.map((s) => s.id));
  for (let i = 0; i < count; i++) await claimNextSubmission(db, `w${i}`, 30_000);
  // Only the last of them passes now; were the rebuilds not to take turns (lockProgress), one would miss another's verdict.
  await Promise.all(graded.map((s, i) => completeGrading(db, s, `w${i}`, result(i === count - 1 ? 3 : 1), FIXED, regradeAfter)));
  expect(await progress()).toMatchObject({ attempts: count, firstSolvedAt: graded[count - 1]!.finishedAt, bestPassed: 3 });
});
