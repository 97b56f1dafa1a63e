// Every exercise shipped under exercises/ is sound: it loads, its reference solution passes all its cases in the
// real sandbox, and its starter does not (a starter that already passes teaches nothing).
import path from "node:path";
import type { Exercise } from "../../server/exercises/exercise";
import { loadExerciseTree } from "../../server/exercises/load";
import { gradeSubmission } from "../../server/grading/grade";
import type { Sandbox } from "../../server/grading/sandbox/sandbox";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const tree = loadExerciseTree(path.resolve(__dirname, "../../exercises"));

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await realSandbox();
});

test("every exercise folder loads without errors", () => {
  expect(tree.errors.map((e) => e.message)).toEqual([]);
  expect(tree.exercises.length).toBeGreaterThanOrEqual(5);
});

test("the basics set is in the order its set.yaml gives", () => {
  expect(tree.exercises.filter((e) => e.set === "basics").map((e) => e.slug)).toEqual(["shout", "sum_digits", "running_total", "count_words", "apply_discount"]);
});

describe.each(tree.exercises.map((e): [string, Exercise] => [e.id, e]))("%s", (_id, exercise) => {
  test("has visible and hidden cases, a README and a starter that defines the entry function", () => {
    expect(exercise.cases.some((c) => !c.hidden)).toBe(true);
    expect(exercise.cases.some((c) => c.hidden)).toBe(true);
    expect(exercise.instructionsMarkdown.trim()).not.toBe("");
    expect(exercise.starter).toMatch(new RegExp(`^def ${exercise.entry}\\(`, "m"));
    expect(exercise.solution).toMatch(new RegExp(`^def ${exercise.entry}\\(`, "m"));
  });

  test("the reference solution passes every case", async () => {
    const r = await gradeSubmission(sandbox, freshReferenceCache(), exercise, exercise.solution);
    expect(r.tests.filter((t) => t.status !== "passed")).toEqual([]);
    expect(r.status).toBe("passed");
  });

  test("the starter fails at least one case, without crashing the grader", async () => {
    const r = await gradeSubmission(sandbox, freshReferenceCache(), exercise, exercise.starter);
    expect(r.status).not.toBe("passed");
    expect(r.passedCount).toBeLessThan(r.totalCount);
    expect(r.tests.filter((t) => t.status === "internal-error" || t.status === "syntax-error")).toEqual([]);
  });
});
