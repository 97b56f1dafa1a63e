// The pure parts of stepping through a run: which case is traced (never a hidden one), which variables changed
// between steps, and the sentence each step is read out as.
import type { TestResult } from "../../server/grading/judge";
import { firstFailingVisibleCase, namedCase, TraceRequestError } from "../../server/trace/choose-case";
import type { TraceStep } from "../../server/grading/observation";
import { changesBetween, firstStepAtLine, lineThatRan, narrateStep } from "../../server/trace/steps";
import { fixtureExercise } from "../support/exercise-fixture";

const exercise = fixtureExercise({
  solution: "def answer(n):\n    return n\n",
  casesYaml: [
    "- name: one\n  call: answer(1)\n  expect: 1",
    "- name: secret\n  call: answer(99)\n  expect: 99\n  hidden: true",
    "- name: two\n  call: answer(2)\n  expect: 2",
  ].join("\n"),
});
const result = (name: string, status: TestResult["status"], hidden = false): TestResult => ({ name, status, hidden });

function refusal(work: () => unknown): TraceRequestError {
  try {
    work();
  } catch (e) {
    if (e instanceof TraceRequestError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("choosing the case to step through", () => {
  test("the first visible case that failed, passing over a failed hidden case before it", () => {
    const chosen = firstFailingVisibleCase(exercise, [result("one", "passed"), result("secret", "failed", true), result("two", "failed")]);
    expect(chosen.name).toBe("two");
  });

  test("when only hidden cases fail, it refuses and names the visible cases instead", () => {
    const e = refusal(() => firstFailingVisibleCase(exercise, [result("one", "passed"), result("secret", "failed", true), result("two", "passed")]));
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/only hidden tests fail/);
    expect(e.message).toContain('"one", "two"');
  });

  test("a syntax error, a pass and results of another version of the exercise each get their own message", () => {
    expect(refusal(() => firstFailingVisibleCase(exercise, [result("one", "syntax-error"), result("secret", "syntax-error", true), result("two", "syntax-error")])).message).toMatch(/cannot read your code/);
    expect(refusal(() => firstFailingVisibleCase(exercise, [result("one", "passed"), result("secret", "passed", true), result("two", "passed")])).message).toMatch(/Every test passed/);
    expect(refusal(() => firstFailingVisibleCase(exercise, [result("uno", "failed"), result("secret", "passed", true), result("two", "passed")])).message).toMatch(/changed since/);
  });

  test("a hidden case named is refused with 403, an unknown one with 404; a visible one is chosen", () => {
    expect(refusal(() => namedCase(exercise, "secret")).status).toBe(403);
    expect(refusal(() => namedCase(exercise, "three")).status).toBe(404);
    expect(namedCase(exercise, "two").call).toBe("answer(2)");
  });
});

const frame = (fn: string, locals: Record<string, string>) => ({ function: fn, locals });
const STEPS: TraceStep[] = [
  { line: 1, event: "call", frames: [frame("total", { numbers: "[1, 2]" })], stdout: "" },
  { line: 2, event: "line", frames: [frame("total", { numbers: "[1, 2]" })], stdout: "" },
  { line: 3, event: "line", frames: [frame("total", { numbers: "[1, 2]", result: "0" })], stdout: "" },
  { line: 4, event: "line", frames: [frame("total", { numbers: "[1, 2]", result: "0", n: "1" })], stdout: "" },
  { line: 3, event: "line", frames: [frame("total", { numbers: "[1, 2]", result: "1", n: "1" })], stdout: "", skipped: 40 },
  { line: 5, event: "return", frames: [frame("total", { numbers: "[1, 2]", result: "3", n: "2" })], stdout: "", value: "3" },
];

describe("reading a trace step by step", () => {
  test("changes name what changed from what, and what is new", () => {
    expect(changesBetween(STEPS[3], STEPS[4]!)).toEqual([{ frame: 0, name: "result", before: "0", after: "1" }]);
    expect(changesBetween(STEPS[2], STEPS[3]!)).toEqual([{ frame: 0, name: "n", before: null, after: "1" }]);
  });

  test("a new call's variables are all new, even where the previous step had a call of the same function", () => {
    const outer: TraceStep = { line: 3, event: "line", frames: [frame("fact", { n: "3" }), frame("fact", { n: "2" })], stdout: "" };
    const inner: TraceStep = { line: 1, event: "call", frames: [frame("fact", { n: "3" }), frame("fact", { n: "2" }), frame("fact", { n: "1" })], stdout: "" };
    expect(changesBetween(outer, inner)).toEqual([{ frame: 2, name: "n", before: null, after: "1" }]);
    const recall: TraceStep = { ...inner, frames: [frame("fact", { n: "3" }), frame("fact", { n: "2" })] };
    expect(changesBetween(outer, recall)).toEqual([{ frame: 1, name: "n", before: null, after: "2" }]);
  });

  test("deeper than the 20 frames a step lists, frames are lined up by their depth on the whole stack", () => {
    // fact(30) down to fact(11) is listed at a depth of 30 calls (10 further out); the next call, fact(10), shifts
    // the listing by one: only the new call is new, no frame "changed" from its neighbour's n.
    const listed = (deepest: number): TraceStep["frames"] => Array.from({ length: 20 }, (_, i) => frame("fact", { n: String(deepest + 19 - i) }));
    const before: TraceStep = { line: 3, event: "line", frames: listed(11), outer: 10, stdout: "" };
    const call: TraceStep = { line: 1, event: "call", frames: listed(10), outer: 11, stdout: "" };
    expect(changesBetween(before, call)).toEqual([{ frame: 19, name: "n", before: null, after: "10" }]);
    const back: TraceStep = { line: 4, event: "line", frames: listed(11), outer: 10, stdout: "" };
    expect(changesBetween({ ...call, event: "return", value: "1" }, back)).toEqual([]);
  });

  test("each step is one sentence a screen reader can say", () => {
    expect(narrateStep(STEPS, 0)).toBe("Step 1 of 6, line 1: total is called with numbers = [1, 2]");
    expect(narrateStep(STEPS, 1)).toBe("Step 2 of 6, line 2: nothing changed");
    expect(narrateStep(STEPS, 2)).toBe("Step 3 of 6, line 3: result is set to 0");
    expect(narrateStep(STEPS, 4)).toBe("Step 5 of 6, line 3 (after 40 steps left out): result changed from 0 to 1");
    expect(narrateStep(STEPS, 5)).toBe("Step 6 of 6, line 5: result changed from 1 to 3, n changed from 1 to 2; total returns 3");
  });

  test("a frame an exception ends stops, and a program's end is said as such", () => {
    const raised: TraceStep = { ...STEPS[2]!, event: "exception", exception: "ZeroDivisionError: division by zero" };
    const ended: TraceStep = { ...STEPS[2]!, event: "return", value: "None" };
    expect(narrateStep([STEPS[0]!, raised, ended], 2)).toBe("Step 3 of 3, line 3: total stops: ZeroDivisionError: division by zero was not caught");
    const program: TraceStep = { line: 2, event: "return", frames: [frame("<module>", { name: "'Ada'" })], stdout: "Hello Ada\n", value: "None" };
    expect(narrateStep([{ ...program, event: "line" }, program], 1)).toBe("Step 2 of 2, line 2: the program ends");
  });

  test("a long value is cut short in speech", () => {
    const long = "x".repeat(500);
    const steps: TraceStep[] = [STEPS[1]!, { ...STEPS[1]!, frames: [frame("total", { numbers: "[1, 2]", big: long })] }];
    expect(narrateStep(steps, 1).length).toBeLessThan(120);
  });

  test("the line that just ran, and the first step at a line", () => {
    expect(lineThatRan(STEPS, 0)).toBeNull();
    expect(lineThatRan(STEPS, 1)).toBeNull(); // after the call, only the def line "ran"
    expect(lineThatRan(STEPS, 3)).toBe(3);
    expect(firstStepAtLine(STEPS, 3)).toBe(2);
    expect(firstStepAtLine(STEPS, 9)).toBe(-1);
  });
});
