// What a learner sees of a submission (docs/api.md, SubmissionView). Built only from fields that are safe to
// show: the stored results already hide hidden cases, and observations are never included. A submission waiting for
// a regrade is shown with the verdict it still holds, marked as being regraded: the queue is not the learner's
// business, and their result changes only once, when the new verdict is stored (marked as regraded from then on).
import type { Submission } from "../database/generated/client";
import type { Status, TestResult } from "./judge";
import { type ApiSubmissionState, apiState, SUBMISSION_STATES, TRANSITIONS } from "./states";

export interface SubmissionView {
  id: string;
  exerciseId: string;
  state: ApiSubmissionState;
  verdict: Status | null;
  message: string | null;
  passedCount: number | null;
  totalCount: number | null;
  durationMs: number | null;
  createdAt: string;
  code: string;
  queuePosition: number | null;
  /** Grading attempts started so far: 0 until a worker takes it, more if an attempt could not go on. */
  attempt: number;
  tests: TestResult[];
  /**
   * Set once an instructor's regrade took the submission up, after its exercise changed: `pending` until the new
   * verdict is stored, then `at` says when it was.
   */
  regrade: { pending: boolean; at: string | null } | null;
}

export function submissionView(s: Submission, queuePosition: number | null = null): SubmissionView {
  const regradePending = s.regradeId !== null && s.verdict !== null && !SUBMISSION_STATES[s.state].finished;
  return {
    id: s.id,
    exerciseId: s.exerciseId,
    state: apiState(regradePending ? TRANSITIONS.regrade.from : s.state),
    verdict: (s.verdict as Status | null) ?? null,
    // While queued, `message` may hold why grading is waiting (e.g. Docker is down), which learners should see.
    message: s.message,
    passedCount: s.passedCount,
    totalCount: s.totalCount,
    durationMs: s.durationMs,
    createdAt: s.createdAt.toISOString(),
    code: s.code,
    queuePosition: s.state === "queued" && !regradePending ? queuePosition : null,
    attempt: s.gradingAttempts,
    tests: Array.isArray(s.results) ? (s.results as unknown as TestResult[]) : [],
    regrade: s.regradeId === null ? null : { pending: regradePending, at: s.regradedAt?.toISOString() ?? null },
  };
}
