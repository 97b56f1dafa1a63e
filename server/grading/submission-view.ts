// What a learner sees of a submission (docs/api.md, SubmissionView). Built only from fields that are safe to
// show: the stored results already hide hidden cases, and observations are never included.
import type { Submission } from "../database/generated/client";
import type { Status, TestResult } from "./judge";
import { type ApiSubmissionState, apiState } from "./states";

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
}

export function submissionView(s: Submission, queuePosition: number | null = null): SubmissionView {
  return {
    id: s.id,
    exerciseId: s.exerciseId,
    state: apiState(s.state),
    verdict: (s.verdict as Status | null) ?? null,
    // While queued, `message` may hold why grading is waiting (e.g. Docker is down), which learners should see.
    message: s.message,
    passedCount: s.passedCount,
    totalCount: s.totalCount,
    durationMs: s.durationMs,
    createdAt: s.createdAt.toISOString(),
    code: s.code,
    queuePosition: s.state === "queued" ? queuePosition : null,
    attempt: s.gradingAttempts,
    tests: Array.isArray(s.results) ? (s.results as unknown as TestResult[]) : [],
  };
}
