// The learning path through the course: each unit (a problem set, in folder order) with the learner's progress in
// it, what comes next, and which exercises practise a concept. Nothing is locked: these only suggest, and a learner
// may open any exercise. Pure functions of the catalog's sets and the learner's progress; queries.ts reads the rows.
import type { ExerciseSet } from "../exercises/catalog";
import type { Exercise } from "../exercises/exercise";
import { concept } from "../tutor/concepts/catalogue";

/** What the path needs to know of a learner's progress on one exercise. */
export interface PathState {
  solved: boolean;
  /** At least one graded submission. */
  attempted: boolean;
}
export type PathStates = ReadonlyMap<string, PathState>;

/** The path's view of a learner's progress rows (Progress rows from the database, or the same fields). */
export function pathStatesOf(rows: { exerciseId: string; attempts: number; firstSolvedAt: Date | null }[]): PathStates {
  return new Map(rows.map((p) => [p.exerciseId, { solved: p.firstSolvedAt !== null, attempted: p.attempts > 0 }]));
}

export interface UnitRef {
  name: string;
  title: string;
}

export interface UnitProgress extends UnitRef {
  summary: string;
  /** What a learner will be able to do after the unit (set.yaml's `topics`). */
  topics: string[];
  /** The concepts it teaches; those the tutor knows have a lesson at #/concepts/<id>. */
  concepts: { id: string; title: string; hasLesson: boolean }[];
  total: number;
  solved: number;
  /** Attempted but not solved yet. */
  attempted: number;
}

export interface NextUp {
  id: string;
  set: string;
  slug: string;
  title: string;
  unit: UnitRef;
  /** Where it comes from: the same unit, a later unit, or (once every later one is done) an earlier one skipped. */
  kind: "same-unit" | "next-unit" | "earlier-unit";
}

const solved = (states: PathStates, id: string) => states.get(id)?.solved ?? false;

export function unitProgress(set: ExerciseSet, states: PathStates): UnitProgress {
  const ids = set.exercises.map((e) => e.id);
  return {
    name: set.name,
    title: set.title,
    summary: set.summary,
    topics: set.topics,
    concepts: set.concepts.map((id) => {
      const known = concept(id);
      return { id, title: known?.title ?? id, hasLesson: known !== null };
    }),
    total: ids.length,
    solved: ids.filter((id) => solved(states, id)).length,
    attempted: ids.filter((id) => !solved(states, id) && (states.get(id)?.attempted ?? false)).length,
  };
}

/**
 * What to do next, from unit `unit`: after exercise `after` (an exercise page) or from the unit's start (its
 * page, `after` null). The next unsolved exercise of the unit (those after `after` first, then any skipped before
 * it), else the first unsolved exercise of a later unit, else of an earlier one. Never `after` itself; null when
 * everything else is solved.
 */
export function nextUp(sets: ExerciseSet[], states: PathStates, from: { unit: string; after: string | null }): NextUp | null {
  const unitIndex = sets.findIndex((s) => s.name === from.unit);
  const open = (e: Exercise) => e.id !== from.after && !solved(states, e.id);
  const pick = (set: ExerciseSet, exercises: Exercise[], kind: NextUp["kind"]): NextUp | null => {
    const found = exercises.find(open);
    return found ? { id: found.id, set: found.set, slug: found.slug, title: found.title, unit: { name: set.name, title: set.title }, kind } : null;
  };
  const unit = sets[unitIndex];
  if (unit) {
    const at = unit.exercises.findIndex((e) => e.id === from.after);
    const inUnit = pick(unit, [...unit.exercises.slice(at + 1), ...unit.exercises.slice(0, Math.max(at, 0))], "same-unit");
    if (inUnit) return inUnit;
  }
  for (const set of sets.slice(unitIndex + 1)) {
    const later = pick(set, set.exercises, "next-unit");
    if (later) return later;
  }
  for (const set of sets.slice(0, Math.max(unitIndex, 0))) {
    const earlier = pick(set, set.exercises, "earlier-unit");
    if (earlier) return earlier;
  }
  return null;
}

/** The units before and after `name`, for a unit page's links. */
export function neighbours(sets: ExerciseSet[], name: string): { previous: UnitRef | null; next: UnitRef | null } {
  const i = sets.findIndex((s) => s.name === name);
  const ref = (s: ExerciseSet | undefined): UnitRef | null => (s && i >= 0 ? { name: s.name, title: s.title } : null);
  return { previous: ref(sets[i - 1]), next: ref(sets[i + 1]) };
}

export interface PractiseExercise {
  id: string;
  title: string;
  unit: UnitRef;
  difficulty: number;
  solved: boolean;
}

/** The exercises that practise concept `id` (exercise.yaml's `concepts`), in course order: a lesson's "Practise it". */
export function practising(sets: ExerciseSet[], id: string, states: PathStates): PractiseExercise[] {
  return sets.flatMap((set) =>
    set.exercises
      .filter((e) => e.concepts.includes(id))
      .map((e) => ({ id: e.id, title: e.title, unit: { name: set.name, title: set.title }, difficulty: e.difficulty, solved: solved(states, e.id) })),
  );
}
