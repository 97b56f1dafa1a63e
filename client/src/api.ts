// Typed wrappers around the HTTP API (docs/api.md). Error responses become thrown ApiErrors carrying the
// server's message.
import type {
  ApiErrorBody,
  Concept,
  DocumentedCode,
  ExerciseDetail,
  ExerciseSummary,
  Feedback,
  FunctionExplanation,
  GeneratedTests,
  HintLevel,
  HintsState,
  HintView,
  Review,
  SubmissionView,
  Trace,
  TutorCodeRequest,
} from "./types";
import type { ChangedExercise, CourseList, CourseLtiStatus, RosterSyncResult, LtiKey, LtiOverview, LtiPlatform, LtiPlatformRegistration, CourseTutorAnswers, ExerciseNext, PractiseExercise, Rating, RegradeScope, RegradeView, SimilarityReport, UnitDetail } from "./types";
import type {
  Account,
  AdminUser,
  AttemptHistory,
  CourseDashboard,
  CourseDetail,
  CourseSummary,
  DeadlineExtension,
  ExerciseSet,
  LearnerDashboard,
  LearnerTimeline,
  Role,
  SignUpResult,
} from "./types";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string";
}

// Every API response carries the CSRF token of whoever is signed in (or of this browser's anonymous
// learner); state-changing requests send the latest one back.
let csrfToken: string | null = null;

// Until a first answer came back, requests wait for one GET /api/me: on a first visit it creates the anonymous
// learner and its cookie, which requests sent alongside it would each do again; and it brings the CSRF token.
let identityReady: Promise<void> | null = null;

function ensureIdentity(): Promise<void> {
  identityReady ??= send("GET", "/api/me").then(
    () => undefined,
    () => {
      identityReady = null; // The request that follows reports the problem; a later one tries again.
    },
  );
  return identityReady;
}

export async function request<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (csrfToken === null) await ensureIdentity();
  return send<T>(method, path, body, signal);
}

async function send<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers, signal };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    headers["X-CSRF-Token"] = csrfToken ?? "";
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError("Could not reach the Tutor server. Check your connection and try again.", 0, "network");
  }
  csrfToken = response.headers.get("X-CSRF-Token") ?? csrfToken;
  let parsed: unknown = undefined;
  const text = await response.text();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    if (isApiErrorBody(parsed)) {
      const { code, message, details } = parsed.error;
      throw new ApiError(message, response.status, code, Array.isArray(details) ? details : []);
    }
    throw new ApiError(
      `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
      response.status,
      "http",
    );
  }
  if (response.status === 204) return undefined as T; // No Content: callers of such routes expect nothing.
  if (parsed === undefined) throw new ApiError("The server sent a response that is not JSON.", response.status, "parse");
  return parsed as T;
}

function exercisePath(set: string, slug: string): string {
  return `/api/exercises/${encodeURIComponent(set)}/${encodeURIComponent(slug)}`;
}

/** Every exercise, and the units (problem sets) of the course in order, each with the learner's progress. */
export async function listExercises(signal?: AbortSignal): Promise<CourseList> {
  return await request<CourseList>("GET", "/api/exercises", undefined, signal);
}

export async function getExercise(set: string, slug: string, signal?: AbortSignal): Promise<ExerciseDetail> {
  return (await request<{ exercise: ExerciseDetail }>("GET", exercisePath(set, slug), undefined, signal)).exercise;
}

export async function submitCode(set: string, slug: string, code: string, signal?: AbortSignal): Promise<SubmissionView> {
  const path = `${exercisePath(set, slug)}/submissions`;
  return (await request<{ submission: SubmissionView }>("POST", path, { code }, signal)).submission;
}

export async function getSubmission(id: string, signal?: AbortSignal): Promise<SubmissionView> {
  const path = `/api/submissions/${encodeURIComponent(id)}`;
  return (await request<{ submission: SubmissionView }>("GET", path, undefined, signal)).submission;
}

export async function listSubmissions(set: string, slug: string, signal?: AbortSignal): Promise<SubmissionView[]> {
  const path = `${exercisePath(set, slug)}/submissions`;
  return (await request<{ submissions: SubmissionView[] }>("GET", path, undefined, signal)).submissions;
}

// ---- The tutor ----------------------------------------------------------------------------------------------

function submissionPath(id: string): string {
  return `/api/submissions/${encodeURIComponent(id)}`;
}

/** The tutor's explanation of a graded submission (a model may stream it first as `tutor:text`). */
export async function getFeedback(submissionId: string, signal?: AbortSignal): Promise<Feedback> {
  return (await request<{ feedback: Feedback }>("GET", `${submissionPath(submissionId)}/feedback`, undefined, signal)).feedback;
}

export async function getHints(submissionId: string, signal?: AbortSignal): Promise<HintsState> {
  return await request<HintsState>("GET", `${submissionPath(submissionId)}/hints`, undefined, signal);
}

/** Levels go in order: asking out of order is a 409, a spent daily budget a 429 (both with a message). */
export async function requestHint(submissionId: string, level: HintLevel, signal?: AbortSignal): Promise<HintView> {
  return (await request<{ hint: HintView }>("POST", `${submissionPath(submissionId)}/hints`, { level }, signal)).hint;
}

export async function getConcept(id: string, signal?: AbortSignal): Promise<Concept> {
  return (await request<{ concept: Concept }>("GET", `/api/concepts/${encodeURIComponent(id)}`, undefined, signal)).concept;
}

export async function explainFunction(body: TutorCodeRequest, signal?: AbortSignal): Promise<FunctionExplanation> {
  return (await request<{ explanation: FunctionExplanation }>("POST", "/api/tutor/explain", body, signal)).explanation;
}

/** Docstrings take no function name: every function gets one. */
export async function writeDocstrings(body: Omit<TutorCodeRequest, "function">, signal?: AbortSignal): Promise<DocumentedCode> {
  return (await request<{ result: DocumentedCode }>("POST", "/api/tutor/docstrings", body, signal)).result;
}

export async function generateTests(body: TutorCodeRequest, signal?: AbortSignal): Promise<GeneratedTests> {
  return (await request<{ tests: GeneratedTests }>("POST", "/api/tutor/tests", body, signal)).tests;
}

/** The review of the learner's own submission that passed every test (409 if it did not pass). */
export async function getReview(submissionId: string, signal?: AbortSignal): Promise<Review> {
  return (await request<{ review: Review }>("GET", `${submissionPath(submissionId)}/review`, undefined, signal)).review;
}

/** The review of pasted code; no function name: the whole snippet is read. */
export async function reviewCode(body: Omit<TutorCodeRequest, "function">, signal?: AbortSignal): Promise<Review> {
  return (await request<{ review: Review }>("POST", "/api/tutor/review", body, signal)).review;
}

// ---- Stepping through a run (docs/api.md) -------------------------------------------------------------------

/** Traces a case of a graded submission of the learner's: the visible case named, or else the first failing one. */
export async function traceSubmission(submissionId: string, caseName: string | null, signal?: AbortSignal): Promise<Trace> {
  return (await request<{ trace: Trace }>("POST", `${submissionPath(submissionId)}/trace`, caseName === null ? {} : { case: caseName }, signal)).trace;
}

/** Traces a call (a Python expression) evaluated in pasted code. */
export async function traceCall(body: { code: string; call: string }, signal?: AbortSignal): Promise<Trace> {
  return (await request<{ trace: Trace }>("POST", "/api/tutor/trace", body, signal)).trace;
}

// ---- Accounts -------------------------------------------------------------------------------------------------

export async function getMe(signal?: AbortSignal): Promise<Account> {
  return (await request<{ user: Account }>("GET", "/api/me", undefined, signal)).user;
}

export async function signUp(body: { email: string; password: string; displayName?: string }): Promise<SignUpResult> {
  return await request<SignUpResult>("POST", "/api/auth/signup", body);
}

export async function signIn(body: { email: string; password: string }): Promise<Account> {
  return (await request<{ user: Account }>("POST", "/api/auth/signin", body)).user;
}

/** Ends every session of the account; this browser gets a new one (and a new CSRF token) with the answer. */
export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<Account> {
  return (await request<{ user: Account }>("POST", "/api/auth/password", body)).user;
}

export async function signOut(): Promise<void> {
  await request("POST", "/api/auth/signout", {});
}

export async function listUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return (await request<{ users: AdminUser[] }>("GET", "/api/admin/users", undefined, signal)).users;
}

export async function setUserRole(userId: string, role: Role): Promise<Account> {
  return (await request<{ user: Account }>("POST", `/api/admin/users/${encodeURIComponent(userId)}/role`, { role })).user;
}

// ---- Courses --------------------------------------------------------------------------------------------------

function coursePath(id: string): string {
  return `/api/courses/${encodeURIComponent(id)}`;
}

export async function listCourses(signal?: AbortSignal): Promise<CourseSummary[]> {
  return (await request<{ courses: CourseSummary[] }>("GET", "/api/courses", undefined, signal)).courses;
}

export async function createCourse(name: string): Promise<CourseSummary> {
  return (await request<{ course: CourseSummary }>("POST", "/api/courses", { name })).course;
}

export async function joinCourse(code: string): Promise<CourseSummary> {
  return (await request<{ course: CourseSummary }>("POST", "/api/courses/join", { code })).course;
}

export async function getCourse(id: string, signal?: AbortSignal): Promise<CourseDetail> {
  return (await request<{ course: CourseDetail }>("GET", coursePath(id), undefined, signal)).course;
}

export async function addCoInstructor(courseId: string, email: string): Promise<void> {
  await request("POST", `${coursePath(courseId)}/instructors`, { email });
}

export async function listExerciseSets(signal?: AbortSignal): Promise<ExerciseSet[]> {
  return (await request<{ sets: ExerciseSet[] }>("GET", "/api/exercise-sets", undefined, signal)).sets;
}

export async function assignSet(courseId: string, setName: string, dueAt: string | null): Promise<void> {
  await request("POST", `${coursePath(courseId)}/assignments`, { setName, dueAt });
}

export async function updateAssignment(courseId: string, setName: string, dueAt: string | null): Promise<void> {
  await request("PUT", `${coursePath(courseId)}/assignments/${encodeURIComponent(setName)}`, { dueAt });
}

export async function removeAssignment(courseId: string, setName: string): Promise<void> {
  await request("DELETE", `${coursePath(courseId)}/assignments/${encodeURIComponent(setName)}`, {});
}

export async function listExtensions(courseId: string, signal?: AbortSignal): Promise<DeadlineExtension[]> {
  return (await request<{ extensions: DeadlineExtension[] }>("GET", `${coursePath(courseId)}/extensions`, undefined, signal)).extensions;
}

/** Gives the learner their own due date for the set; granting again replaces it. */
export async function grantExtension(courseId: string, setName: string, learnerId: string, dueAt: string | null): Promise<void> {
  await request("PUT", `${coursePath(courseId)}/assignments/${encodeURIComponent(setName)}/extensions/${encodeURIComponent(learnerId)}`, { dueAt });
}

export async function removeExtension(courseId: string, setName: string, learnerId: string): Promise<void> {
  await request("DELETE", `${coursePath(courseId)}/assignments/${encodeURIComponent(setName)}/extensions/${encodeURIComponent(learnerId)}`, {});
}

export async function removeMember(courseId: string, userId: string): Promise<void> {
  await request("DELETE", `${coursePath(courseId)}/members/${encodeURIComponent(userId)}`, {});
}

export async function getLearnerTimeline(courseId: string, userId: string, signal?: AbortSignal): Promise<LearnerTimeline> {
  return await request<LearnerTimeline>("GET", `${coursePath(courseId)}/learners/${encodeURIComponent(userId)}/timeline`, undefined, signal);
}

/** The course's exercises that changed since some submissions were graded, and its latest regrade of each. */
export async function listRegrades(courseId: string, signal?: AbortSignal): Promise<{ changed: ChangedExercise[]; regrades: RegradeView[] }> {
  return await request<{ changed: ChangedExercise[]; regrades: RegradeView[] }>("GET", `${coursePath(courseId)}/regrades`, undefined, signal);
}

/** Queues the stale submissions of the exercise (each learner's latest, or all) to be graded again. */
export async function startRegrade(courseId: string, exercise: string, scope: RegradeScope): Promise<RegradeView> {
  return (await request<{ regrade: RegradeView }>("POST", `${coursePath(courseId)}/regrades`, { exercise, scope })).regrade;
}

export async function getRegrade(courseId: string, regradeId: string, signal?: AbortSignal): Promise<RegradeView> {
  return (await request<{ regrade: RegradeView }>("GET", `${coursePath(courseId)}/regrades/${encodeURIComponent(regradeId)}`, undefined, signal)).regrade;
}

export function courseExportHref(courseId: string): string {
  return `${coursePath(courseId)}/export.csv`;
}

// ---- Progress -------------------------------------------------------------------------------------------------

export async function getHistory(set: string, slug: string, signal?: AbortSignal): Promise<AttemptHistory> {
  return await request<AttemptHistory>("GET", `${exercisePath(set, slug)}/history`, undefined, signal);
}

/** Active seconds on an exercise since the last report (1..60). */
export async function reportActivity(set: string, slug: string, seconds: number): Promise<void> {
  await request("POST", `${exercisePath(set, slug)}/activity`, { seconds });
}

export async function getLearnerDashboard(signal?: AbortSignal): Promise<LearnerDashboard> {
  return await request<LearnerDashboard>("GET", "/api/dashboard", undefined, signal);
}

// ---- The learning path ----------------------------------------------------------------------------------------

export async function getUnit(name: string, signal?: AbortSignal): Promise<UnitDetail> {
  return await request<UnitDetail>("GET", `/api/units/${encodeURIComponent(name)}`, undefined, signal);
}

/** What comes after an exercise, and the progress of its unit. */
export async function getNextUp(set: string, slug: string, signal?: AbortSignal): Promise<ExerciseNext> {
  return await request<ExerciseNext>("GET", `${exercisePath(set, slug)}/next`, undefined, signal);
}

export async function getConceptExercises(id: string, signal?: AbortSignal): Promise<PractiseExercise[]> {
  return (await request<{ exercises: PractiseExercise[] }>("GET", `/api/concepts/${encodeURIComponent(id)}/exercises`, undefined, signal)).exercises;
}

export async function getSimilarity(courseId: string, set: string, slug: string, signal?: AbortSignal): Promise<SimilarityReport> {
  return await request<SimilarityReport>("GET", `${coursePath(courseId)}/similarity/${encodeURIComponent(set)}/${encodeURIComponent(slug)}`, undefined, signal);
}

export async function getCourseDashboard(courseId: string, signal?: AbortSignal): Promise<CourseDashboard> {
  return await request<CourseDashboard>("GET", `${coursePath(courseId)}/dashboard`, undefined, signal);
}

/** Rates a tutor answer the learner was given (its `answerId`); rating again replaces the rating. */
export async function rateAnswer(answerId: string, helpful: boolean, comment: string | null): Promise<Rating> {
  return (await request<{ rating: Rating }>("PUT", `/api/tutor/answers/${encodeURIComponent(answerId)}/rating`, { helpful, comment })).rating;
}

/** The instructors' answers page: what the tutor told the course's learners, newest first, a page at a time. */
export async function getCourseTutorAnswers(courseId: string, filters: { exercise?: string; engine?: string; rating?: string; page?: number }, signal?: AbortSignal): Promise<CourseTutorAnswers> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== "") query.set(name, String(value));
  const suffix = query.size > 0 ? `?${query}` : "";
  return await request<CourseTutorAnswers>("GET", `/api/courses/${encodeURIComponent(courseId)}/tutor-answers${suffix}`, undefined, signal);
}

// ---- LTI (admins) ---------------------------------------------------------------------------------------------

export async function getLtiOverview(signal?: AbortSignal): Promise<LtiOverview> {
  return request<LtiOverview>("GET", "/api/admin/lti", undefined, signal);
}

export async function registerLtiPlatform(body: LtiPlatformRegistration): Promise<LtiPlatform> {
  return (await request<{ platform: LtiPlatform }>("POST", "/api/admin/lti/platforms", body)).platform;
}

export async function removeLtiPlatform(id: string): Promise<void> {
  await request<null>("DELETE", `/api/admin/lti/platforms/${encodeURIComponent(id)}`, {});
}

export async function rotateLtiKey(): Promise<LtiKey[]> {
  return (await request<{ keys: LtiKey[] }>("POST", "/api/admin/lti/keys/rotate", {})).keys;
}

export async function getCourseLti(courseId: string, signal?: AbortSignal): Promise<CourseLtiStatus> {
  return request<CourseLtiStatus>("GET", `${coursePath(courseId)}/lti`, undefined, signal);
}

export async function syncCourseRoster(courseId: string): Promise<RosterSyncResult> {
  return (await request<{ sync: RosterSyncResult }>("POST", `${coursePath(courseId)}/lti/roster-sync`, {})).sync;
}
