// The rules of an instructor's class dashboard, as pure functions: the heatmap of learners × exercises, the cases
// failed most often, the concepts behind failures, and hint usage. Case names only: a hidden case's input and
// expected value are never in the stored results these read.
import type { Progress } from "../database/generated/client";
import { type ExerciseStatus, exerciseStatus } from "../courses/status";
import type { TestResult } from "../grading/judge";

export interface Cell {
  learnerId: string;
  exerciseId: string;
  status: ExerciseStatus;
  attempts: number;
  hintsUsed: number;
}

const key = (learnerId: string, exerciseId: string) => `${learnerId}\n${exerciseId}`;

export interface HintTaken {
  learnerId: string;
  exerciseId: string;
  submissionId: string;
  level: number;
}

/** Each level of each submission once: the tutor records a hint again each time it is shown. */
function distinctHints(hints: HintTaken[]): HintTaken[] {
  const seen = new Set<string>();
  return hints.filter((h) => {
    const k = `${h.submissionId}:${h.level}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One cell per learner and exercise, learners in the given order, then exercises in the given order. */
export function heatmapCells(
  learnerIds: string[],
  exerciseIds: string[],
  progress: Pick<Progress, "userId" | "exerciseId" | "attempts" | "firstSolvedAt">[],
  hints: HintTaken[],
): Cell[] {
  const progressOf = new Map(progress.map((p) => [key(p.userId, p.exerciseId), p]));
  const hintsOf = new Map<string, number>();
  for (const h of distinctHints(hints)) hintsOf.set(key(h.learnerId, h.exerciseId), (hintsOf.get(key(h.learnerId, h.exerciseId)) ?? 0) + 1);
  return learnerIds.flatMap((learnerId) =>
    exerciseIds.map((exerciseId) => {
      const p = progressOf.get(key(learnerId, exerciseId));
      return { learnerId, exerciseId, status: exerciseStatus(p), attempts: p?.attempts ?? 0, hintsUsed: hintsOf.get(key(learnerId, exerciseId)) ?? 0 };
    }),
  );
}

export interface CellSummary {
  learners: number;
  solvedCells: number;
  attemptedCells: number;
  notStartedCells: number;
}

export function cellSummary(learnerCount: number, cells: Cell[]): CellSummary {
  const count = (status: ExerciseStatus) => cells.filter((c) => c.status === status).length;
  return { learners: learnerCount, solvedCells: count("solved"), attemptedCells: count("attempted"), notStartedCells: count("not-started") };
}

export interface GradedResults {
  learnerId: string;
  exerciseId: string;
  tests: TestResult[];
}

/**
 * A case counts as failed when the learner's code ran and got it wrong (failed, raised, ran out of time, memory or
 * output). A syntax error fails every case at once and says nothing about any one of them, so it is left out, as
 * is our own internal error.
 */
const CASE_FAILURES = new Set(["failed", "error", "timeout", "memory-limit", "output-limit"]);

export interface FailedCase {
  exerciseId: string;
  caseName: string;
  hidden: boolean;
  /** Submissions that failed it. */
  failures: number;
  /** Distinct learners who failed it at least once. */
  learners: number;
}

export function mostFailedCases(graded: GradedResults[], limit = 10): FailedCase[] {
  const by = new Map<string, { exerciseId: string; caseName: string; hidden: boolean; failures: number; learners: Set<string> }>();
  for (const g of graded) {
    for (const t of g.tests) {
      if (!CASE_FAILURES.has(t.status)) continue;
      const k = `${g.exerciseId}\n${t.name}`;
      const entry = by.get(k) ?? { exerciseId: g.exerciseId, caseName: t.name, hidden: t.hidden, failures: 0, learners: new Set<string>() };
      entry.failures++;
      entry.learners.add(g.learnerId);
      by.set(k, entry);
    }
  }
  return [...by.values()]
    .map((e) => ({ exerciseId: e.exerciseId, caseName: e.caseName, hidden: e.hidden, failures: e.failures, learners: e.learners.size }))
    .sort((a, b) => b.failures - a.failures || b.learners - a.learners || a.exerciseId.localeCompare(b.exerciseId) || a.caseName.localeCompare(b.caseName))
    .slice(0, limit);
}

export interface HintUsage {
  exerciseId: string;
  level1: number;
  level2: number;
  level3: number;
}

/** Hints taken per exercise and level, for every exercise given (zeros included), in the given order. */
export function hintUsage(exerciseIds: string[], hints: HintTaken[]): HintUsage[] {
  const usage = new Map(exerciseIds.map((id) => [id, { exerciseId: id, level1: 0, level2: 0, level3: 0 }]));
  for (const h of distinctHints(hints)) {
    const u = usage.get(h.exerciseId);
    if (u && (h.level === 1 || h.level === 2 || h.level === 3)) u[`level${h.level}`]++;
  }
  return [...usage.values()];
}

/** A review the tutor gave a learner's passing submission (a TutorAnswer of kind "review", as stored). */
export interface ReviewGiven {
  learnerId: string;
  exerciseId: string;
  content: unknown;
}

export interface ExerciseReviewSuggestions {
  exerciseId: string;
  /** Most learners first, essential before actionable among equals; celebratory ones are left out (praise). */
  suggestions: { id: string; title: string; severity: string; learners: number }[];
}

/**
 * Which review suggestions the class's passing code got, per exercise: each suggestion counts a learner once, however
 * many reviews repeated it. It tells an instructor what to teach next even though every test passed.
 */
export function commonReviewSuggestions(exerciseIds: string[], reviews: ReviewGiven[], perExercise = 5): ExerciseReviewSuggestions[] {
  const by = new Map<string, Map<string, { title: string; severity: string; learners: Set<string> }>>();
  for (const r of reviews) {
    const stored = (r.content as { suggestions?: unknown } | null)?.suggestions;
    if (!Array.isArray(stored)) continue;
    for (const s of stored as { id?: unknown; title?: unknown; severity?: unknown; source?: unknown }[]) {
      if (typeof s?.id !== "string" || s.source === "model" || s.severity === "celebratory") continue;
      const exercise = by.get(r.exerciseId) ?? new Map();
      by.set(r.exerciseId, exercise);
      const entry = exercise.get(s.id) ?? { title: typeof s.title === "string" ? s.title : s.id, severity: typeof s.severity === "string" ? s.severity : "actionable", learners: new Set<string>() };
      entry.learners.add(r.learnerId);
      exercise.set(s.id, entry);
    }
  }
  return exerciseIds.flatMap((exerciseId) => {
    const found = by.get(exerciseId);
    if (!found) return [];
    const suggestions = [...found]
      .map(([id, e]) => ({ id, title: e.title, severity: e.severity, learners: e.learners.size }))
      .sort((a, b) => b.learners - a.learners || Number(b.severity === "essential") - Number(a.severity === "essential") || a.id.localeCompare(b.id))
      .slice(0, perExercise);
    return [{ exerciseId, suggestions }];
  });
}

export interface RatingGiven {
  /** Null for an answer of the Explain code page, which no exercise is behind. */
  exerciseId: string | null;
  engine: string;
  helpful: boolean;
}

export interface HelpfulShare {
  rated: number;
  helpful: number;
  /** helpful / rated, from 0 to 1. */
  share: number;
}

export interface TutorRatings {
  /** Exercises with at least one rated answer, in the given order. */
  byExercise: (HelpfulShare & { exerciseId: string })[];
  /** Engines with at least one rated answer (the Explain code page's answers included), offline first. */
  byEngine: (HelpfulShare & { engine: string })[];
}

function share(ratings: RatingGiven[]): HelpfulShare {
  const helpful = ratings.filter((r) => r.helpful).length;
  return { rated: ratings.length, helpful, share: ratings.length === 0 ? 0 : helpful / ratings.length };
}

/** The share of rated answers that learners found helpful, per exercise and per engine. */
export function tutorRatings(exerciseIds: string[], ratings: RatingGiven[]): TutorRatings {
  const byExercise = exerciseIds.flatMap((exerciseId) => {
    const of = ratings.filter((r) => r.exerciseId === exerciseId);
    return of.length > 0 ? [{ exerciseId, ...share(of) }] : [];
  });
  const engines = [...new Set(ratings.map((r) => r.engine))].sort((a, b) => (a === "offline" ? -1 : b === "offline" ? 1 : a.localeCompare(b)));
  return { byExercise, byEngine: engines.map((engine) => ({ engine, ...share(ratings.filter((r) => r.engine === engine)) })) };
}

export interface HintThreeUse {
  exerciseId: string;
  /** Times hint 3 (the plan) was taken: at most once per submission. */
  taken: number;
  /** Distinct learners who took it. */
  learners: number;
}

/** The exercises where learners take the last hint most often: where they stay stuck after the first two. */
export function hintThreeMost(hints: HintTaken[], limit = 5): HintThreeUse[] {
  const by = new Map<string, { taken: Set<string>; learners: Set<string> }>();
  for (const h of hints) {
    if (h.level !== 3) continue;
    const entry = by.get(h.exerciseId) ?? { taken: new Set<string>(), learners: new Set<string>() };
    entry.taken.add(h.submissionId);
    entry.learners.add(h.learnerId);
    by.set(h.exerciseId, entry);
  }
  return [...by.entries()]
    .map(([exerciseId, e]) => ({ exerciseId, taken: e.taken.size, learners: e.learners.size }))
    .sort((a, b) => b.taken - a.taken || b.learners - a.learners || a.exerciseId.localeCompare(b.exerciseId))
    .slice(0, limit);
}
