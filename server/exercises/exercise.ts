// What an exercise is once loaded from its folder. The reference solution and hidden cases are in here, so this
// type never leaves the server: learners get public-view.ts's projection of it.
import type { PyValue } from "../grading/values";

export type Expectation =
  | { kind: "value"; value: PyValue }
  | { kind: "raises"; exception: string }
  // No `expect` in cases.yaml: the reference solution's result, computed in the sandbox (see grading/expectations.ts).
  | { kind: "reference" };

export interface ExerciseCase {
  index: number;
  name: string;
  call: string;
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
  entry: string;
  limits: { timeoutMs?: number; memoryMb?: number };
  instructionsMarkdown: string;
  starter: string;
  solution: string;
  cases: ExerciseCase[];
  /** Hash of everything the verdict depends on, so cached reference results are never stale. */
  contentHash: string;
  /** Position within its set, from set.yaml's order (folders not listed come after, by name). */
  order: number;
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
