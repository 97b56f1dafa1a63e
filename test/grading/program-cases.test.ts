// Program exercises: a case gives stdin and the expected stdout; the learner's file runs as __main__ in the
// sandbox, and the server compares what it printed. Graded through the real runner.
import { gradeSubmission } from "../../server/grading/grade";
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { exerciseDetail } from "../../server/exercises/public-view";
import { fixtureExercise } from "../support/exercise-fixture";
import { jsonWithBigInts, recordingSandbox } from "../support/recording-sandbox";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const MANIFEST = "title: Greeter\nsummary: Greets people.\ndifficulty: 1\nfile: greet.py\n";
const CASES = [
  "- name: one name",
  "  stdin: \"Ada\\n\"",
  "  stdout: \"Hello, Ada!\\n\"",
  "- name: two names",
  "  stdin: |",
  "    Ada",
  "    Grace",
  "  stdout: |",
  "    Hello, Ada!",
  "    Hello, Grace!",
  "- name: nobody",
  "  stdout: \"\"",
  "- name: secret guest",
  "  stdin: \"HIDDENGUESTNAME\\n\"",
  "  stdout: \"Hello, HIDDENGUESTNAME!\\n\"",
  "  hidden: true",
  "",
].join("\n");
const SOLUTION = "import sys\n\nfor line in sys.stdin:\n    print(f'Hello, {line.strip()}!')\n";

const greeter = () => fixtureExercise({ exerciseYaml: MANIFEST, solution: SOLUTION, casesYaml: CASES });

async function grade(code: string, limits = DEFAULT_LIMITS) {
  return gradeSubmission(await realSandbox(limits), freshReferenceCache(), greeter(), code);
}

test("a correct program passes every case, whatever its line endings and trailing spaces", async () => {
  const right = await grade(SOLUTION);
  expect(right.status).toBe("passed");
  expect(right.tests.map((t) => t.status)).toEqual(["passed", "passed", "passed", "passed"]);
  expect(right.tests[1]).toMatchObject({ name: "two names", stdin: "Ada\nGrace\n", expected: "Hello, Ada!\nHello, Grace!", actual: "Hello, Ada!\nHello, Grace!" });
  expect(right.tests.some((t) => t.inSandbox)).toBe(false);

  // \r\n, trailing spaces and trailing blank lines are not differences; input() and sys.exit(0) are normal.
  const sloppy = await grade("import sys\nwhile True:\n    try:\n        name = input()\n    except EOFError:\n        break\n    sys.stdout.write('Hello, ' + name + '!   \\r\\n')\nprint()\nprint('  ')\nsys.exit(0)\n");
  expect(sloppy.status).toBe("passed");
});

test("wrong output fails with where the lines first differ, and the stdin and both outputs", async () => {
  const r = await grade("import sys\nfor line in sys.stdin:\n    print(f'Hi, {line.strip()}!')\n");
  expect(r.status).toBe("failed");
  expect(r.tests[0]).toEqual({
    name: "one name",
    status: "failed",
    hidden: false,
    stdin: "Ada\n",
    expected: "Hello, Ada!",
    actual: "Hi, Ada!",
    message: 'Line 1 differs: expected "Hello, Ada!" but your program printed "Hi, Ada!".',
  });
  expect(r.tests[2]!.status).toBe("passed"); // nothing in, nothing out

  const short = await grade("print('Hello, Ada!')\n");
  expect(short.tests[1]).toMatchObject({ status: "failed", message: 'Your program printed 1 line, but 2 were expected: line 2 should be "Hello, Grace!".' });
  expect(short.tests[2]).toMatchObject({ status: "failed", message: 'Your program printed more than expected: line 1 ("Hello, Ada!") should not be there.' });
  const silent = await grade("pass\n");
  expect(silent.tests[0]!.message).toBe("Your program printed nothing, but output was expected.");
});

test("a crashing program is an error with its line; reading past the input is explained", async () => {
  const r = await grade("name = input()\nprint('Hello, ' + name + '!')\nprint(1 / 0)\n");
  expect(r.tests[0]).toMatchObject({ status: "error", line: 3, message: "ZeroDivisionError: division by zero (line 3)", actual: "Hello, Ada!" });
  expect(r.status).toBe("error");
  const eof = await grade("print('Hello, ' + input() + '!')\n");
  expect(eof.tests[0]!.status).toBe("passed");
  expect(eof.tests[2]).toMatchObject({ status: "error", line: 1, message: expect.stringMatching(/^EOFError \(line 1\): your program asked for more input than this test gives/) });
  const exits = await grade("import sys\nsys.exit(3)\n");
  expect(exits.tests[0]).toMatchObject({ status: "error", message: "Your program ended with exit code 3 (sys.exit) instead of finishing normally." });
  const syntax = await grade("print('oops'\n");
  expect(syntax.status).toBe("syntax-error");
  expect(syntax.tests[0]).not.toHaveProperty("call");
});

test("a looping program times out, and one printing without end hits the output limit", async () => {
  const loops = await grade("while True:\n    pass\n", { ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 6000 });
  expect(loops.tests.map((t) => t.status)).toEqual(["timeout", "timeout", "timeout", "timeout"]);
  expect(loops.tests[0]!.message).toBe("Your code ran longer than 1 s on this test: is there a loop that never ends?");
  const prints = await grade("while True:\n    print('Hello, Ada!')\n");
  expect(prints.tests[0]).toMatchObject({ status: "output-limit", message: expect.stringMatching(/^Your code printed more than 64 KB/) });
});

test("a hidden program case hides its stdin and expected stdout, from the result and from the container", async () => {
  const exercise = greeter();
  const recording = await recordingSandbox();
  const r = await gradeSubmission(recording, freshReferenceCache(), exercise, "import sys\nfor line in sys.stdin:\n    print(f'Hi, {line.strip()}!')\n");
  expect(r.tests[3]).toEqual({
    name: "secret guest",
    status: "failed",
    hidden: true,
    message: "Your program printed the wrong output for this hidden test. Think about inputs the examples do not show.",
  });
  const shown = jsonWithBigInts(r.tests);
  expect(shown).not.toContain("HIDDENGUESTNAME");
  // The hidden case's stdin must enter its own process (the program reads it); its expected output never does.
  expect(recording.requests).toHaveLength(1);
  expect(recording.requests[0]!.cases[3]).toEqual({ id: 3, stdin: "HIDDENGUESTNAME\n" });
  expect(jsonWithBigInts(recording.requests[0])).not.toContain("Hello, HIDDENGUESTNAME");
  expect(jsonWithBigInts(recording.requests[0])).not.toContain("Hello, Ada!");

  const detail = exerciseDetail(exercise, null, null);
  expect(detail.entry).toBeNull();
  expect(detail.visibleCases[0]).toEqual({ name: "one name", call: null, expected: null, raises: null, stdin: "Ada\n", stdout: "Hello, Ada!\n" });
  expect(detail.hiddenCaseCount).toBe(1);
  expect(JSON.stringify(detail)).not.toContain("HIDDENGUESTNAME");
});

test("program and call cases mix in one exercise", async () => {
  const exercise = fixtureExercise({
    exerciseYaml: `${MANIFEST}entry: greeting\n`,
    solution: "def greeting(name):\n    return f'Hello, {name}!'\n\nif __name__ == '__main__':\n    print(greeting(input()))\n",
    casesYaml: '- name: call\n  call: greeting("Ada")\n  expect: "Hello, Ada!"\n- name: program\n  stdin: "Grace\\n"\n  stdout: "Hello, Grace!\\n"\n',
  });
  const r = await gradeSubmission(await realSandbox(), freshReferenceCache(), exercise, exercise.solution);
  expect(r.tests.map((t) => [t.name, t.status])).toEqual([
    ["call", "passed"],
    ["program", "passed"],
  ]);
});
