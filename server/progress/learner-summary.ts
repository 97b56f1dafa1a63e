// The rules of a learner's dashboard, as pure functions of what the database holds: the streak, the last four
// weeks of activity, the concepts practised and the ones that keep tripping the learner up, and what to try next.
// Days are UTC calendar days ("2026-11-27"), the same for every learner wherever they are.
import { conceptCounts } from "./tutor-record";

const DAY_MS = 24 * 60 * 60 * 1000;

export const utcDay = (d: Date): string => d.toISOString().slice(0, 10);

const dayBefore = (day: string): string => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS));

/**
 * Consecutive days with a submission, ending today, or yesterday when today has none yet: a streak is not broken
 * until a whole day has passed without practice.
 */
export function streakDays(activeDays: ReadonlySet<string>, now: Date): number {
  let day = utcDay(now);
  if (!activeDays.has(day)) day = dayBefore(day);
  let streak = 0;
  while (activeDays.has(day)) {
    streak++;
    day = dayBefore(day);
  }
  return streak;
}

export interface DayActivity {
  date: string;
  submissions: number;
  /** Exercises solved for the first time that day. */
  solved: number;
}

/** One entry per day of the last `days` days (today included), oldest first, days without activity included. */
export function recentActivity(submittedAt: Date[], firstSolvedAt: Date[], now: Date, days = 28): DayActivity[] {
  const count = (dates: Date[]) => {
    const by = new Map<string, number>();
    for (const d of dates) by.set(utcDay(d), (by.get(utcDay(d)) ?? 0) + 1);
    return by;
  };
  const submissions = count(submittedAt);
  const solved = count(firstSolvedAt);
  const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const date = utcDay(new Date(today - (days - 1 - i) * DAY_MS));
    return { date, submissions: submissions.get(date) ?? 0, solved: solved.get(date) ?? 0 };
  });
}

/** Each concept of the solved exercises (exercise.yaml's `concepts`), counted once per exercise. */
export function practisedConcepts(solvedExerciseConcepts: string[][]) {
  return conceptCounts(solvedExerciseConcepts.flatMap((concepts) => [...new Set(concepts)]));
}

export interface FailedAttempt {
  exerciseId: string;
  /** The concepts the tutor named as the cause (tutor-record.ts causeConcepts); empty if it was never asked. */
  concepts: string[];
}

/**
 * Concepts in failures not yet overcome: failures on exercises the learner has not solved since. Once an exercise
 * is solved, the concepts it tripped over stop counting; counted once per failed submission.
 */
export function trippingConcepts(failures: FailedAttempt[], solvedExercises: ReadonlySet<string>): { id: string; title: string; failures: number }[] {
  const open = failures.filter((f) => !solvedExercises.has(f.exerciseId));
  return conceptCounts(open.flatMap((f) => [...new Set(f.concepts)])).map(({ id, title, count }) => ({ id, title, failures: count }));
}

export interface ExerciseRef {
  id: string;
  title: string;
  setTitle: string;
}

export interface ExerciseState {
  attempts: number;
  solved: boolean;
  bestPassed: number;
  bestTotal: number;
  lastSubmittedAt: Date | null;
}

export interface AssignedExercise {
  exerciseId: string;
  courseName: string;
  dueAt: Date | null;
}

export interface NextStep {
  id: string;
  title: string;
  reason: string;
  kind: "due" | "unsolved" | "assigned" | "next";
}

function dueWords(dueAt: Date, now: Date): string {
  const days = Math.round((Date.parse(`${utcDay(dueAt)}T00:00:00Z`) - Date.parse(`${utcDay(now)}T00:00:00Z`)) / DAY_MS);
  if (dueAt < now) return days === 0 ? "was due earlier today" : `was due ${-days === 1 ? "yesterday" : `${-days} days ago`}`;
  if (days === 0) return "due today";
  return days === 1 ? "due tomorrow" : `due in ${days} days (${utcDay(dueAt)})`;
}

function triedWords(state: ExerciseState): string {
  const tries = state.attempts === 1 ? "1 attempt" : `${state.attempts} attempts`;
  return state.bestTotal > 0 ? `${tries} so far, best ${state.bestPassed} of ${state.bestTotal} tests: you are close` : `${tries} so far: have another go`;
}

/**
 * What to try next, at most `limit`: unsolved exercises of assignments with a due date (soonest first), then
 * exercises attempted but not solved (the most recent first), then assigned ones without a date, then the first
 * exercises not started, in teaching order. Solved exercises never appear.
 */
export function whatToTryNext(
  exercises: ExerciseRef[],
  states: ReadonlyMap<string, ExerciseState>,
  assigned: AssignedExercise[],
  now: Date,
  limit = 3,
): NextStep[] {
  const byId = new Map(exercises.map((e) => [e.id, e]));
  const steps: NextStep[] = [];
  const taken = new Set<string>();
  const add = (id: string, kind: NextStep["kind"], reason: string) => {
    const exercise = byId.get(id);
    if (!exercise || taken.has(id) || states.get(id)?.solved || steps.length >= limit) return;
    taken.add(id);
    steps.push({ id, title: exercise.title, reason, kind });
  };
  const dated = assigned.filter((a): a is AssignedExercise & { dueAt: Date } => a.dueAt !== null).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  for (const a of dated) add(a.exerciseId, "due", `${a.courseName}: ${dueWords(a.dueAt, now)}`);
  const attempted = [...states].filter(([, s]) => s.attempts > 0 && !s.solved).sort(([, a], [, b]) => (b.lastSubmittedAt?.getTime() ?? 0) - (a.lastSubmittedAt?.getTime() ?? 0));
  for (const [id, state] of attempted) add(id, "unsolved", triedWords(state));
  for (const a of assigned) if (a.dueAt === null) add(a.exerciseId, "assigned", `Assigned in ${a.courseName}`);
  for (const e of exercises) if (!(states.get(e.id)?.attempts ?? 0)) add(e.id, "next", `Next in ${e.setTitle}`);
  return steps;
}
