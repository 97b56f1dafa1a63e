// Stepping through a case in the real sandbox: the steps of a quiet logic bug, the caps on an endless loop and a
// deep recursion, a bounded size whatever the values hold, and what enters the container: only the traced visible
// case's call, never an expected value, another case or the reference solution, and nothing at all for a hidden case.
import { firstFailingVisibleCase, namedCase, TraceRequestError } from "../../server/trace/choose-case";
import { MAX_TRACE_BYTES, MAX_TRACE_STEPS } from "../../server/grading/observation";
import { changesBetween } from "../../server/trace/steps";
import { traceCall, traceExerciseCase } from "../../server/trace/trace";
import { gradeSubmission } from "../../server/grading/grade";
import { fixtureExercise } from "../support/exercise-fixture";
import { type RecordingSandbox, recordingSandbox, jsonWithBigInts } from "../support/recording-sandbox";
import { freshReferenceCache } from "../support/sandbox";

const REFERENCE_MARKER = "reference_marker_5521";
const HIDDEN_INPUT = 8_675_309;
const HIDDEN_EXPECTED = "[4, 4, 4, 4]";
const exercise = fixtureExercise({
  exerciseYaml: "title: Running total\nsummary: Sums so far.\ndifficulty: 1\nconcepts: []\nfile: running.py\nentry: running_total\n",
  solution: `def running_total(numbers):\n    ${REFERENCE_MARKER} = []\n    total = 0\n    for n in numbers:\n        total += n\n        ${REFERENCE_MARKER}.append(total)\n    return ${REFERENCE_MARKER}\n`,
  casesYaml: [
    "- name: one number\n  call: running_total([5])\n  expect: [5]",
    "- name: three numbers\n  call: running_total([1, 2, 3])\n  expect: [1, 3, 6]",
    `- name: the secret one\n  call: running_total([${HIDDEN_INPUT}])\n  expect: ${HIDDEN_EXPECTED}\n  hidden: true`,
  ].join("\n"),
});
// A quiet logic bug: `total = n` where `total += n` was meant. "one number" passes, "three numbers" fails.
const BUGGY = "def running_total(numbers):\n    result = []\n    total = 0\n    for n in numbers:\n        total = n\n        result.append(total)\n    return result\n";

let sandbox: RecordingSandbox;
beforeAll(async () => {
  sandbox = await recordingSandbox();
});

test("the first failing visible case is traced step by step, and only its call enters the sandbox", async () => {
  const graded = await gradeSubmission(sandbox, freshReferenceCache(), exercise, BUGGY);
  const chosen = firstFailingVisibleCase(exercise, graded.tests);
  expect(chosen.name).toBe("three numbers");
  sandbox.requests.length = 0;

  const trace = await traceExerciseCase(sandbox, exercise, BUGGY, chosen);
  expect(trace.case).toEqual({ name: "three numbers", call: "running_total([1, 2, 3])" });
  expect(trace.truncated).toBe(false);
  expect(trace.ending).toBe("returned [1, 2, 3]");
  // From the call on: the module's import before it (its `def` line) is left out.
  expect(trace.steps[0]).toMatchObject({ line: 1, event: "call", frames: [{ function: "running_total", locals: { numbers: "[1, 2, 3]" } }] });
  expect(trace.steps.at(-1)).toMatchObject({ line: 7, event: "return", value: "[1, 2, 3]" });
  // total goes 0 → 1 → 2 → 3 (never 3 → 6): the bug, visible step by step.
  const totals = trace.steps.flatMap((step, i) => changesBetween(trace.steps[i - 1], step).filter((c) => c.name === "total").map((c) => c.after));
  expect(totals).toEqual(["0", "1", "2", "3"]);

  expect(sandbox.requests).toHaveLength(1);
  const sent = sandbox.requests[0]!;
  expect(sent.cases).toEqual([{ id: 0, call: "running_total([1, 2, 3])", trace: { maxSteps: MAX_TRACE_STEPS } }]);
  expect(sent.source).toBe(BUGGY);
  const everything = jsonWithBigInts(sent);
  for (const secret of [REFERENCE_MARKER, String(HIDDEN_INPUT), HIDDEN_EXPECTED, "[1, 3, 6]"]) expect(everything).not.toContain(secret);
});

test("a hidden case is refused before anything enters the sandbox, however it is asked for", async () => {
  sandbox.requests.length = 0;
  expect(() => namedCase(exercise, "the secret one")).toThrow(TraceRequestError);
  const hidden = exercise.cases.find((c) => c.hidden)!;
  await expect(traceExerciseCase(sandbox, exercise, BUGGY, hidden)).rejects.toMatchObject({ status: 403 });
  expect(sandbox.requests).toEqual([]);
});

test("an endless loop ends at the cap, keeping its first and last steps, with truncated: true", async () => {
  const code = "def spin(n):\n    i = 0\n    while True:\n        i += 1\n";
  const trace = await traceCall(sandbox, "spin.py", code, "spin(3)");
  expect(trace.truncated).toBe(true);
  expect(trace.steps.length).toBeLessThanOrEqual(MAX_TRACE_STEPS);
  expect(trace.steps[0]).toMatchObject({ event: "call", line: 1 });
  const gap = trace.steps.findIndex((s) => s.skipped !== undefined);
  // The harness keeps its first 900 steps and its last 100; the module's import before the call is left out.
  expect(gap).toBeGreaterThan(MAX_TRACE_STEPS - 110);
  expect(gap).toBeLessThanOrEqual(MAX_TRACE_STEPS - 100);
  expect(trace.steps.length - gap).toBe(100);
  // The last steps are from far later in the loop than the first ones.
  const iAt = (index: number) => Number(trace.steps[index]!.frames.at(-1)!.locals.i ?? "0");
  expect(iAt(trace.steps.length - 1)).toBeGreaterThan(iAt(gap - 1));
}, 60_000);

test("a deep recursion ends at the cap with truncated: true, its frames outermost first", async () => {
  const code = "def down(n):\n    if n == 0:\n        return 0\n    return down(n - 1) + 1\n";
  const trace = await traceCall(sandbox, "down.py", code, "down(5000)");
  expect(trace.truncated).toBe(true);
  expect(trace.steps.length).toBeLessThanOrEqual(MAX_TRACE_STEPS);
  // A step shows the innermost 20 of the learner's frames, outermost first.
  const deepest = trace.steps.reduce((most, s) => Math.max(most, s.frames.length), 0);
  expect(deepest).toBe(20);
  const start = trace.steps.find((s) => s.frames.length >= 3)!;
  expect(start.frames.slice(0, 3).map((f) => f.locals.n)).toEqual(["5000", "4999", "4998"]);
  const deep = trace.steps.find((s) => s.frames.length === 20)!;
  const ns = deep.frames.map((f) => Number(f.locals.n));
  expect(ns.slice(1)).toEqual(ns.slice(0, -1).map((n) => n - 1));
  // `outer` counts the frames further out, so each frame's depth on the whole stack is known: down(n) is call
  // number 5001 - n. A shallower step has none.
  const innermost = (s: (typeof trace.steps)[number]) => s.frames.at(-1)!.locals.n;
  const deepSteps = trace.steps.filter((s) => s.frames.length === 20 && innermost(s) !== undefined);
  expect(deepSteps.length).toBeGreaterThan(0);
  for (const s of deepSteps) expect((s.outer ?? 0) + 20).toBe(5001 - Number(innermost(s)));
  expect(start.outer).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(trace))).toBeLessThan(MAX_TRACE_BYTES);
}, 60_000);

test("huge values and output stay under a fixed size", async () => {
  const code = [
    "def grow(n):",
    "    big = 'x' * 1_000_000",
    "    many = list(range(100_000))",
    "    for i in range(n):",
    "        many.append(i)",
    "        print(big[:150])",
    "    return many",
  ].join("\n");
  const trace = await traceCall(sandbox, "grow.py", code, "grow(300)");
  expect(trace.truncated).toBe(true);
  const size = Buffer.byteLength(JSON.stringify(trace));
  expect(size).toBeLessThan(MAX_TRACE_BYTES);
  const longestRepr = Math.max(...trace.steps.flatMap((s) => s.frames.flatMap((f) => Object.values(f.locals).map((v) => v.length))));
  expect(longestRepr).toBeLessThan(2100);
  console.log(`a trace of huge values: ${trace.steps.length} steps, ${Math.round(size / 1024)} KB`);
}, 60_000);

test("code Python cannot read is refused with its line, and an empty call with what to type", async () => {
  await expect(traceCall(sandbox, "broken.py", "def f(:\n    pass\n", "f()")).rejects.toThrow(/cannot read this code \(line 1\)/);
  await expect(traceCall(sandbox, "ok.py", "def f():\n    return 1\n", "  ")).rejects.toMatchObject({ status: 400 });
});
