// What grading announces about a submission as it happens. The worker speaks to this interface; the realtime
// module delivers it to the learner's browsers over socket.io.
import type { TestResult } from "../grading/judge";
import type { SubmissionView } from "../grading/submission-view";

export interface SubmissionEvents {
  queued(userId: string, submissionId: string, queuePosition: number): void;
  running(userId: string, submissionId: string, totalCount: number): void;
  test(userId: string, submissionId: string, index: number, totalCount: number, test: TestResult): void;
  finished(userId: string, submissionId: string, submission: SubmissionView): void;
}

export const silentSubmissionEvents: SubmissionEvents = {
  queued: () => undefined,
  running: () => undefined,
  test: () => undefined,
  finished: () => undefined,
};
