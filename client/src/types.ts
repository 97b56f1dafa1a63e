// Types of the HTTP and socket.io contract, copied from docs/api.md.

export type Status =
  | "passed"
  | "failed"
  | "error"
  | "syntax-error"
  | "timeout"
  | "memory-limit"
  | "output-limit"
  | "internal-error";

export type SubmissionState = "queued" | "running" | "graded" | "failed-to-grade";

export interface Progress {
  attempts: number;
  solved: boolean;
  firstSolvedAt: string | null;
  bestPassed: number;
  bestTotal: number;
  bestVerdict: string | null;
}

export interface ExerciseSummary {
  /** "<set>/<slug>", e.g. "basics/shout". */
  id: string;
  set: string;
  slug: string;
  title: string;
  summary: string;
  difficulty: number;
  concepts: string[];
  progress: Progress | null;
}

export interface VisibleCase {
  name: string;
  call: string;
  /** A Python repr, or null when the case expects an exception. */
  expected: string | null;
  raises: string | null;
}

export interface ExerciseDetail extends ExerciseSummary {
  file: string;
  entry: string;
  /** Already sanitised by the server. */
  instructionsHtml: string;
  starter: string;
  visibleCases: VisibleCase[];
  hiddenCaseCount: number;
  limits: { timeoutMs: number; memoryMb: number };
  lastSubmission: SubmissionView | null;
}

export interface TestResult {
  name: string;
  status: Status;
  hidden: boolean;
  call?: string;
  expected?: string;
  actual?: string;
  message?: string;
  stdout?: string;
  line?: number;
}

export interface SubmissionView {
  id: string;
  exerciseId: string;
  state: SubmissionState;
  verdict: Status | null;
  message: string | null;
  // The contract does not say these are nullable, but they cannot be known before grading; be defensive.
  passedCount: number | null;
  totalCount: number | null;
  durationMs: number | null;
  createdAt: string;
  code: string;
  queuePosition: number | null;
  tests: TestResult[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown[] };
}

// socket.io events (server -> client)
export interface QueuedEvent {
  submissionId: string;
  queuePosition: number;
}
export interface RunningEvent {
  submissionId: string;
  totalCount: number;
}
export interface TestEvent {
  submissionId: string;
  index: number;
  totalCount: number;
  test: TestResult;
}
export interface FinishedEvent {
  submissionId: string;
  submission: SubmissionView;
}

export type LiveEvent =
  | ({ type: "queued" } & QueuedEvent)
  | ({ type: "running" } & RunningEvent)
  | ({ type: "test" } & TestEvent)
  | ({ type: "finished" } & FinishedEvent);
