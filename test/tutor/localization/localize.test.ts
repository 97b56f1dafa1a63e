// Fault localization against the real sandbox: quiet bugs (a wrong value, nothing raised) are located by a repair
// or by the spectrum, the offline explanation and hint 2 name the line without ever showing the fix, and the repair
// search never sends a hidden case's expected value (or the reference solution) into the learner's container.
import { randomBytes } from "node:crypto";
import type { Exercise } from "../../../server/exercises/exercise";
import { gradeSubmission } from "../../../server/grading/grade";
import type { Sandbox } from "../../../server/grading/sandbox/sandbox";
import type { TutorFacts } from "../../../server/tutor/contracts";
import type { GradedSubmission } from "../../../server/tutor/facts";
import { shownRepairs } from "../../../server/tutor/guardrails";
import { localizeBug } from "../../../server/tutor/localization/localize";
import { offlineEngine } from "../../../server/tutor/offline/engine";
import { submissionFacts } from "../../../server/tutor/tasks";
import { fixtureExercise } from "../../support/exercise-fixture";
import { jsonWithBigInts, recordingSandbox } from "../../support/recording-sandbox";
import { freshReferenceCache, realSandbox } from "../../support/sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await realSandbox();
}, 600_000);

function exercise(entry: string, solution: string, casesYaml: string): Exercise {
  return fixtureExercise({ solution, casesYaml, exerciseYaml: `title: ${entry}\nsummary: A test exercise.\ndifficulty: 1\nconcepts: []\nfile: ${entry}.py\nentry: ${entry}\n` }, entry);
}

async function graded(box: Sandbox, ex: Exercise, code: string): Promise<GradedSubmission> {
  const g = await gradeSubmission(box, freshReferenceCache(), ex, code);
  expect(g.status).not.toBe("passed");
  return { code, verdict: g.status, tests: g.tests, observations: g.observations as Record<string, unknown>, passedCount: g.passedCount, totalCount: g.totalCount };
}

interface Answers {
  facts: TutorFacts;
  explanation: string;
  hints: string[];
}

async function answers(ex: Exercise, code: string): Promise<Answers> {
  const facts = await submissionFacts(sandbox, ex, await graded(sandbox, ex, code));
  const explanation = (await offlineEngine.explainFailure(facts)).explanation;
  const hints = await Promise.all(([1, 2, 3] as const).map(async (level) => (await offlineEngine.hint(facts, level, ex.solution)).text));
  return { facts, explanation, hints };
}

/** Nothing the learner reads holds the fixed line, or the reference's version of it. */
function expectNoFix(a: Answers, fixedLine: string) {
  for (const text of [a.explanation, ...a.hints]) {
    expect(text).not.toContain(fixedLine);
    expect(shownRepairs(text, a.facts.repairedLines, a.facts.code)).toEqual([]);
  }
}

const FACTORIAL = exercise(
  "factorial",
  "def factorial(n):\n    if n <= 0:\n        return 1\n    return n * factorial(n - 1)\n",
  ["- name: zero\n  call: factorial(0)\n  expect: 1", "- name: three\n  call: factorial(3)\n  expect: 6", "- name: five\n  call: factorial(5)\n  expect: 120\n  hidden: true", ""].join("\n"),
);

test("`if n < 0` where `n <= 0` was needed: located by a repair, named in the explanation and hint 2, never shown fixed", async () => {
  const code = "def factorial(n):\n    if n < 0:\n        return 1\n    return n * factorial(n - 1)\n";
  const a = await answers(FACTORIAL, code);
  expect(a.facts.suspectLines[0]).toMatchObject({ line: 2, evidence: "repair", aspect: "boundary" });
  expect(a.facts.localizationMs).toBeGreaterThan(0);
  expect(a.facts.repairedLines).toContain("if n <= 0:");
  expect(a.explanation).toContain("**Line 2** (`if n < 0:`) decides what happens for `n = 0`, and `factorial(0)` went wrong there.");
  expect(a.hints[1]).toMatch(/line 2\b/);
  expect(a.hints[1]).toContain("when `n` is `0`");
  expectNoFix(a, "n <= 0");
}, 120_000);

test("`range(0, n)` where `range(1, n)` was needed: located by a repair of the range on line 3", async () => {
  const ex = exercise(
    "product_below",
    "def product_below(n):\n    result = 1\n    for i in range(1, n):\n        result *= i\n    return result\n",
    ["- name: four\n  call: product_below(4)\n  expect: 6", "- name: two\n  call: product_below(2)\n  expect: 1", "- name: zero\n  call: product_below(0)\n  expect: 1\n  hidden: true", ""].join("\n"),
  );
  const code = "def product_below(n):\n    result = 1\n    for i in range(0, n):\n        result *= i\n    return result\n";
  const a = await answers(ex, code);
  expect(a.facts.suspectLines[0]).toMatchObject({ line: 3, evidence: "repair", aspect: "range" });
  expect(a.facts.repairedLines).toContain("for i in range(1, n):");
  expect(a.hints[1]).toMatch(/line 3\b/);
  expectNoFix(a, "range(1, n)");
}, 120_000);

test("swapped operands: located by a repair of line 2", async () => {
  const ex = exercise(
    "percent_of",
    "def percent_of(part, whole):\n    return part / whole * 100\n",
    ["- name: a quarter\n  call: percent_of(1, 4)\n  expect: 25.0", "- name: all of it\n  call: percent_of(3, 3)\n  expect: 100.0", "- name: an eighth\n  call: percent_of(1, 8)\n  expect: 12.5\n  hidden: true", ""].join("\n"),
  );
  const code = "def percent_of(part, whole):\n    return whole / part * 100\n";
  const a = await answers(ex, code);
  expect(a.facts.suspectLines[0]).toMatchObject({ line: 2, evidence: "repair", aspect: "order" });
  expect(a.explanation).toContain("**Line 2** (`return whole / part * 100`) puts values together for `part = 1` and `whole = 4`");
  expect(a.hints[1]).toMatch(/line 2\b/);
  expectNoFix(a, "part / whole");
}, 120_000);

test("a program (input and output, no function) is located by a repair too", async () => {
  const ex = fixtureExercise(
    {
      exerciseYaml: "title: Count down\nsummary: A test exercise.\ndifficulty: 1\nconcepts: []\nfile: count_down.py\n",
      solution: "n = int(input())\nwhile n > 0:\n    print(n)\n    n -= 1\nprint('lift off')\n",
      casesYaml: ['- name: three\n  stdin: "3\\n"\n  stdout: "3\\n2\\n1\\nlift off\\n"', '- name: none\n  stdin: "0\\n"\n  stdout: "lift off\\n"', '- name: one\n  stdin: "1\\n"\n  stdout: "1\\nlift off\\n"\n  hidden: true', ""].join("\n"),
    },
    "count_down",
  );
  const code = "n = int(input())\nwhile n > 1:\n    print(n)\n    n -= 1\nprint('lift off')\n";
  const a = await answers(ex, code);
  expect(a.facts.suspectLines[0]).toMatchObject({ line: 2, evidence: "repair", aspect: "boundary" });
  expect(a.hints[1]).toMatch(/line 2\b/);
  expectNoFix(a, "n > 0");
}, 120_000);

test("a bug no one-token edit fixes is located by the spectrum alone", async () => {
  const ex = exercise(
    "describe",
    'def describe(n):\n    if n > 0:\n        return "positive"\n    if n == 0:\n        return "zero"\n    return "negative"\n',
    ['- name: positive\n  call: describe(5)\n  expect: "positive"', '- name: zero\n  call: describe(0)\n  expect: "zero"', '- name: negative\n  call: describe(-3)\n  expect: "negative"', ""].join("\n"),
  );
  const code = 'def describe(n):\n    if n > 0:\n        return "positive"\n    if n == 0:\n        return "zero"\n    return "negitive"\n';
  const a = await answers(ex, code);
  expect(a.facts.suspectLines.some((s) => s.evidence === "repair")).toBe(false);
  expect(a.facts.suspectLines[0]).toMatchObject({ line: 6, evidence: "spectrum" });
  expect(a.explanation).toContain("**Line 6** (`return \"negitive\"`) is the line most tied to the failure");
  expect(a.hints[1]).toMatch(/line 6\b/);
}, 120_000);

test("the repair search never sends a hidden case's expected value, or the reference solution, into the learner's container", async () => {
  const marker = `hidden-marker-${randomBytes(8).toString("hex")}`;
  const referenceMarker = `reference-marker-${randomBytes(8).toString("hex")}`;
  const ex = exercise(
    "double",
    `def double(n):\n    # ${referenceMarker}\n    return n * 2\n`,
    [
      "- name: three\n  call: double(3)\n  expect: 6",
      "- name: zero\n  call: double(0)\n  expect: 0",
      `- name: secret\n  call: double(-2)\n  expect: '${marker}'\n  hidden: true`,
      "- name: from the reference\n  call: double(5)\n  hidden: true",
      "",
    ].join("\n"),
  );
  const code = "def double(n):\n    if n > 0:\n        return n * 2\n    return 1\n";
  const box = await recordingSandbox();
  const submission = await graded(box, ex, code);
  box.requests.length = 0;
  box.toolRequests.length = 0;
  const found = await localizeBug(box, ex, submission, { references: freshReferenceCache() });

  expect(found.localization.suspectLines[0]).toMatchObject({ line: 4, evidence: "repair" });
  const searches = box.toolRequests.filter((r) => (r as { mode?: string }).mode === "repairs") as { source: string; cases: Record<string, unknown>[] }[];
  expect(searches).toHaveLength(1);
  // Hidden cases are run (as calls: their inputs may enter the sandbox), with a role and nothing else.
  expect(searches[0]!.source).toBe(code);
  expect(searches[0]!.cases.map((c) => c.call).sort()).toEqual(["double(-2)", "double(0)", "double(3)", "double(5)"]);
  for (const c of searches[0]!.cases) expect(Object.keys(c).sort()).toEqual(["call", "id", "role"]);
  // Nothing sent to any container holds the hidden expected value; the reference runs only in its own container.
  const toLearner = [...box.toolRequests, ...box.requests.filter((r) => r.source !== ex.solution)];
  expect(jsonWithBigInts([...box.toolRequests, ...box.requests])).not.toContain(marker);
  expect(jsonWithBigInts(toLearner)).not.toContain(referenceMarker);
  expect(box.requests.every((r) => r.source === ex.solution)).toBe(true);
}, 120_000);
