// What grading announces about a submission as it happens. The worker speaks to this interface; the realtime
// module delivers it to the learner's browsers over socket.io.
import type { TestResult } from "../grading/judge";
import type { SubmissionView } from "../grading/submission-view";

export interface SubmissionEvents {
  /**
   * Queued, or queued again after a grading attempt could not go on (`attempt` is how many were made, and `reason`
   * says why it waits, for the learner to read).
   */
  queued(userId: string, submissionId: string, queuePosition: number, attempt?: number, reason?: string): void;
  /** Grading attempt `attempt` (1 for the first) has started. */
  running(userId: string, submissionId: string, totalCount: number, attempt: number): void;
  test(userId: string, submissionId: string, index: number, totalCount: number, test: TestResult): void;
  finished(userId: string, submissionId: string, submission: SubmissionView): void;
}

export const silentSubmissionEvents: SubmissionEvents = {
  queued: () => undefined,
  running: () => undefined,
  test: () => undefined,
  finished: () => undefined,
};
