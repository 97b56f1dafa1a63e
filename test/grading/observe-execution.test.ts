// Observing execution in the sandbox (runner-image/harness/README.md, "Observing execution"): the learner's lines
// that ran in each case (`observe: {lines: true}`) and a step trace of a case (`trace: {maxSteps}`), as the harness
// reports them through the real sandbox and as the server's schema accepts them. Nothing is observed unless asked.
import { DEFAULT_LIMITS, type SandboxLimits } from "../../server/grading/limits";
import { type CaseObservation, caseObservationSchema, type ExecutionTrace, type TraceStep } from "../../server/grading/observation";
import type { SandboxRequest } from "../../server/grading/sandbox/protocol";
import { realSandbox } from "../support/sandbox";

/** Runs a request in a new container; returns each case's (and test's) observation, checked by the server's schema. */
async function run(request: SandboxRequest, limits: SandboxLimits = DEFAULT_LIMITS) {
  const sandbox = await realSandbox(limits);
  const result = await sandbox.run(request, limits);
  expect(result.end).toBe("done");
  const parse = (o: unknown): CaseObservation => caseObservationSchema.parse(o);
  return {
    cases: result.events.flatMap((e) => (e.kind === "case" ? [parse(e.observation)] : [])),
    tests: result.events.flatMap((e) => (e.kind === "test" ? [parse(e.observation)] : [])),
    raw: result.events,
  };
}

function traceOf(o: CaseObservation): ExecutionTrace {
  if (!o.trace) throw new Error(`no trace in ${JSON.stringify(o).slice(0, 500)}`);
  return o.trace;
}

/** The innermost frame of a step. */
const top = (step: TraceStep) => step.frames[step.frames.length - 1]!;

const SIGN = [
  "def sign(n):", // 1
  "    if n < 0:", // 2
  "        return -1", // 3
  "    if n == 0:", // 4
  "        return 0", // 5
  "    return 1", // 6
  "", // 7
  "LIMIT = 10", // 8
  "",
].join("\n");

test("lines: each case and test reports the learner's lines that ran in its process, the module's import included", async () => {
  const { cases, tests } = await run({
    file: "sign.py",
    source: SIGN,
    observe: { lines: true },
    cases: [
      { id: 0, call: "sign(-5)" },
      { id: 1, call: "sign(0)" },
      { id: 2, call: "sign(7)" },
    ],
    tests: [{ name: "test_sign.py", source: "from sign import sign\n\ndef test_zero():\n    assert sign(0) == 0\n\ndef test_big():\n    assert sign(99) == 1\n" }],
  });
  expect(cases.map((c) => [c.outcome, c.lines])).toEqual([
    ["returned", [1, 2, 3, 8]],
    ["returned", [1, 2, 4, 5, 8]],
    ["returned", [1, 2, 4, 6, 8]],
  ]);
  // Lines of the learner's file only (the test file's own lines are not counted).
  expect(tests.map((t) => [t.outcome, t.lines])).toEqual([
    ["test-passed", [1, 2, 4, 5, 8]],
    ["test-passed", [1, 2, 4, 6, 8]],
  ]);

  const program = await run({
    file: "main.py",
    source: "n = int(input())\nif n > 0:\n    print('positive')\nelse:\n    print('not positive')\n",
    observe: { lines: true },
    cases: [
      { id: 0, stdin: "3\n" },
      { id: 1, stdin: "-3\n" },
    ],
  });
  expect(program.cases.map((c) => [c.outcome, c.lines, c.stdout])).toEqual([
    ["finished", [1, 2, 3], "positive\n"],
    ["finished", [1, 2, 5], "not positive\n"],
  ]);
});

test("without the options nothing is observed: no lines, no trace", async () => {
  const { cases, raw } = await run({ file: "sign.py", source: SIGN, cases: [{ id: 0, call: "sign(1)" }] });
  expect(cases[0]).toMatchObject({ outcome: "returned", value: { t: "int", v: "1" } });
  expect(JSON.stringify(raw)).not.toMatch(/"lines"|"trace"/);
});

test("a trace of a simple function shows each line, its variables changing, what it printed and what it returned", async () => {
  const source = ["def total(xs):", "    s = 0", "    for x in xs:", "        s = s + x", "    print('sum', s)", "    return s", ""].join("\n");
  const { cases } = await run({
    file: "total.py",
    source,
    observe: { lines: true },
    cases: [
      { id: 0, call: "total([1, 2, 3])", trace: { maxSteps: 100 } },
      { id: 1, call: "total([4])" },
    ],
  });
  expect(cases[0]).toMatchObject({ outcome: "returned", value: { t: "int", v: "6" }, lines: [1, 2, 3, 4, 5, 6] });
  const trace = traceOf(cases[0]!);
  expect(trace.truncated).toBe(false);
  const inTotal = trace.steps.filter((s) => top(s).function === "total");
  // The module's import first (its `def` line), then the call: one frame of the learner's file at a time.
  expect(trace.steps[0]).toMatchObject({ event: "call", frames: [{ function: "<module>" }] });
  // A def's value is shown by its name, without the address that differs from run to run.
  expect(trace.steps.find((s) => s.event === "return" && top(s).function === "<module>")).toMatchObject({ frames: [{ locals: { total: "<function total>" } }] });
  expect(inTotal[0]).toMatchObject({ event: "call", line: 1, frames: [{ function: "total", locals: { xs: "[1, 2, 3]" } }] });
  const sums = inTotal.map((s) => top(s).locals.s).filter((v): v is string => v !== undefined);
  expect([...new Set(sums)]).toEqual(["0", "1", "3", "6"]);
  expect(inTotal.map((s) => s.line)).toEqual([1, 2, 3, 4, 3, 4, 3, 4, 3, 5, 6, 6]);
  const last = inTotal[inTotal.length - 1]!;
  expect(last).toMatchObject({ event: "return", line: 6, value: "6", stdout: "sum 6\n" });
  expect(inTotal.find((s) => s.line === 5)!.stdout).toBe("");
  // Only the traced case carries a trace.
  expect(cases[1]!.trace).toBeUndefined();
  expect(cases[1]).toMatchObject({ outcome: "returned", lines: [1, 2, 3, 4, 5, 6] });
});

test("an endless loop ends with its trace: the first steps, the last ones, and how many were left out", async () => {
  const source = "def spin():\n    i = 0\n    while True:\n        i += 1\n";
  const { cases } = await run({ file: "spin.py", source, cases: [{ id: 0, call: "spin()", trace: { maxSteps: 60 } }] });
  // 100 x maxSteps line events, then the case stops itself to report.
  expect(cases[0]).toMatchObject({ outcome: "timeout", reason: "steps" });
  const trace = traceOf(cases[0]!);
  expect(trace.truncated).toBe(true);
  expect(trace.steps).toHaveLength(60);
  const gap = trace.steps.findIndex((s) => s.skipped !== undefined);
  expect(gap).toBe(30); // the first 30 steps and the last 30
  expect(trace.steps[gap]!.skipped).toBeGreaterThan(5000);
  const counts = trace.steps.slice(gap).map((s) => Number(top(s).locals.i));
  expect(counts[counts.length - 1]).toBeGreaterThan(2000);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));

  // With room for more steps than the time allows, the time budget ends it, still with its trace.
  const slow = await run({ file: "spin.py", source, cases: [{ id: 0, call: "spin()", trace: { maxSteps: 1000 } }] }, { ...DEFAULT_LIMITS, caseTimeoutMs: 1000 });
  expect(slow.cases[0]!.outcome).toBe("timeout");
  const slowTrace = traceOf(slow.cases[0]!);
  expect(slowTrace.truncated).toBe(true);
  expect(slowTrace.steps.length).toBeGreaterThan(100);
  expect(slowTrace.steps.length).toBeLessThanOrEqual(1000);
});

test("a deep recursion ends with its trace, truncated, its frames the 20 innermost", async () => {
  const source = "def down(n):\n    return down(n + 1)\n";
  const { cases } = await run(
    { file: "down.py", source, cases: [{ id: 0, call: "down(0)", trace: { maxSteps: 300 } }] },
    { ...DEFAULT_LIMITS, caseTimeoutMs: 10_000, totalTimeoutMs: 20_000 },
  );
  // RecursionError, or the time budget on a slow machine: either way, a trace.
  expect(["raised", "timeout"]).toContain(cases[0]!.outcome);
  const trace = traceOf(cases[0]!);
  expect(trace.truncated).toBe(true);
  expect(trace.steps.length).toBeLessThanOrEqual(300);
  const deepest = Math.max(...trace.steps.map((s) => s.frames.length));
  expect(deepest).toBe(20);
  const deepStep = trace.steps.find((s) => s.frames.length === 20)!;
  const ns = deepStep.frames.map((f) => Number(f.locals.n));
  expect(ns).toEqual(ns.map((_, i) => ns[0]! + i)); // outermost first, consecutive calls
});

test("huge values keep every repr at 200 characters and the whole trace under 512 KB", async () => {
  const source = [
    "def grow(n):",
    "    big = list(range(10 ** 6))",
    "    text = 'é' * 10 ** 6",
    "    table = {i: str(i) * 50 for i in range(1000)}",
    "    nested = [[[[list(range(1000))]]]]",
    "    huge = 7 ** 100000",
    "    for i in range(n):",
    "        big.append(i)",
    "        print('x' * 3000)",
    "    return len(big)",
    "",
  ].join("\n");
  const { cases } = await run(
    { file: "grow.py", source, cases: [{ id: 0, call: "grow(300)", trace: { maxSteps: 1000 } }] },
    { ...DEFAULT_LIMITS, caseTimeoutMs: 10_000, totalTimeoutMs: 20_000, outputBytes: 1024 * 1024 },
  );
  expect(cases[0]).toMatchObject({ outcome: "returned", value: { t: "int", v: "1000300" } });
  const trace = traceOf(cases[0]!);
  expect(Buffer.byteLength(JSON.stringify(trace))).toBeLessThan(512 * 1024);
  expect(trace.truncated).toBe(true); // too big to keep every step
  const reprs = trace.steps.flatMap((s) => s.frames.flatMap((f) => Object.values(f.locals)));
  expect(reprs.length).toBeGreaterThan(0);
  expect(Math.max(...reprs.map((r) => r.length))).toBeLessThanOrEqual(200);
  expect(Math.max(...trace.steps.map((s) => s.stdout.length))).toBe(2000);
  const withBig = trace.steps.find((s) => top(s).locals.big !== undefined)!;
  expect(top(withBig).locals.big).toMatch(/^\[0, 1, 2, .*\.\.\.$/);
  // Module level: the learner's names, not the module's dunder ones.
  expect(Object.keys(trace.steps[2]!.frames[0]!.locals)).toEqual(["grow"]);
  const withHuge = trace.steps.find((s) => top(s).locals.huge !== undefined)!;
  expect(top(withHuge).locals.huge).toMatch(/^<int of about \d+ digits>$/);
  expect(trace.steps[trace.steps.length - 1]).toMatchObject({ event: "return", value: "1000300" });
});

test("printing endlessly ends at the output cap, with the trace and what was printed", async () => {
  const source = "def chatter():\n    n = 0\n    while True:\n        n += 1\n        print('line', n, '-' * 80)\n";
  const { cases } = await run({ file: "chatter.py", source, cases: [{ id: 0, call: "chatter()", trace: { maxSteps: 1000 } }] });
  expect(cases[0]!.outcome).toBe("output-limit");
  expect(Buffer.byteLength(cases[0]!.stdout ?? "")).toBeLessThanOrEqual(DEFAULT_LIMITS.outputBytes);
  const trace = traceOf(cases[0]!);
  expect(trace.truncated).toBe(true);
  expect(trace.steps[trace.steps.length - 1]!.stdout).toMatch(/line \d+ -+\n$/);
});

test("the learner's code can end its own trace, but the report stays whole and checked", async () => {
  const source = ["import sys", "def f():", "    a = 1", "    sys.settrace(None)", "    b = 2", "    return a + b", ""].join("\n");
  const { cases } = await run({
    file: "quiet.py",
    source,
    observe: { lines: true },
    cases: [{ id: 0, call: "f()", trace: { maxSteps: 100 } }],
  });
  expect(cases[0]).toMatchObject({ outcome: "returned", value: { t: "int", v: "3" } });
  const trace = traceOf(cases[0]!);
  const lines = trace.steps.filter((s) => top(s).function === "f").map((s) => s.line);
  expect(lines).toEqual([2, 3, 4]); // nothing after sys.settrace(None)
  expect(trace.truncated).toBe(true); // and the trace says it was cut short
  expect(cases[0]!.lines).toEqual([1, 2, 3, 4]);
});

test("malformed options are refused before anything runs, with a message saying what is expected", async () => {
  const { cases } = await run({ file: "sign.py", source: SIGN, cases: [{ id: 0, call: "sign(1)", trace: { maxSteps: 5000 } }, { id: 1, call: "sign(2)" }] });
  expect(cases).toEqual([
    expect.objectContaining({ outcome: "harness-error", message: expect.stringMatching(/maxSteps.*1 to 1000/) }),
    expect.objectContaining({ outcome: "harness-error" }),
  ]);
});
