// An exercise's tests/test_*.py files, run inside the sandbox against the learner's module: one result per test
// function or TestCase method, each in its own process with its own time budget, every result marked inSandbox.
// Graded through the real runner.
import { gradeSubmission } from "../../server/grading/grade";
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { exerciseDetail } from "../../server/exercises/public-view";
import { fixtureExercise } from "../support/exercise-fixture";
import { recordingSandbox } from "../support/recording-sandbox";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const MANIFEST = "title: Adder\nsummary: Adds numbers.\ndifficulty: 1\nfile: adder.py\n";
const SOLUTION = "def add(a, b):\n    return a + b\n";

const TEST_FUNCTIONS = [
  "from adder import add",
  "",
  "def test_small():",
  "    assert add(1, 2) == 3",
  "",
  "def test_negative():",
  "    assert add(-1, -1) == -2, 'negatives add up'",
  "",
  "def helper():",
  "    raise RuntimeError('not a test')",
  "",
].join("\n");

const TEST_CLASSES = [
  "import unittest",
  "import adder",
  "",
  "class TestAdd(unittest.TestCase):",
  "    def setUp(self):",
  "        self.zero = 0",
  "",
  "    def test_zero(self):",
  "        self.assertEqual(adder.add(self.zero, 5), 5)",
  "",
  "    def test_strings(self):",
  "        self.assertEqual(adder.add('a', 'b'), 'ab')",
  "",
  "    @unittest.skip('not today')",
  "    def test_skipped(self):",
  "        self.fail('never runs')",
  "",
].join("\n");

function adderExercise(tests: Record<string, string> = { "test_functions.py": TEST_FUNCTIONS, "test_classes.py": TEST_CLASSES }, casesYaml?: string) {
  return fixtureExercise({ exerciseYaml: MANIFEST, solution: SOLUTION, tests, ...(casesYaml !== undefined ? { casesYaml } : {}) });
}

async function grade(code: string, exercise = adderExercise(), limits = DEFAULT_LIMITS) {
  return gradeSubmission(await realSandbox(limits), freshReferenceCache(), exercise, code);
}

test("a correct module passes every test function and TestCase method, each named and marked inSandbox", async () => {
  const seen: [number, number, string][] = [];
  const exercise = adderExercise();
  const r = await gradeSubmission(await realSandbox(), freshReferenceCache(), exercise, SOLUTION, {
    onTest: (index, total, t) => seen.push([index, total, t.name]),
  });
  expect(r.status).toBe("passed");
  // Test files in name order; a file's functions in the order written, a class's methods by name.
  expect(r.tests.map((t) => [t.name, t.status])).toEqual([
    ["test_classes.py::TestAdd::test_skipped", "passed"],
    ["test_classes.py::TestAdd::test_strings", "passed"],
    ["test_classes.py::TestAdd::test_zero", "passed"],
    ["test_functions.py::test_small", "passed"],
    ["test_functions.py::test_negative", "passed"],
  ]);
  expect(r.tests.every((t) => t.inSandbox === true && t.hidden === false)).toBe(true);
  expect(r.tests[0]!.message).toBe("Skipped: not today");
  expect(r.totalCount).toBe(5);
  expect(seen.map(([, total]) => total)).toEqual([5, 5, 5, 5, 5]);
  expect(seen.map(([index]) => index).sort()).toEqual([0, 1, 2, 3, 4]);
});

test("a wrong module fails with the assertion's message or the failing assert line", async () => {
  const r = await grade("def add(a, b):\n    return a - b\n");
  expect(r.status).toBe("error"); // the TypeError below outranks the failures
  const byName = Object.fromEntries(r.tests.map((t) => [t.name, t]));
  expect(byName["test_functions.py::test_small"]).toEqual({
    name: "test_functions.py::test_small",
    status: "failed",
    hidden: false,
    message: "This check failed (test_functions.py, line 4): assert add(1, 2) == 3",
    inSandbox: true,
  });
  expect(byName["test_functions.py::test_negative"]!.message).toBe("AssertionError: negatives add up (test_functions.py, line 7: assert add(-1, -1) == -2, 'negatives add up')");
  expect(byName["test_classes.py::TestAdd::test_zero"]).toMatchObject({ status: "failed", message: expect.stringMatching(/^AssertionError: -5 != 5 \(test_classes.py, line 9: self.assertEqual/) });
  // A TypeError in the learner's code is an error, at the learner's line.
  expect(byName["test_classes.py::TestAdd::test_strings"]).toMatchObject({ status: "error", line: 2, message: expect.stringMatching(/^TypeError: unsupported operand/) });
});

test("crashing, looping and printing modules get the usual statuses, one test at a time", async () => {
  const crash = await grade("def add(a, b):\n    raise ValueError('no adding today')\n");
  expect(crash.tests.find((t) => t.name === "test_functions.py::test_small")).toMatchObject({ status: "error", line: 2, message: "ValueError: no adding today (line 2)", inSandbox: true });

  const limits = { ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 10_000 };
  const loops = await grade("def add(a, b):\n    if a == -1:\n        while True:\n            pass\n    return a + b\n", adderExercise(), limits);
  // Only the test that loops times out: each test has its own budget.
  expect(loops.tests.map((t) => [t.name, t.status])).toEqual([
    ["test_classes.py::TestAdd::test_skipped", "passed"],
    ["test_classes.py::TestAdd::test_strings", "passed"],
    ["test_classes.py::TestAdd::test_zero", "passed"],
    ["test_functions.py::test_small", "passed"],
    ["test_functions.py::test_negative", "timeout"],
  ]);
  expect(loops.tests[4]!.message).toBe("Your code ran longer than 1 s on this test: is there a loop that never ends?");

  const importLoops = await grade("while True:\n    pass\n", adderExercise(), limits);
  expect(importLoops.tests.map((t) => [t.name, t.status])).toEqual([
    ["test_classes.py", "timeout"],
    ["test_functions.py", "timeout"],
  ]);

  const prints = await grade("def add(a, b):\n    print('adding', a, b)\n    if a == -1:\n        while True:\n            print('x' * 1000)\n    return a + b\n");
  expect(prints.tests.find((t) => t.name === "test_functions.py::test_small")).toMatchObject({ status: "passed", stdout: "adding 1 2\n" });
  expect(prints.tests.find((t) => t.name === "test_functions.py::test_negative")).toMatchObject({ status: "output-limit", inSandbox: true });

  const memory = await grade("def add(a, b):\n    return [0] * (10 ** 10)\n", adderExercise({ "test_functions.py": TEST_FUNCTIONS }));
  expect(memory.tests[0]).toMatchObject({ status: "memory-limit", inSandbox: true });
});

test("a module missing the function: each test file reports the import error once", async () => {
  const r = await grade("def plus(a, b):\n    return a + b\n");
  expect(r.tests).toEqual([
    { name: "test_classes.py::TestAdd::test_skipped", status: "passed", hidden: false, message: "Skipped: not today", inSandbox: true },
    expect.objectContaining({ name: "test_classes.py::TestAdd::test_strings", status: "error", message: expect.stringMatching(/^AttributeError: module 'adder' has no attribute 'add'/) }),
    expect.objectContaining({ name: "test_classes.py::TestAdd::test_zero", status: "error" }),
    {
      name: "test_functions.py",
      status: "error",
      hidden: false,
      message: "test_functions.py could not import your code: ImportError: cannot import name 'add' from 'adder' (/tmp/work/adder.py). Does your file define everything the tests use?",
      inSandbox: true,
    },
  ]);
});

test("a test file with a syntax error is the exercise's fault, and the other files still run", async () => {
  const exercise = adderExercise({ "test_broken.py": "def test_x(:\n    pass\n", "test_functions.py": TEST_FUNCTIONS });
  const r = await grade(SOLUTION, exercise);
  expect(r.tests).toEqual([
    {
      name: "test_broken.py",
      status: "internal-error",
      hidden: false,
      message: expect.stringMatching(/^The exercise's test file test_broken.py has a syntax error \(line 1\): .*This is not your fault: please tell your instructor\.$/),
      inSandbox: true,
    },
    expect.objectContaining({ name: "test_functions.py::test_small", status: "passed" }),
    expect.objectContaining({ name: "test_functions.py::test_negative", status: "passed" }),
  ]);
  expect(r.status).toBe("internal-error");
});

test("a learner's syntax error: one result per test file", async () => {
  const r = await grade("def add(a, b)\n    return a + b\n");
  expect(r.status).toBe("syntax-error");
  expect(r.tests.map((t) => [t.name, t.status, t.inSandbox])).toEqual([
    ["test_classes.py", "syntax-error", true],
    ["test_functions.py", "syntax-error", true],
  ]);
});

test("cases.yaml and tests/ together: cases first, only the tests are inSandbox; test files never reach the API", async () => {
  const exercise = fixtureExercise({
    exerciseYaml: `${MANIFEST}entry: add\n`,
    solution: SOLUTION,
    casesYaml: "- name: from cases\n  call: add(2, 2)\n  expect: 4\n",
    tests: { "test_functions.py": TEST_FUNCTIONS },
  });
  expect(exercise.tests).toEqual([{ name: "test_functions.py", source: TEST_FUNCTIONS }]);
  const recording = await recordingSandbox();
  const r = await gradeSubmission(recording, freshReferenceCache(), exercise, SOLUTION);
  expect(r.tests.map((t) => [t.name, t.status, t.inSandbox ?? false])).toEqual([
    ["from cases", "passed", false],
    ["test_functions.py::test_small", "passed", true],
    ["test_functions.py::test_negative", "passed", true],
  ]);
  expect(recording.requests[0]!.tests).toEqual([{ name: "test_functions.py", source: TEST_FUNCTIONS }]);

  const detail = JSON.stringify(exerciseDetail(exercise, null, null));
  expect(detail).not.toContain("negatives add up");
  expect(detail).not.toContain("test_functions");
});

// The process that lists the tests goes on with the first one (one process and one import fewer per submission); it
// must then be exactly what that test's own process would have been, and every later test still gets a fresh one.
const PID_TESTS = [
  "import os",
  "from adder import add",
  "print('imported in', os.getpid())",
  "SEEN = []",
  "",
  "def test_first():",
  "    print('first in', os.getpid())",
  "    SEEN.append('first')",
  "    assert add(1, 2) == 3",
  "",
  "def test_second():",
  "    print('second in', os.getpid())",
  "    assert SEEN == [], 'the second test saw the first test state'",
  "",
].join("\n");

test("the listing's process runs the first test as its own process would; later tests get fresh ones", async () => {
  const sandbox = await realSandbox();
  const run = await sandbox.run({ file: "adder.py", source: SOLUTION, cases: [], tests: [{ name: "test_pids.py", source: PID_TESTS }] }, DEFAULT_LIMITS);
  expect(run.end).toBe("done");
  const discovery = run.events.find((e) => e.kind === "discovery");
  const tests = run.events.flatMap((e) => (e.kind === "test" ? [e as { id: number; observation: { outcome: string; stdout: string } }] : []));
  const listed = /^imported in (\d+)\n$/.exec((discovery as { observation: { stdout: string } }).observation.stdout);
  expect(listed).not.toBeNull();
  const listingPid = listed![1];
  expect(tests.map((t) => [t.id, t.observation.outcome])).toEqual([
    [0, "test-passed"],
    [1, "test-passed"],
  ]);
  // The first test's output starts with what importing the files printed, as it would in a process of its own.
  expect(tests[0]!.observation.stdout).toBe(`imported in ${listingPid}\nfirst in ${listingPid}\n`);
  const second = /^imported in (\d+)\nsecond in \1\n$/.exec(tests[1]!.observation.stdout);
  expect(second).not.toBeNull();
  expect(second![1]).not.toBe(listingPid);
});

test("the first test's budget counts the imports, as every test's does", async () => {
  const slowImport = ["import time", "from adder import add", "time.sleep(0.6)", "", "def test_slow():", "    time.sleep(0.6)", "", "def test_quick():", "    assert add(1, 1) == 2", ""].join("\n");
  const limits = { ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 10_000 };
  const r = await grade(SOLUTION, adderExercise({ "test_slow.py": slowImport }), limits);
  expect(r.tests.map((t) => [t.name, t.status])).toEqual([
    ["test_slow.py::test_slow", "timeout"],
    ["test_slow.py::test_quick", "passed"],
  ]);
});

/** What these tests check is where files go, not speed: room for a machine busy with other work. */
const ROOMY = { ...DEFAULT_LIMITS, caseTimeoutMs: 10_000, totalTimeoutMs: 30_000 };

test("helpers are written beside the test files, importable by every test's process, and never listed or run as tests", async () => {
  const sandbox = await realSandbox(ROOMY);
  const tests = [{ name: "test_uses.py", source: "from adder import add\nfrom test_shared import TWO\n\ndef test_one():\n    assert add(1, 1) == TWO\n\ndef test_two():\n    assert add(TWO, 0) == TWO\n" }];
  // Named like a test file, with a test function in it: a helper all the same.
  const helpers = [{ name: "test_shared.py", source: "TWO = 2\n\ndef test_never_run():\n    raise AssertionError('a helper is not run')\n" }];
  const run = await sandbox.run({ file: "adder.py", source: SOLUTION, cases: [], tests, helpers }, ROOMY);
  expect(run.end).toBe("done");
  const discovery = run.events.find((e) => e.kind === "discovery") as { observation: { outcome: string; files: unknown[] } };
  expect(discovery.observation).toMatchObject({ outcome: "discovered", files: [{ file: "test_uses.py", tests: [{ class: null, name: "test_one" }, { class: null, name: "test_two" }] }] });
  const outcomes = run.events.flatMap((e) => (e.kind === "test" ? [(e as { observation: { outcome: string } }).observation.outcome] : []));
  expect(outcomes).toEqual(["test-passed", "test-passed"]);
});

test("a helper whose name is a path, or a test file's, is refused like a badly named test file, before anything is written", async () => {
  const sandbox = await realSandbox();
  const tests = [{ name: "test_uses.py", source: "def test_one():\n    pass\n" }];
  for (const helpers of [[{ name: "../work/adder.py", source: "" }], [{ name: "test_uses.py", source: "" }]]) {
    const run = await sandbox.run({ file: "adder.py", source: SOLUTION, cases: [], tests, helpers }, DEFAULT_LIMITS);
    expect(run.events.find((e) => e.kind === "discovery")).toEqual({ kind: "discovery", observation: { outcome: "harness-error", message: "invalid test file names" } });
  }
});
