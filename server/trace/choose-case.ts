// Which case to step through: a visible case the learner names, or the first visible case that failed. Pure: it
// reads the exercise and the submission's results, and refuses, with a message that says what to do, whatever
// cannot be traced (a hidden case above all: it never enters a traced run).
import type { Exercise, ExerciseCase } from "../exercises/exercise";
import type { TestResult } from "../grading/judge";

/** A trace that cannot be made as asked; `status` is the HTTP status a route answers with. */
export class TraceRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 429,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

function visibleNames(exercise: Exercise): string {
  const names = exercise.cases.filter((c) => !c.hidden).map((c) => `"${c.name}"`);
  return names.length ? names.join(", ") : "(none: every test of this exercise is hidden)";
}

/** The visible case called `name`; a hidden one is refused by name, which the learner already sees in results. */
export function namedCase(exercise: Exercise, name: string): ExerciseCase {
  const found = exercise.cases.find((c) => c.name === name);
  if (!found) throw new TraceRequestError(404, `There is no test called "${name}" in ${exercise.id}. Visible tests: ${visibleNames(exercise)}.`);
  if (found.hidden) throw new TraceRequestError(403, `"${name}" is a hidden test: hidden tests cannot be stepped through. Step through one of the visible tests instead: ${visibleNames(exercise)}.`);
  return found;
}

/**
 * The first visible case that did not pass in `results` (the grading results, cases first, in the exercise's order).
 * Results from another version of the exercise (the names no longer line up) are refused rather than guessed at.
 */
export function firstFailingVisibleCase(exercise: Exercise, results: TestResult[]): ExerciseCase {
  const syntax = results.find((r) => r.status === "syntax-error");
  if (syntax) {
    throw new TraceRequestError(409, `Python cannot read your code${syntax.line ? ` (line ${syntax.line})` : ""}, so nothing ran to step through. Fix the syntax error and submit again.`);
  }
  const cases = exercise.cases;
  if (results.length < cases.length || cases.some((c, i) => results[i]!.name !== c.name)) {
    throw new TraceRequestError(409, "This exercise has changed since these results were graded: submit your code again, then step through the new results.");
  }
  const failing = cases.find((c) => !c.hidden && results[c.index]!.status !== "passed");
  if (failing) return failing;
  const hiddenFailing = cases.some((c) => c.hidden && results[c.index]!.status !== "passed");
  const othersFailing = results.slice(cases.length).some((r) => r.status !== "passed");
  if (hiddenFailing || othersFailing) {
    throw new TraceRequestError(409, `Every visible test passes; only ${hiddenFailing ? "hidden tests" : "tests from the exercise's test files"} fail, and those cannot be stepped through. Name a visible test to watch it run: ${visibleNames(exercise)}.`);
  }
  throw new TraceRequestError(409, `Every test passed, so there is no failing test to step through. Name a visible test to watch it run anyway: ${visibleNames(exercise)}.`);
}
