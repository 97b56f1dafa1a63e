// `tutor check` as an author runs it: a real process, the real sandbox, its exit code and its rows.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CliRun, runTutor } from "../support/cli";
import type { CheckRow } from "../../server/exercises/check";
import { checkExercises, findExerciseFolders, formatCheckTable } from "../../server/exercises/check";
import { freshReferenceCache, realSandbox } from "../support/sandbox";
import { writeExerciseFolder } from "../support/exercise-fixture";

const ROOT = path.resolve(__dirname, "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-check-"));


function tutor(args: string[]): Promise<CliRun> {
  return runTutor(args, path.join(scratch, "cache"));
}

async function checkJson(dir: string): Promise<{ code: number | null; rows: CheckRow[] }> {
  const run = await tutor(["check", dir, "--json"]);
  return { code: run.code, rows: JSON.parse(run.stdout) as CheckRow[] };
}

const DOUBLE = "title: Double\nsummary: Doubles a number.\ndifficulty: 1\nfile: double.py\nentry: double\n";
const GOOD = {
  exerciseYaml: DOUBLE,
  readme: "# Double\n\nReturn twice the number.\n",
  starter: "def double(x):\n    pass\n",
  solution: "def double(x):\n    return 2 * x\n",
  casesYaml: "- name: two\n  call: double(2)\n  expect: 4\n- name: from the reference\n  call: double(21)\n",
};

test("the real exercises/ passes: exit 0 and a table with every exercise", async () => {
  const run = await tutor(["check", "exercises"]);
  expect(run.stderr).not.toMatch(/✗/);
  expect(run.code).toBe(0);
  const lines = run.stdout.split("\n");
  expect(lines[0]).toMatch(/^exercise\s+cases\s+reference\s+starter\s+problems$/);
  for (const slug of ["shout", "sum_digits", "running_total", "count_words", "apply_discount"]) {
    expect(lines.find((l) => l.startsWith(`basics/${slug} `))).toMatch(/\d+\s+passed (\d+)\/\1\s+fails \d+\/\d+\s+0$/);
  }
  expect(run.stdout).toMatch(/All 5 exercises are ready\.\n$/);
});

test("--json prints one row per exercise", async () => {
  const { code, rows } = await checkJson("exercises/basics/shout");
  expect(code).toBe(0);
  expect(rows).toEqual([{ exercise: "basics/shout", dir: path.join(ROOT, "exercises/basics/shout"), cases: 7, reference: "passed 7/7", starter: "fails 0/7", problems: [] }]);
});

test("a good exercise whose case has no expect takes the reference's result", async () => {
  const { code, rows } = await checkJson(writeExerciseFolder(GOOD, "double"));
  expect(code).toBe(0);
  expect(rows[0]).toMatchObject({ exercise: "tests/double", cases: 2, reference: "passed 2/2", starter: "fails 0/2", problems: [] });
});

test("a broken reference solution: exit 1, saying so", async () => {
  const dir = writeExerciseFolder({ ...GOOD, solution: "def double(x)\n    return 2 * x\n" }, "broken_reference");
  const { code, rows } = await checkJson(dir);
  expect(code).toBe(1);
  expect(rows[0]!.reference).toBe("broken");
  expect(rows[0]!.problems.join("\n")).toMatch(/the reference solution has a syntax error/);
});

test("a starter that passes everything: exit 1", async () => {
  const dir = writeExerciseFolder({ ...GOOD, starter: GOOD.solution }, "passing_starter");
  const { code, rows } = await checkJson(dir);
  expect(code).toBe(1);
  expect(rows[0]).toMatchObject({ reference: "passed 2/2", starter: "passes 2/2" });
  expect(rows[0]!.problems).toEqual(["the starter passes every case: it should fail at least one, or there is nothing to do (if the learner is to make working code cleaner, set kind: refactor in exercise.yaml)"]);
});

test("a refactoring exercise (kind: refactor): its starter must pass every case, and one that fails is the problem", async () => {
  const refactor = { ...GOOD, exerciseYaml: `${DOUBLE}kind: refactor\n`, starter: "def double(x):\n    result = 0\n    for _ in range(2):\n        result = result + x\n    return result\n" };
  const passing = await checkJson(writeExerciseFolder(refactor, "refactor_passing"));
  expect(passing.code).toBe(0);
  expect(passing.rows[0]).toMatchObject({ reference: "passed 2/2", starter: "passes 2/2", problems: [] });
  const failing = await checkJson(writeExerciseFolder({ ...refactor, starter: GOOD.starter }, "refactor_failing"));
  expect(failing.code).toBe(1);
  expect(failing.rows[0]).toMatchObject({ starter: "fails 0/2" });
  expect(failing.rows[0]!.problems).toEqual(["the starter fails 2 of 2: a refactoring exercise (kind: refactor) starts from code that passes every case; fix the starter, or remove kind: refactor"]);
});

test("a case that does not match its reference: exit 1, naming the case and both values", async () => {
  const dir = writeExerciseFolder({ ...GOOD, casesYaml: `${GOOD.casesYaml}- name: wrong sum\n  call: double(3)\n  expect: 5\n` }, "mismatch");
  const { code, rows } = await checkJson(dir);
  expect(code).toBe(1);
  expect(rows[0]!.reference).toBe("failed 2/3");
  expect(rows[0]!.problems).toHaveLength(1);
  expect(rows[0]!.problems[0]).toMatch(/^the reference solution fails "wrong sum": .*5.*6|^the reference solution fails "wrong sum": .*6.*5/);
});

test("an invalid folder: exit 1, naming the file and the field, and nothing is run", async () => {
  const dir = writeExerciseFolder({ ...GOOD, exerciseYaml: DOUBLE.replace("difficulty: 1", "difficulty: loud") }, "invalid");
  const { code, rows } = await checkJson(dir);
  expect(code).toBe(1);
  expect(rows[0]).toMatchObject({ exercise: dir, cases: null, reference: "-", starter: "-" });
  expect(rows[0]!.problems).toEqual(["exercise.yaml (difficulty): Invalid input: expected number, received string"]);
});

test("instructions that render to nothing are a problem", async () => {
  const dir = writeExerciseFolder({ ...GOOD, readme: "<!-- nothing yet -->\n" }, "empty_readme");
  const { code, rows } = await checkJson(dir);
  expect(code).toBe(1);
  expect(rows[0]!.problems).toEqual(["README.md: renders to nothing: write the instructions"]);
});

describe("a folder of exercises", () => {
  const root = path.join(scratch, "tree");
  beforeAll(() => {
    const set = path.join(root, "demo");
    mkdirSync(set, { recursive: true });
    const put = (slug: string, files: Record<string, string>) => {
      mkdirSync(path.join(set, slug));
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(set, slug, name), text);
    };
    const files = { "exercise.yaml": DOUBLE, "README.md": GOOD.readme, "starter.py": GOOD.starter, "solution.py": GOOD.solution, "cases.yaml": GOOD.casesYaml };
    put("good", files);
    put("lazy", { ...files, "starter.py": GOOD.solution });
    put("missing", { "exercise.yaml": DOUBLE, "README.md": GOOD.readme });
  });

  test("finds each exercise folder, including one missing files", () => {
    expect(findExerciseFolders(root).map((d) => path.relative(root, d))).toEqual(["demo/good", "demo/lazy", "demo/missing"]);
  });

  test("checks them all (two at a time), reporting each one's problems", async () => {
    const sandbox = await realSandbox();
    const seen: string[] = [];
    const rows = await checkExercises(root, sandbox, freshReferenceCache(), { concurrency: 2, onRow: (r) => seen.push(r.exercise) });
    expect(rows.map((r) => [r.exercise.replace(`${root}/`, ""), r.problems.length])).toEqual([
      ["demo/good", 0],
      ["demo/lazy", 1],
      ["demo/missing", 3],
    ]);
    expect(seen.sort()).toEqual(rows.map((r) => r.exercise).sort());
    const table = formatCheckTable(rows);
    expect(table).toContain("2 of 3 exercises have problems.");
    expect(table).toContain("    ✗ starter.py: is missing");
  });

  test("the command exits 1 when any one has a problem", async () => {
    const run = await tutor(["check", root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^demo\/good\s+2\s+passed 2\/2\s+fails 0\/2\s+0$/m);
  });
});

test("a folder with no exercises, or a path that does not exist: exit 1", async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), "tutor-empty-"));
  const none = await checkJson(empty);
  expect(none.code).toBe(1);
  expect(none.rows[0]!.problems[0]).toMatch(/holds no exercise folders/);
  const missing = await checkJson(path.join(empty, "nope"));
  expect(missing.code).toBe(1);
  expect(missing.rows[0]!.problems).toEqual(["does not exist: check the path"]);
});

test("no arguments: usage and exit 2", async () => {
  const run = await tutor(["check"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("usage: tutor check");
});
