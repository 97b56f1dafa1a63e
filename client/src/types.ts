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
  /** Null for a program case, which gives stdin and stdout instead. */
  call: string | null;
  /** A Python repr, or null when the case expects an exception. */
  expected: string | null;
  raises: string | null;
  stdin?: string;
  stdout?: string;
}

export interface ExerciseDetail extends ExerciseSummary {
  file: string;
  entry: string | null;
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
  /** A program case's standard input. */
  stdin?: string;
  line?: number;
  /** Decided inside the sandbox by the exercise's tests/ files (docs/sandbox.md). */
  inSandbox?: true;
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

// ---- The tutor (docs/api.md, "The tutor") -------------------------------------------------------------------

/** Markdown from the tutor arrives twice; browsers insert only `html`, which the server rendered and sanitised. */
export interface RenderedMarkdown {
  markdown: string;
  html: string;
}

export type TutorEngineKind = "offline" | "model";

export interface RankedConcept {
  id: string;
  title: string;
  score: number;
  /** Why this concept: short sentences naming lines, values or the exception. */
  evidence: string[];
}

export interface Feedback {
  explanation: RenderedMarkdown;
  /** Most relevant first; empty for a passed submission. */
  concepts: RankedConcept[];
  engine: TutorEngineKind;
  /** Set when the model was configured but the answer came from the offline engine. */
  note: string | null;
}

export type HintLevel = 1 | 2 | 3;

export interface HintView {
  level: HintLevel;
  text: RenderedMarkdown;
  concept: string | null;
  engine: TutorEngineKind;
  note: string | null;
}

export interface HintsState {
  hints: HintView[];
  nextLevel: HintLevel | null;
}

export interface Concept {
  id: string;
  title: string;
  lesson: RenderedMarkdown;
}

export interface FunctionExplanation {
  function: string;
  summary: string;
  steps: { line: number; text: string }[];
  inputs: { name: string; description: string }[];
  output: string;
  /** Run in the sandbox: the call and what it returned (or raised). */
  example: { call: string; result: string } | null;
  engine: TutorEngineKind;
  note: string | null;
}

export interface DocumentedCode {
  code: string;
  /** The functions that received a docstring. */
  functions: string[];
  sameAst: boolean;
}

export interface GeneratedCase {
  name: string;
  kind: "typical" | "edge" | "error";
  call: string;
  /** A Python repr, or null when the case expects an exception. */
  expected: string | null;
  raises: string | null;
}

export interface GeneratedTests {
  function: string;
  cases: GeneratedCase[];
  casesYaml: string;
  pytest: string;
  /** Proposed calls left out because the function did not finish them. */
  dropped: string[];
  mutation: { total: number; killed: number; survivors: { description: string; line: number | null }[] };
}

export interface TutorCodeRequest {
  code: string;
  /** Which function to work on; the first one when left out. */
  function?: string;
  /** Echoed in the `tutor:progress` events for this request. */
  requestId?: string;
}

// socket.io tutor events (server -> client); `requestId` is the submission id for feedback and hints.
export interface TutorProgressEvent {
  requestId: string;
  stage: string;
  message: string;
}
export interface TutorTextEvent {
  requestId: string;
  /** The explanation so far, not a delta. */
  text: string;
}

export type TutorLiveEvent = ({ type: "progress" } & TutorProgressEvent) | ({ type: "text" } & TutorTextEvent);
