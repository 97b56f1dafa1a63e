// What an exercise is once loaded from its folder. The reference solution and hidden cases are in here, so this
// type never leaves the server: learners get public-view.ts's projection of it.
import type { PyValue } from "../grading/values";

export type Expectation =
  | { kind: "value"; value: PyValue }
  | { kind: "raises"; exception: string }
  // No `expect` in cases.yaml: the reference solution's result, computed in the sandbox (see grading/expectations.ts).
  | { kind: "reference" }
  // A program case: the learner's file runs as __main__ with the case's stdin; its stdout must match this.
  | { kind: "stdout"; stdout: string };

export interface ExerciseCase {
  index: number;
  name: string;
  /** The Python expression evaluated in the learner's module; null for a program case (expectation "stdout"). */
  call: string | null;
  /** A program case's standard input ("" when cases.yaml gives none); absent for a call case. */
  stdin?: string;
  hidden: boolean;
  expectation: Expectation;
  tolerance?: number;
}

export interface Exercise {
  id: string; // "<set>/<slug>"
  set: string;
  slug: string;
  dir: string;
  title: string;
  summary: string;
  difficulty: number;
  concepts: string[];
  file: string;
  /** The function under test; null when every case is a program case or there are only tests/ files. */
  entry: string | null;
  limits: { timeoutMs?: number; memoryMb?: number };
  /** Where an imported exercise came from (exercise.yaml's `source`), for attribution. */
  source?: { origin: string; url?: string; licence: string; authors: string[] };
  /** Level-1 hints from exercise.yaml (empty when it gives none). */
  hints: string[];
  /** exercise.yaml's `review`: suggestions the review stresses here (essential) and ones it leaves out. */
  review: { expect: string[]; avoid: string[] };
  /** exercise.yaml's `tutor.avoid`: terms and concept ids the tutor must not suggest here (empty when none). */
  tutorAvoid: string[];
  /** `refactor`: the starter passes already, and the learner makes it cleaner while keeping it passing. */
  kind: "solve" | "refactor";
  instructionsMarkdown: string;
  starter: string;
  solution: string;
  cases: ExerciseCase[];
  /**
   * tests/test_*.py, in name order. They enter the learner's container (they are exercise content, not hidden
   * expected values) but never reach a learner through the API. Their verdicts are computed inside the sandbox.
   */
  tests: ExerciseTestFile[];
  /** tests/ files the test files import (exercise.yaml's `helpers`): sent into the sandbox with them, never run. */
  helpers: ExerciseTestFile[];
  /** Hash of everything the verdict depends on, so cached reference results are never stale. */
  contentHash: string;
  /** Position within its set, from set.yaml's order (folders not listed come after, by name). */
  order: number;
}

export interface ExerciseTestFile {
  /** The file's name inside tests/, such as test_shout.py (or a helper's, such as test_utils.py). */
  name: string;
  source: string;
}

export interface ExerciseProblem {
  file: string;
  field?: string;
  message: string;
}

export class ExerciseFolderError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: ExerciseProblem[],
  ) {
    super(`${dir}: ${problems.map((p) => `${p.file}${p.field ? ` (${p.field})` : ""}: ${p.message}`).join("; ")}`);
  }
}
