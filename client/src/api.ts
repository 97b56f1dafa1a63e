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
  SubmissionView,
  TutorCodeRequest,
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

export async function request<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (method !== "GET" && csrfToken === null) await request("GET", "/api/me", undefined, signal);
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
  if (parsed === undefined) throw new ApiError("The server sent a response that is not JSON.", response.status, "parse");
  return parsed as T;
}

function exercisePath(set: string, slug: string): string {
  return `/api/exercises/${encodeURIComponent(set)}/${encodeURIComponent(slug)}`;
}

export async function listExercises(signal?: AbortSignal): Promise<ExerciseSummary[]> {
  return (await request<{ exercises: ExerciseSummary[] }>("GET", "/api/exercises", undefined, signal)).exercises;
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
