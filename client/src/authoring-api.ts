// Typed wrappers around the authoring routes (docs/api.md, "Authoring"), for instructors and admins.
import { getMe, request } from "./api";
import type { AuthoringView, CheckView, Proposals } from "../../server/authoring/service";
import type { DraftCase, ExerciseDraft } from "../../server/authoring/draft";
import type { ExerciseProblem } from "../../server/exercises/exercise";
import type { ExerciseDetail } from "./types";

export type { AuthoringView, CheckView, DraftCase, ExerciseDraft, ExerciseProblem, Proposals };

export interface AuthoringSet {
  name: string;
  title: string;
  exercises: { slug: string; title: string | null }[];
}

function authoringPath(set: string, slug: string): string {
  return `/api/authoring/exercises/${encodeURIComponent(set)}/${encodeURIComponent(slug)}`;
}

export async function readExerciseDraft(set: string, slug: string, signal?: AbortSignal): Promise<AuthoringView> {
  return (await request<{ exercise: AuthoringView }>("GET", authoringPath(set, slug), undefined, signal)).exercise;
}

export async function previewDraft(set: string, slug: string, draft: ExerciseDraft, signal?: AbortSignal): Promise<{ preview: ExerciseDetail | null; problems: ExerciseProblem[] }> {
  return await request("POST", `${authoringPath(set, slug)}/preview`, { draft }, signal);
}

export async function checkDraft(set: string, slug: string, draft: ExerciseDraft, requestId: string, signal?: AbortSignal): Promise<CheckView> {
  return (await request<{ check: CheckView }>("POST", `${authoringPath(set, slug)}/check`, { draft, requestId }, signal)).check;
}

export async function proposeCases(set: string, slug: string, draft: ExerciseDraft, requestId: string, signal?: AbortSignal): Promise<Proposals> {
  return (await request<{ proposals: Proposals }>("POST", `${authoringPath(set, slug)}/proposals`, { draft, requestId }, signal)).proposals;
}

export async function saveDraft(set: string, slug: string, draft: ExerciseDraft, baseVersion: string, requestId: string): Promise<AuthoringView & { check: CheckView }> {
  return (await request<{ exercise: AuthoringView & { check: CheckView } }>("PUT", authoringPath(set, slug), { draft, baseVersion, requestId })).exercise;
}

export async function createExercise(set: string, slug: string, title: string): Promise<AuthoringView> {
  return (await request<{ exercise: AuthoringView }>("POST", "/api/authoring/exercises", { set, slug, ...(title ? { title } : {}) })).exercise;
}

export async function listAuthoringSets(signal?: AbortSignal): Promise<AuthoringSet[]> {
  return (await request<{ sets: AuthoringSet[] }>("GET", "/api/authoring/sets", undefined, signal)).sets;
}

/** Whether whoever uses this browser now may author exercises (asked each time: they may have signed in since). */
export async function canAuthor(signal?: AbortSignal): Promise<boolean> {
  try {
    const user = await getMe(signal);
    return user.role === "instructor" || user.role === "admin";
  } catch {
    return false;
  }
}
