// Typed wrappers around the HTTP API (docs/api.md). Error responses become thrown ApiErrors carrying the
// server's message.
import type { ApiErrorBody, ExerciseDetail, ExerciseSummary, SubmissionView } from "./types";

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

async function request<T>(method: "GET" | "POST", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" }, signal };
  if (body !== undefined) {
    init.headers = { Accept: "application/json", "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError("Could not reach the Tutor server. Check your connection and try again.", 0, "network");
  }
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
