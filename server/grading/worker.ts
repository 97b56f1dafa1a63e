// The grading worker: for each submission, claim it from the PostgreSQL queue, grade it in the sandbox (grade.ts),
// store the verdict, and announce it to the learner. Any number of workers, in any number of processes, can share
// one queue: claims use SKIP LOCKED, and a lease that is not renewed (a crashed worker) lets another worker take the
// submission over.
import { randomUUID } from "node:crypto";
import os from "node:os";
import pg from "pg";
import type { Database } from "../database/client";
import type { Submission } from "../database/generated/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Exercise } from "../exercises/exercise";
import { ltiScoresAfterGrading, ltiScoresAfterRegrade } from "../lti/grades-outbox";
import { lockProgress, progressAfterGrading, progressAfterRegrade } from "../progress/progress";
import type { SubmissionEvents } from "../realtime/submission-events";
import { ExerciseBrokenError, type ReferenceCache } from "./expectations";
import { type GradeResult, gradeSubmission } from "./grade";
import type { Sandbox } from "./sandbox/sandbox";
import { claimNextSubmission, type ClaimedSubmission, completeGrading, failGrading, postponeGrading, QUEUE_CHANNEL, renewLease } from "./lifecycle";
import { SandboxUnavailableError } from "./sandbox/container-policy";
import { submissionView } from "./submission-view";

export interface WorkerOptions {
  db: Database;
  databaseUrl: string;
  catalog: ExerciseCatalog;
  /** Resolves the sandbox when grading starts, so a worker can start before Docker or the image is ready. */
  sandbox: () => Promise<Sandbox>;
  references: ReferenceCache;
  events: SubmissionEvents;
  concurrency: number;
  leaseMs?: number;
  pollMs?: number;
  log?: (line: string) => void;
}

/** Unexpected failures are retried this many times before the submission is marked failed-to-grade. */
const MAX_ATTEMPTS = 3;
/** A published exercise missing from this worker's folder is looked for this many times (about 30 s in all). */
const MISSING_EXERCISE_ATTEMPTS = 6;

export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

export class GradingWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private active = new Set<Promise<void>>();
  private running = false;
  private wakeUp: (() => void) | null = null;
  private listener: pg.Client | null = null;
  private loop: Promise<void> | null = null;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly o: WorkerOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.pollMs = o.pollMs ?? 2_000;
    this.log = o.log ?? (() => undefined);
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops taking work and waits for the submissions in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled(this.active);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  wake(): void {
    this.wakeUp?.();
  }

  private async listen(): Promise<void> {
    // A dedicated connection for LISTEN; losing it only costs latency, since the loop also polls.
    const client = new pg.Client({ connectionString: this.o.databaseUrl });
    client.on("error", () => undefined);
    client.on("notification", () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${QUEUE_CHANNEL}`);
      this.listener = client;
    } catch (e) {
      this.log(`worker: cannot listen for new submissions (${(e as Error).message}); polling instead`);
      await client.end().catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.active.size >= this.o.concurrency) {
        await Promise.race(this.active);
        continue;
      }
      const job = await this.claim();
      if (job) {
        const task = this.process(job).finally(() => this.active.delete(task));
        this.active.add(task);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** The oldest due submission, leased to this worker; null when none is due or the queue cannot be reached. */
  private async claim(): Promise<ClaimedSubmission | null> {
    try {
      return await claimNextSubmission(this.o.db, this.id, this.leaseMs);
    } catch (e) {
      this.log(`worker: cannot reach the queue (${(e as Error).message.split("\n")[0]}); retrying`);
      return null;
    }
  }

  /** A claimed submission's way to its verdict: grade, store, announce, renewing the lease meanwhile. */
  private async process(job: ClaimedSubmission): Promise<void> {
    const heartbeat = setInterval(() => {
      renewLease(this.o.db, job.id, this.id, this.leaseMs).catch(() => undefined);
    }, Math.max(1000, this.leaseMs / 3));
    try {
      const exercise = await this.exerciseFor(job);
      if (!exercise) return;
      const result = await this.grade(job, exercise);
      const stored = await this.store(job, exercise, result);
      this.announce(job, stored);
    } catch (e) {
      await this.handleFailure(job, e);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Grades the submission, telling the learner it started and passing on each result as it comes. A regrade runs
   * quietly: the learner did nothing, so only its stored verdict reaches their open pages (announce).
   */
  private async grade(job: ClaimedSubmission, exercise: Exercise): Promise<GradeResult> {
    const { events } = this.o;
    const live = job.regradeId === null;
    // Each test file counts as one until the sandbox has listed its tests.
    if (live) events.running(job.userId, job.id, exercise.cases.length + exercise.tests.length, job.gradingAttempts);
    const sandbox = await this.o.sandbox();
    return gradeSubmission(sandbox, this.o.references, exercise, job.code, {
      onTest: live ? (index, total, test) => events.test(job.userId, job.id, index, total, test) : undefined,
    });
  }

  /**
   * Stores the verdict, graded against this exercise's version, with the learner's progress and any improved score
   * bound for an LMS gradebook (the LTI grade outbox), in one statement; null if this worker lost the lease. A
   * regrade's verdict rebuilds progress rather than adding an attempt.
   */
  private store(job: ClaimedSubmission, exercise: Exercise, result: GradeResult): Promise<Submission | null> {
    const after = job.regradeId === null
      ? { changes: [progressAfterGrading, ltiScoresAfterGrading] as const }
      : { changes: [progressAfterRegrade, ltiScoresAfterRegrade] as const, lock: lockProgress };
    return completeGrading(this.o.db, job, this.id, result, exercise.contentHash, after);
  }

  /** Tells the learner the stored verdict; null from the store means the lease was lost, and another worker finishes. */
  private announce(job: ClaimedSubmission, stored: Submission | null): void {
    if (stored) this.o.events.finished(job.userId, job.id, submissionView(stored));
    else this.log(`worker: lost the lease on ${job.id}; another worker finishes it`);
  }

  /**
   * The job's exercise as this worker's folder has it. A missing one is read again first: an instructor may have
   * just saved it from another process. One the database still lists as published but that this folder lacks waits
   * a while (a shared folder can lag behind), then fails with a reason; a removed one fails at once.
   */
  private async exerciseFor(job: ClaimedSubmission): Promise<Exercise | null> {
    const { catalog, db } = this.o;
    const found = catalog.get(job.exerciseId) ?? (catalog.reload(), catalog.get(job.exerciseId));
    if (found) return found;
    const published = (await db.exercise.findUnique({ where: { id: job.exerciseId } }))?.available === true;
    if (!published) {
      await this.finishFailed(job, `The exercise ${job.exerciseId} no longer exists, so this submission cannot be graded.`);
    } else if (job.gradingAttempts < MISSING_EXERCISE_ATTEMPTS) {
      const delay = retryDelayMs(job.gradingAttempts);
      this.log(`worker: ${job.exerciseId} is published but not in ${catalog.root}; every worker needs the same exercises folder as the web servers (submission ${job.id} waits ${delay / 1000} s)`);
      await this.postpone(job, "Waiting for the exercise to reach the grader.", delay);
    } else {
      await this.finishFailed(job, `The grader does not have the exercise ${job.exerciseId}, so this submission cannot be graded. Please tell your instructor: the exercises folder where grading runs is missing it.`);
    }
    return null;
  }

  private async handleFailure(job: ClaimedSubmission, e: unknown): Promise<void> {
    try {
      if (e instanceof SandboxUnavailableError) {
        // Not the submission's fault and not permanent: it waits in the queue until grading is possible.
        const delay = retryDelayMs(job.gradingAttempts);
        this.log(`worker: ${e.message} (submission ${job.id} waits ${delay / 1000} s)`);
        await this.postpone(job, `Waiting to be graded: ${e.message}`, delay);
      } else if (e instanceof ExerciseBrokenError) {
        await this.finishFailed(job, `This exercise is broken, so it cannot be graded: ${e.message} Please tell your instructor.`);
      } else if (job.gradingAttempts < MAX_ATTEMPTS) {
        this.log(`worker: grading ${job.id} failed (${(e as Error).message}); will retry`);
        await this.postpone(job, "Grading failed on our side; it will be retried.", retryDelayMs(job.gradingAttempts));
      } else {
        this.log(`worker: grading ${job.id} failed ${job.gradingAttempts} times (${(e as Error).message}); giving up`);
        await this.finishFailed(job, "The grader failed on our side several times. This is not your fault: please submit again later.");
      }
    } catch (storeError) {
      // The database itself is unreachable: the lease will expire and another attempt will pick the job up.
      this.log(`worker: cannot record the outcome of ${job.id} (${(storeError as Error).message.split("\n")[0]})`);
    }
  }

  /** Puts the job back in the queue for a later attempt, and tells the learner why it waits (not for a regrade's). */
  private async postpone(job: ClaimedSubmission, reason: string, delayMs: number): Promise<void> {
    const postponed = await postponeGrading(this.o.db, job.id, this.id, reason, delayMs);
    if (postponed && job.regradeId === null) this.o.events.queued(job.userId, job.id, 0, job.gradingAttempts, reason);
  }

  private async finishFailed(job: ClaimedSubmission, reason: string): Promise<void> {
    const failed = await failGrading(this.o.db, job.id, this.id, reason);
    if (failed) this.o.events.finished(job.userId, job.id, submissionView(failed));
  }
}
