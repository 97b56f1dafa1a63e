// Grading submissions end to end: the real runner image in the real Docker engine, judged by the real judge.
import { ExerciseBrokenError } from "../../server/grading/expectations";
import type { Sandbox } from "../../server/grading/sandbox/sandbox";
import { gradeSubmission } from "../../server/grading/grade";
import type { TestResult } from "../../server/grading/judge";
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { fixtureExercise } from "../support/exercise-fixture";
import { type RecordingSandbox, recordingSandbox } from "../support/recording-sandbox";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await realSandbox();
});

const grade = (exercise: ReturnType<typeof fixtureExercise>, code: string, s: Sandbox = sandbox) => gradeSubmission(s, freshReferenceCache(), exercise, code);

const shout = fixtureExercise({
  exerciseYaml: "title: Shout\nsummary: Shout.\ndifficulty: 1\nfile: shout.py\nentry: shout\n",
  solution: 'def shout(text):\n    return text.upper() + "!"\n',
  casesYaml: [
    "- name: one word",
    '  call: shout("hello")',
    '  expect: "HELLO!"',
    "- name: two words",
    '  call: shout("good day")',
    '  expect: "GOOD DAY!"',
    "- name: empty",
    '  call: shout("")',
    '  expect: "!"',
    "  hidden: true",
    "",
  ].join("\n"),
});

test("a correct submission passes every test", async () => {
  const r = await grade(shout, 'def shout(text):\n    loud = text.upper()\n    return loud + "!"\n');
  expect(r.status).toBe("passed");
  expect(r.message).toBe("All 3 tests passed.");
  expect([r.passedCount, r.totalCount]).toEqual([3, 3]);
  expect(r.tests).toEqual([
    { name: "one word", status: "passed", hidden: false, call: 'shout("hello")', expected: "'HELLO!'", actual: "'HELLO!'" },
    { name: "two words", status: "passed", hidden: false, call: 'shout("good day")', expected: "'GOOD DAY!'", actual: "'GOOD DAY!'" },
    { name: "empty", status: "passed", hidden: true },
  ]);
  expect(Object.keys(r.observations)).toEqual(["0", "1", "2"]);
  expect(r.observations[0]).toMatchObject({ outcome: "returned", value: { t: "str", v: "HELLO!" } });
  expect(r.durationMs).toBeGreaterThan(0);
});

test("a wrong submission fails, showing expected and actual for visible tests only", async () => {
  const r = await grade(shout, "def shout(text):\n    return text.upper()\n");
  expect(r.status).toBe("failed");
  expect(r.message).toBe("0 of 3 tests passed.");
  expect(r.tests[0]).toEqual({
    name: "one word",
    status: "failed",
    hidden: false,
    call: 'shout("hello")',
    expected: "'HELLO!'",
    actual: "'HELLO'",
    message: "Expected 'HELLO!' but got 'HELLO'.",
  });
  expect(r.tests[2]).toEqual({ name: "empty", status: "failed", hidden: true, message: expect.stringMatching(/wrong result for this hidden test/) });
});

test("printing instead of returning is explained, with what was printed", async () => {
  const r = await grade(shout, 'def shout(text):\n    print(text.upper() + "!")\n');
  expect(r.status).toBe("failed");
  expect(r.tests[0]).toMatchObject({ status: "failed", actual: "None", stdout: "HELLO!\n", message: expect.stringMatching(/printed something but returned None/) });
});

test("a crashing submission is an error naming the exception and the line", async () => {
  const r = await grade(shout, "def shout(text):\n    loud = text.upper()\n    return loud + 1\n");
  expect(r.status).toBe("error");
  expect(r.tests[0]).toMatchObject({
    status: "error",
    actual: "raised TypeError",
    line: 3,
    message: 'TypeError: can only concatenate str (not "int") to str (line 3)',
  });
  expect(r.message).toBe('0 of 3 tests passed. TypeError: can only concatenate str (not "int") to str (line 3)');
  expect(r.tests[2]).toEqual({ name: "empty", status: "error", hidden: true, message: "Your code raised TypeError on this hidden test (line 3)." });
});

test("a syntax error stops everything, with the line and column, and still reports each test", async () => {
  const seen: [number, number, TestResult][] = [];
  const r = await gradeSubmission(sandbox, freshReferenceCache(), shout, "def shout(text)\n    return text\n", {
    onTest: (index, total, test) => seen.push([index, total, test]),
  });
  expect(r.status).toBe("syntax-error");
  expect(r.message).toMatch(/^Python could not read your code at line 1, column \d+: .+\.$/);
  expect(r.tests.map((t) => [t.status, t.line])).toEqual([
    ["syntax-error", 1],
    ["syntax-error", 1],
    ["syntax-error", 1],
  ]);
  expect(r.tests[2]).toEqual({ name: "empty", status: "syntax-error", hidden: true, message: r.message, line: 1 });
  expect(r.observations).toEqual({});
  expect(seen.map(([i, total]) => [i, total])).toEqual([
    [0, 3],
    [1, 3],
    [2, 3],
  ]);
});

test("an indentation error is named as such", async () => {
  const r = await grade(shout, "def shout(text):\nreturn text\n");
  expect(r.status).toBe("syntax-error");
  expect(r.message).toMatch(/at line 2.*IndentationError: expected an indented block/);
});

describe("time limits", () => {
  const loops = fixtureExercise({
    solution: "def answer(n):\n    return n\n",
    casesYaml: "- name: first\n  call: answer(1)\n  expect: 1\n- name: second\n  call: answer(2)\n  expect: 2\n- name: hidden\n  call: answer(3)\n  expect: 3\n  hidden: true\n",
  });
  const endless = "def answer(n):\n    while n > 0:\n        n = n + 1 - 1\n    return n\n";

  test("an endless loop times out on every test, with a plain message", async () => {
    const r = await grade(loops, endless, await realSandbox({ ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 5000 }));
    expect(r.status).toBe("timeout");
    expect(r.tests.map((t) => t.status)).toEqual(["timeout", "timeout", "timeout"]);
    expect(r.tests[0]!.message).toBe("Your code ran longer than 1 s on this test: is there a loop that never ends?");
    expect(r.tests[2]!.message).toBe("Your code ran too long on this hidden test: is there a loop that never ends for some inputs?");
    expect(r.message).toBe("0 of 3 tests passed. Your code ran longer than 1 s on this test: is there a loop that never ends?");
  });

  test("when all tests together run out of time, the rest are stopped or not run", async () => {
    const r = await grade(loops, endless, await realSandbox({ ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 1500 }));
    expect(r.tests.map((t) => t.status)).toEqual(["timeout", "timeout", "timeout"]);
    expect(r.observations[1]).toMatchObject({ outcome: "timeout", reason: "total" });
    expect(r.tests[1]!.message).toMatch(/^All tests together ran longer than 1.5 s, so this one was stopped/);
    expect(r.observations[2]).toMatchObject({ outcome: "not-run" });
    expect(r.tests[2]).toEqual({ name: "hidden", status: "timeout", hidden: true, message: expect.stringMatching(/ran too long on this hidden test/) });
  });
});

describe("expected values", () => {
  test("a case without expect is graded against the reference solution's result, computed once", async () => {
    const exercise = fixtureExercise({
      solution: "def answer(xs):\n    return sorted(xs)\n",
      casesYaml: "- name: three\n  call: answer([3, 1, 2])\n- name: given\n  call: answer([2, 1])\n  expect: [1, 2]\n- name: hidden\n  call: answer([5, 4, 6])\n  hidden: true\n",
    });
    const recording: RecordingSandbox = await recordingSandbox();
    const cache = freshReferenceCache();

    const wrong = await gradeSubmission(recording, cache, exercise, "def answer(xs):\n    return list(reversed(xs))\n");
    expect(wrong.status).toBe("failed");
    expect(wrong.tests[0]).toMatchObject({ status: "failed", expected: "[1, 2, 3]", actual: "[2, 1, 3]" });
    expect(wrong.tests[1]).toMatchObject({ status: "passed" });
    expect(wrong.tests[2]).toMatchObject({ status: "failed", hidden: true });
    // The reference ran in a container of its own, with only the cases that lacked `expect`.
    expect(recording.requests).toHaveLength(2);
    expect(recording.requests[0]).toEqual({
      file: "answer.py",
      source: exercise.solution,
      cases: [
        { id: 0, call: "answer([3, 1, 2])" },
        { id: 2, call: "answer([5, 4, 6])" },
      ],
    });

    const right = await gradeSubmission(recording, cache, exercise, "def answer(xs):\n    out = list(xs)\n    out.sort()\n    return out\n");
    expect(right.status).toBe("passed");
    // The reference's results came from the cache this time.
    expect(recording.requests).toHaveLength(3);
    expect(recording.requests[2]!.source).toMatch(/out.sort\(\)/);
  });

  test("a reference that raises makes the case expect that exception", async () => {
    const exercise = fixtureExercise({
      solution: "def answer(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x\n",
      casesYaml: "- name: negative\n  call: answer(-1)\n- name: positive\n  call: answer(1)\n",
    });
    const r = await grade(exercise, "def answer(x):\n    return abs(x)\n");
    expect(r.tests[0]).toMatchObject({ status: "failed", expected: "raises ValueError", actual: "1" });
    expect(r.tests[1]).toMatchObject({ status: "passed", expected: "1" });
  });

  test.each([
    ["has a syntax error", "def answer(x)\n    return x\n", /reference solution has a syntax error/],
    ["ends the process", "import os\ndef answer(x):\n    os._exit(1)\n", /reference solution did not finish case "needs the reference" \(crashed\)/],
  ])("a reference solution that %s is the exercise's fault, not the learner's", async (_name, solution, message) => {
    const exercise = fixtureExercise({ solution, casesYaml: "- name: needs the reference\n  call: answer(1)\n" });
    const graded = grade(exercise, "def answer(x):\n    return x\n");
    await expect(graded).rejects.toThrow(ExerciseBrokenError);
    await expect(graded).rejects.toThrow(message);
    await expect(graded).rejects.toThrow(exercise.id);
  });

  test("a raises case passes for the exception or a subclass, and fails when the function returns", async () => {
    const exercise = fixtureExercise({
      solution: "def answer(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x\n",
      casesYaml: "- name: negative\n  call: answer(-1)\n  raises: ValueError\n- name: positive\n  call: answer(1)\n  expect: 1\n",
    });
    const subclass = "class NegativeError(ValueError):\n    pass\n\ndef answer(x):\n    if x < 0:\n        raise NegativeError(x)\n    return x\n";
    expect((await grade(exercise, subclass)).status).toBe("passed");

    const returns = await grade(exercise, "def answer(x):\n    return x\n");
    expect(returns.tests[0]).toMatchObject({
      status: "failed",
      expected: "raises ValueError",
      actual: "-1",
      message: "Expected ValueError to be raised, but the function returned -1.",
    });

    const other = await grade(exercise, "def answer(x):\n    if x < 0:\n        raise KeyError(x)\n    return x\n");
    expect(other.tests[0]).toMatchObject({ status: "failed", message: "Expected ValueError, but your code raised KeyError: -1 (line 3)." });
  });

  test("tuples are not lists, sets ignore order, big ints stay exact", async () => {
    const exercise = fixtureExercise({
      solution: "def answer(kind):\n    return {'pair': (1, 2), 'set': {3, 1, 2}, 'big': 2 ** 100, 'keys': {(1, 2): [None]}}[kind]\n",
      casesYaml: [
        "- name: pair",
        "  call: answer('pair')",
        "  expect: !tuple [1, 2]",
        "- name: set",
        "  call: answer('set')",
        "  expect: !set [1, 2, 3]",
        "- name: big",
        "  call: answer('big')",
        "  expect: 1267650600228229401496703205376",
        "- name: keys",
        "  call: answer('keys')",
        "  expect: {? !tuple [1, 2] : [null]}",
        "",
      ].join("\n"),
    });
    expect((await grade(exercise, exercise.solution)).status).toBe("passed");

    const lists = "def answer(kind):\n    return {'pair': [1, 2], 'set': [1, 2, 3], 'big': 2 ** 100 + 1, 'keys': {'(1, 2)': [None]}}[kind]\n";
    const r = await grade(exercise, lists);
    expect(r.tests.map((t) => [t.status, t.expected, t.actual])).toEqual([
      ["failed", "(1, 2)", "[1, 2]"],
      ["failed", "{1, 2, 3}", "[1, 2, 3]"],
      ["failed", "1267650600228229401496703205376", "1267650600228229401496703205377"],
      ["failed", "{(1, 2): [None]}", "{'(1, 2)': [None]}"],
    ]);
  });

  test("a tolerance accepts a nearly equal float; without one, the float must be exact", async () => {
    const exercise = fixtureExercise({
      solution: "def answer():\n    return 0.3\n",
      casesYaml: "- name: close enough\n  call: answer()\n  expect: 0.3\n  tolerance: 0.000001\n- name: exact\n  call: answer()\n  expect: 0.3\n- name: int equals float\n  call: int(answer() * 10)\n  expect: 3.0\n",
    });
    const r = await grade(exercise, "def answer():\n    return 0.1 + 0.2\n");
    expect(r.tests.map((t) => t.status)).toEqual(["passed", "failed", "passed"]);
    expect(r.tests[1]).toMatchObject({ expected: "0.3", actual: "0.30000000000000004" });
  });
});

test("each test runs in a fresh process: state changed by one test is not seen by the next", async () => {
  const exercise = fixtureExercise({
    solution: "def answer(tag):\n    return [1, 1, 1]\n",
    casesYaml: [1, 2, 3].map((i) => `- name: run ${i}\n  call: answer(${i})\n  expect: [1, 1, 1]\n`).join(""),
  });
  const stateful = [
    "import builtins, sys",
    "calls = []",
    "def answer(tag, cache={}):",
    "    calls.append(tag)",
    "    cache[tag] = True",
    "    builtins.TUTOR_COUNTER = getattr(builtins, 'TUTOR_COUNTER', 0) + 1",
    "    sys.modules['json'] = None",
    "    return [len(calls), len(cache), builtins.TUTOR_COUNTER]",
    "",
  ].join("\n");
  const r = await grade(exercise, stateful);
  expect(r.tests.map((t) => [t.status, t.actual])).toEqual([
    ["passed", "[1, 1, 1]"],
    ["passed", "[1, 1, 1]"],
    ["passed", "[1, 1, 1]"],
  ]);
});

test("hooks.onTest reports each test once, in order, as it finishes", async () => {
  const exercise = fixtureExercise({
    solution: "def answer(x):\n    return x\n",
    casesYaml: [0, 1, 2, 3].map((i) => `- name: t${i}\n  call: answer(${i})\n  expect: ${i}\n${i === 3 ? "  hidden: true\n" : ""}`).join(""),
  });
  const seen: { index: number; total: number; test: TestResult; at: number }[] = [];
  const started = Date.now();
  const r = await gradeSubmission(sandbox, freshReferenceCache(), exercise, "import time\ndef answer(x):\n    time.sleep(0.3)\n    return x if x != 2 else -2\n", {
    onTest: (index, total, test) => seen.push({ index, total, test, at: Date.now() - started }),
  });
  expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  expect(seen.every((s) => s.total === 4)).toBe(true);
  expect(seen.map((s) => s.test)).toEqual(r.tests);
  expect(r.tests.map((t) => t.status)).toEqual(["passed", "passed", "failed", "passed"]);
  // Streamed as each case finishes, not all at the end: each case sleeps 0.3 s before it can finish.
  for (let i = 1; i < seen.length; i++) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(250);
});

test("a file over the size limit is refused without running", async () => {
  const recording = await recordingSandbox({ ...DEFAULT_LIMITS, sourceBytes: 1000 });
  const seen: number[] = [];
  const r = await gradeSubmission(recording, freshReferenceCache(), shout, `# ${"x".repeat(2000)}\ndef shout(t):\n    return t\n`, {
    onTest: (index) => seen.push(index),
  });
  expect(seen).toEqual([0, 1, 2]);
  expect(r.status).toBe("error");
  expect(r.message).toBe("Your file is 2 KB; the limit is 1000 bytes. Submit only your solution.");
  expect(r.tests.map((t) => [t.status, t.hidden])).toEqual([
    ["error", false],
    ["error", false],
    ["error", true],
  ]);
  expect(recording.requests).toEqual([]);
});
