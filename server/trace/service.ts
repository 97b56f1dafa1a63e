// Stepping through a run as the platform offers it: a learner's own graded submission (its first failing visible
// case, or a visible case they name) or a call on pasted code, each at most `perHour` times an hour per learner,
// since every trace starts a container. Refusals are TraceRequestErrors with a message saying what to do.
import { countAttempt } from "../auth/rate-limit";
import type { Database } from "../database/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { TestResult } from "../grading/judge";
import { firstFailingVisibleCase, namedCase, TraceRequestError } from "./choose-case";
import { traceCall, traceExerciseCase, type TraceView } from "./trace";

interface Deps {
  db: Database;
  catalog: ExerciseCatalog;
  sandbox: () => Promise<Sandbox>;
  /** Traces one learner may ask for in an hour. */
  perHour: number;
}

const HOUR_MS = 60 * 60 * 1000;
/** The file name pasted code runs under, as for the tutor's other work on snippets. */
const SNIPPET_FILE = "snippet.py";

export class TraceService {
  constructor(private readonly deps: Deps) {}

  private async spend(userId: string): Promise<void> {
    const verdict = await countAttempt(this.deps.db, { key: `trace:user:${userId}`, limit: this.deps.perHour, windowMs: HOUR_MS });
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
      throw new TraceRequestError(429, `You have stepped through ${this.deps.perHour} runs this hour, which is the limit. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, and meanwhile follow your code by hand with the steps you have.`, verdict.retryAfterSeconds);
    }
  }

  /** Traces a case of the learner's own graded submission: `caseName`, or the first visible case that failed. */
  async forSubmission(userId: string, submissionId: string, caseName?: string): Promise<TraceView> {
    const s = await this.deps.db.submission.findUnique({ where: { id: submissionId } });
    // Another learner's submission reads exactly like a missing one, so ids reveal nothing.
    if (!s || s.userId !== userId) throw new TraceRequestError(404, "The submission was not found.");
    if (s.state !== "graded") throw new TraceRequestError(409, "This submission has not been graded yet: step through it once its results are in.");
    const exercise = this.deps.catalog.get(s.exerciseId);
    if (!exercise) throw new TraceRequestError(404, "The exercise of this submission is no longer offered, so it cannot be run again.");
    const chosen = caseName !== undefined ? namedCase(exercise, caseName) : firstFailingVisibleCase(exercise, (s.results ?? []) as unknown as TestResult[]);
    await this.spend(userId);
    return traceExerciseCase(await this.deps.sandbox(), exercise, s.code, chosen);
  }

  /** Traces `call` on pasted code (the "Explain code" page's example run). */
  async forCall(userId: string, code: string, call: string): Promise<TraceView> {
    await this.spend(userId);
    return traceCall(await this.deps.sandbox(), SNIPPET_FILE, code, call);
  }
}
