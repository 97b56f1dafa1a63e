// Types of the HTTP and socket.io contract (docs/api.md).

// The shapes are the server's own types, imported as types only (esbuild erases them), so the two cannot drift.
import type { ExerciseDetail, ExerciseSummary, VisibleCase } from "../../server/exercises/public-view";
import type { Status, TestResult } from "../../server/grading/judge";
import type { PlatformRegistration, PlatformView } from "../../server/lti/platforms";
import type { ToolConfiguration } from "../../server/lti/tool-configuration";
import type { ToolKeySummary } from "../../server/lti/tool-keys";
import type { CourseLtiStatus as ServerCourseLtiStatus } from "../../server/lti/course-status";
import type { RosterSyncResult as ServerRosterSyncResult } from "../../server/lti/roster";
import type { SubmissionView } from "../../server/grading/submission-view";
import type { ProgressView } from "../../server/progress/progress";
import type { FunctionExplanation as FunctionExplanationContent, HintLevel, RankedConcept } from "../../server/tutor/contracts";
import type { Answered, FeedbackView, GeneratedTestsView, HintView as HintContent, Rendered, ReviewSuggestionView, ReviewView } from "../../server/tutor/service";
import type { RatingView } from "../../server/tutor/ratings";
import type { CourseTutorAnswer, CourseTutorAnswers, RatingFilter } from "../../server/courses/tutor-answers";
import type { DocumentedCode as DocumentedCodeContent } from "../../server/tutor/tasks";
import type { TraceStep } from "../../server/grading/observation";
import type { TraceView } from "../../server/trace/trace";
import type { accountView } from "../../server/auth/accounts";
import type { AssignmentSummary } from "../../server/courses/assignments";
import type { AssignedExerciseView, CourseDetail, CourseSummary, MemberView } from "../../server/courses/courses";
import type { ExerciseStatus } from "../../server/courses/status";
import type { ExtensionView } from "../../server/courses/extensions";
import type { SimilarityReport, SimilaritySide } from "../../server/courses/similarity";
import type { ChangedExercise, RegradeScope, RegradeView } from "../../server/regrade/regrade";
import type { LearnerTimeline, TimelineEvent } from "../../server/courses/timeline";
import type { Attempt, AttemptHistory } from "../../server/progress/history";
import type { CourseDashboard, LearnerDashboard } from "../../server/progress/queries";
import type { NextUp, PractiseExercise, UnitProgress, UnitRef } from "../../server/progress/learning-path";

export type { ExerciseDetail, ExerciseSummary, HintLevel, RankedConcept, Status, SubmissionView, TestResult, VisibleCase };
export type SubmissionState = SubmissionView["state"];
export type Progress = ProgressView;
export type RenderedMarkdown = Rendered;
/** The tutor's feedback, with the lines localization suspects (the stepper marks them). */
export type Feedback = Answered<FeedbackView>;
// Every tutor answer carries `answerId`, the id of its record, which the learner rates (docs/api.md).
export type HintView = Answered<HintContent>;
export type FunctionExplanation = Answered<FunctionExplanationContent>;
export type DocumentedCode = Answered<DocumentedCodeContent>;
export type Rating = RatingView;
export type { CourseTutorAnswer, CourseTutorAnswers, RatingFilter };
export type { ChangedExercise, RegradeScope, RegradeView };
/** A line the tutor suspects of the bug, and why: a repair, the spectrum, or where Python stopped. */
export type SuspectLine = FeedbackView["suspectLines"][number];
export type Trace = TraceView;
export type { TraceStep };
export type GeneratedTests = Answered<GeneratedTestsView>;
export type GeneratedCase = GeneratedTestsView["cases"][number];
/** The tutor's review of code that passed (or pasted code): suggestions a teacher would make, essential first. */
export type Review = Answered<ReviewView>;
export type ReviewSuggestion = ReviewSuggestionView;
export type ReviewSeverity = ReviewSuggestionView["severity"];

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown[] };
}

// socket.io events (server -> client)
export interface QueuedEvent {
  submissionId: string;
  queuePosition: number;
  /** Grading attempts made so far: more than 0 when an attempt could not go on and it waits again. */
  attempt?: number;
  /** Why it waits again (Docker unreachable, say), for the learner to read. */
  reason?: string;
}
export interface RunningEvent {
  submissionId: string;
  totalCount: number;
  /** Which grading attempt started (1 for the first). */
  attempt?: number;
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

export interface HintsState {
  hints: HintView[];
  nextLevel: HintLevel | null;
}

export interface Concept {
  id: string;
  title: string;
  lesson: RenderedMarkdown;
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

// ---- Accounts, courses and progress (docs/api.md, issue 5) --------------------------------------------------

export type Account = ReturnType<typeof accountView>;
export type Role = Account["role"];
export type AdminUser = Account & { createdAt: string };
export type { AssignedExerciseView as AssignedExercise, Attempt, AttemptHistory, CourseDashboard, LearnerDashboard, AssignmentSummary, CourseDetail, CourseSummary, ExerciseStatus, ExtensionView as DeadlineExtension, LearnerTimeline, MemberView as CourseMember, TimelineEvent };
export type AssignmentDetail = CourseDetail["assignments"][number];
export type { SimilarityReport, SimilaritySide };
export type SimilarityPair = SimilarityReport["pairs"][number];
export type ExerciseReviewSuggestions = CourseDashboard["reviewSuggestions"][number];
export type LearnerRef = LearnerTimeline["learner"];

export interface SignUpResult {
  user: Account;
  claimedProgress: boolean;
}

export interface ExerciseSet {
  name: string;
  title: string;
  exerciseCount: number;
}

// ---- The learning path (docs/api.md, "The course") ---------------------------------------------------------

export type { NextUp, PractiseExercise, UnitProgress, UnitRef };

/** GET /api/exercises: every exercise, and the units they belong to, in course order. */
export interface CourseList {
  exercises: ExerciseSummary[];
  units: UnitProgress[];
}

/** GET /api/units/:name. */
export interface UnitDetail {
  unit: UnitProgress;
  exercises: ExerciseSummary[];
  nextUp: NextUp | null;
  previous: UnitRef | null;
  next: UnitRef | null;
}

/** GET /api/exercises/:set/:slug/next. */
export interface ExerciseNext {
  unit: UnitProgress;
  nextUp: NextUp | null;
}

// LTI 1.3 registration (admins): GET /api/admin/lti.
export type LtiToolConfiguration = ToolConfiguration;
export type LtiKey = ToolKeySummary;
export type LtiPlatformRegistration = PlatformRegistration;
export type LtiPlatform = PlatformView;

export interface LtiOverview {
  tool: LtiToolConfiguration;
  keys: LtiKey[];
  platforms: LtiPlatform[];
}

// A course's LTI status and roster sync (its instructors): GET /api/courses/:id/lti, POST .../lti/roster-sync.
export type CourseLtiStatus = ServerCourseLtiStatus;
export type RosterSyncResult = ServerRosterSyncResult;
