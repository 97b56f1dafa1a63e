// The repair search's runner in the real sandbox, against code that fights it: an endless loop (the search stops at
// its time budget), a call that ends its own process (a new worker takes over), and a call that tampers with
// builtins or the recursion limit (the next call does not see it). And the spectrum's lines are the lines that ran.
import type { Sandbox } from "../../../server/grading/sandbox/sandbox";
import { DEFAULT_LIMITS } from "../../../server/grading/limits";
import { type RepairCase, runRepairSearch } from "../../../server/tutor/localization/repair-run";
import { realSandbox } from "../../support/sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await realSandbox();
}, 600_000);

const options = (budgetMs: number) => ({ maxEdits: 300, budgetMs, caseTimeoutMs: 1000, limits: DEFAULT_LIMITS });

test("code that loops forever: the search stops at its budget, having tried some edits", async () => {
  const code = ["def f(n):", "    total = 0", "    i = 0", "    while i < n:", "        total += i", "    return total", ""].join("\n");
  const cases: RepairCase[] = [
    { id: 0, call: "f(3)", role: "target", timeoutMs: 300 },
    { id: 1, call: "f(0)", role: "guard" },
  ];
  const run = await runRepairSearch(sandbox, "f.py", code, cases, options(400));
  expect(run.error).toBeNull();
  expect(run.baseline.get(0)?.outcome).toBe("timeout");
  expect(run.baseline.get(1)).toMatchObject({ outcome: "returned", value: { t: "int", v: "0" } });
  expect(run.stopped).toBe("time");
  expect(run.tried).toBeGreaterThan(0);
  expect(run.tried).toBeLessThan(run.generated);
}, 120_000);

test("a call that ends its process, and one that tampers with builtins, disturb no other call", async () => {
  const code = [
    "import builtins, os, sys",
    "def f(kind, text):",
    "    if kind == 'exit':",
    "        os._exit(3)",
    "    if kind == 'tamper':",
    "        builtins.len = lambda x: 42",
    "        sys.setrecursionlimit(50)",
    "        return 'tampered'",
    "    return len(text) + depth(200)",
    "def depth(n):",
    "    return 0 if n == 0 else depth(n - 1)",
    "",
  ].join("\n");
  const cases: RepairCase[] = [
    { id: 0, call: "f('exit', 'abc')", role: "target" },
    { id: 1, call: "f('tamper', 'abc')", role: "guard" },
    { id: 2, call: "f('count', 'abcd')", role: "guard" },
  ];
  const run = await runRepairSearch(sandbox, "f.py", code, cases, options(2000));
  expect(run.error).toBeNull();
  expect(run.baseline.get(0)?.outcome).toBe("crashed");
  expect(run.baseline.get(1)).toMatchObject({ outcome: "returned", value: { t: "str", v: "tampered" } });
  expect(run.baseline.get(2)).toMatchObject({ outcome: "returned", value: { t: "int", v: "4" } });
  // Each edit the search emits had every target change; its guards ran in a worker the exit did not take down.
  for (const edit of run.candidates) expect(edit.observations.get(2)?.outcome).toBeDefined();
}, 120_000);

test("the lines each case ran, as the spectrum needs them", async () => {
  const code = ["def sign(n):", "    if n > 0:", "        return 1", "    if n < 0:", "        return -1", "    return 0", ""].join("\n");
  const cases: RepairCase[] = [
    { id: 4, call: "sign(5)", role: "guard" },
    { id: 7, call: "sign(-2)", role: "target" },
    { id: 9, call: "sign(0)", role: "observe" },
  ];
  const run = await runRepairSearch(sandbox, "sign.py", code, cases, options(2000));
  expect(run.coverage.get(4)).toEqual([1, 2, 3]);
  expect(run.coverage.get(7)).toEqual([1, 2, 4, 5]);
  expect(run.coverage.get(9)).toEqual([1, 2, 4, 6]);
  // The observed case runs once, on the code as written, and never with an edit.
  for (const edit of run.candidates) expect(edit.observations.has(9)).toBe(false);
}, 120_000);

test("a program case runs the file as a program with its input: what it printed is what it gave", async () => {
  const code = ["n = int(input())", "total = 0", "for i in range(n):", "    total += i", "print(total)", ""].join("\n");
  const cases: RepairCase[] = [
    { id: 0, stdin: "3\n", role: "target" },
    { id: 1, stdin: "0\n", role: "guard" },
  ];
  const run = await runRepairSearch(sandbox, "sum_to.py", code, cases, options(3000));
  expect(run.baseline.get(0)).toMatchObject({ outcome: "finished", exitCode: 0, stdout: "3\n" });
  expect(run.coverage.get(0)).toEqual([1, 2, 3, 4, 5]);
  expect(run.coverage.get(1)).toEqual([1, 2, 3, 5]);
  const fix = run.candidates.find((e) => e.text === "for i in range(n + 1):");
  expect(fix?.observations.get(0)).toMatchObject({ outcome: "finished", stdout: "6\n" });
  expect(fix?.observations.get(1)).toMatchObject({ outcome: "finished", stdout: "0\n" });
}, 120_000);
