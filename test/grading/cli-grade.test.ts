// `tutor grade` as a user runs it: a real process, the real sandbox, its exit code, stdout and stderr.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CliRun, runTutor } from "../support/cli";

const ROOT = path.resolve(__dirname, "../..");
const SHOUT = path.join(ROOT, "exercises/basics/shout");
const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-cli-"));


function tutor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runTutor(args, path.join(scratch, "cache"), env);
}

function submission(name: string, code: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, code);
  return file;
}

interface JsonTest {
  name: string;
  status: string;
  hidden: boolean;
  call?: string;
  expected?: string;
  actual?: string;
  message?: string;
}

test("a correct file: exit 0 and one JSON object with status passed", async () => {
  const run = await tutor(["grade", "exercises/basics/shout", path.join(SHOUT, "solution.py"), "--json"]);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as { status: string; message: string; tests: JsonTest[]; durationMs: number };
  expect(Object.keys(result).sort()).toEqual(["durationMs", "message", "status", "tests"]);
  expect(result.status).toBe("passed");
  expect(result.message).toBe(`All ${result.tests.length} tests passed.`);
  expect(result.durationMs).toBeGreaterThan(0);
  expect(result.tests.length).toBeGreaterThanOrEqual(5);
  for (const t of result.tests) expect(t).toMatchObject({ name: expect.any(String), status: "passed", hidden: expect.any(Boolean) });
  expect(result.tests[0]).toEqual({ name: "one word", status: "passed", hidden: false, call: 'shout("hello")', expected: "'HELLO!'", actual: "'HELLO!'" });
});

test("a wrong file: exit 0, status failed, visible failures show expected and actual, hidden ones do not", async () => {
  const file = submission("shout.py", "def shout(text):\n    return text.upper()\n");
  const run = await tutor(["grade", SHOUT, file, "--json"]);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as { status: string; tests: JsonTest[] };
  expect(result.status).toBe("failed");
  const visibleFailure = result.tests.find((t) => !t.hidden && t.status === "failed")!;
  expect(visibleFailure).toEqual({
    name: "one word",
    status: "failed",
    hidden: false,
    call: 'shout("hello")',
    expected: "'HELLO!'",
    actual: "'HELLO'",
    message: "Expected 'HELLO!' but got 'HELLO'.",
  });
  const hidden = result.tests.filter((t) => t.hidden);
  expect(hidden.length).toBeGreaterThan(0);
  expect(hidden.some((t) => t.status === "failed")).toBe(true);
  for (const t of hidden) {
    expect(t.hidden).toBe(true);
    expect(t).not.toHaveProperty("expected");
    expect(t).not.toHaveProperty("actual");
    expect(t).not.toHaveProperty("call");
  }
});

test("without --json the verdict is printed for people", async () => {
  const file = submission("shout_human.py", "def shout(text):\n    return text.upper()\n");
  const run = await tutor(["grade", SHOUT, file]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("✗ one word: failed");
  expect(run.stdout).toContain("    expected: 'HELLO!'");
  expect(run.stdout).toContain("    actual:   'HELLO'");
  expect(run.stdout).toMatch(/\(hidden\): failed/);
  expect(run.stdout).toMatch(/\nfailed: \d of \d tests passed\. \(\d+ ms\)\n$/);
});

test("a syntax error is reported once, with its line", async () => {
  const file = submission("shout_syntax.py", "def shout(text)\n    return text\n");
  const run = await tutor(["grade", SHOUT, file]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("✗ one word: syntax-error");
  expect(run.stdout.match(/Python could not read your code/g)).toHaveLength(1);
  expect(run.stdout).toMatch(/\nsyntax-error: Python could not read your code at line 1, column \d+: .+\. \(\d+ ms\)\n$/);
});

test("an exercise folder that does not exist: non-zero exit and a clear message", async () => {
  const run = await tutor(["grade", "exercises/basics/no-such-exercise", path.join(SHOUT, "solution.py"), "--json"]);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^There is no exercise folder at exercises\/basics\/no-such-exercise: check the path\./);
});

test("a broken exercise folder: non-zero exit, naming the file and the field", async () => {
  const broken = path.join(scratch, "broken", "basics", "shout");
  cpSync(SHOUT, broken, { recursive: true });
  writeFileSync(path.join(broken, "exercise.yaml"), "title: Shout\nsummary: Shout.\ndifficulty: loud\nfile: shout.py\nentry: shout\n");
  const run = await tutor(["grade", broken, path.join(SHOUT, "solution.py"), "--json"]);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain("The exercise folder is not valid:");
  expect(run.stderr).toContain(`${broken}/exercise.yaml (difficulty): Invalid input: expected number, received string`);
});

test("a submission file that does not exist: non-zero exit, naming it", async () => {
  const run = await tutor(["grade", SHOUT, path.join(scratch, "missing.py")]);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(`cannot read the submission file ${path.join(scratch, "missing.py")}: check the path`);
});

test("Docker unreachable: non-zero exit, saying so and what to do", async () => {
  const run = await tutor(["grade", SHOUT, path.join(SHOUT, "solution.py"), "--json"], { DOCKER_HOST: "unix:///tmp/no-such-docker.sock" });
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/Docker engine cannot be reached/);
  expect(run.stderr).toContain("DOCKER_HOST=unix:///tmp/no-such-docker.sock");
  expect(run.stderr).toMatch(/Start Docker/);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
});

test("no arguments: usage and a non-zero exit", async () => {
  const run = await tutor(["grade"]);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain("usage: tutor grade <exercise-dir> <submission-file> [--json]");
});
