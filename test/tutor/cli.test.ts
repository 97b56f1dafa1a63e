// The tutor's commands, offline, as a user runs them: real processes, the real sandbox, no database.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "tutor-cli-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
// No model settings reach the commands: they must work offline.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TUTOR_MODEL")));
const tutor = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, "bin/tutor.js"), ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });

const TOTAL = "def total(numbers):\n    result = 0\n    for n in numbers:\n        result += n\n    return result\n";

test("feedback --json explains the failure with concepts and three hints", () => {
  const run = tutor("feedback", "exercises/basics/shout", file("shout.py", "def shout(text):\n    print(text.upper())\n"), "--json");
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.status).toBe("failed");
  expect(out.explanation).toContain('shout("hello")');
  expect(out.concepts[0]).toEqual({ id: "return-vs-print", title: expect.any(String) });
  expect(out.hints).toHaveLength(3);
  expect(out.engine).toBe("offline");
});

test("explain --json describes the function with an example actually run", () => {
  const run = tutor("explain", file("total.py", TOTAL), "--function", "total", "--json");
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.function).toBe("total");
  expect(out.steps.length).toBeGreaterThan(2);
  expect(out.example.call).toMatch(/^total\(/);
});

test("docstrings prints the code with a docstring whose examples came from real runs", () => {
  const run = tutor("docstrings", file("total.py", TOTAL));
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/def total\(numbers\):\n    """/);
  expect(run.stdout).toMatch(/>>> total\(\[3, 1, 2\]\)\n\s+6/);
  expect(run.stdout).toContain("    return result\n");
});

test("tests prints cases.yaml entries, a pytest file and a mutation score", () => {
  const run = tutor("tests", file("total.py", TOTAL));
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("expect: 0");
  expect(run.stdout).toContain("from total import total");
  expect(run.stdout).toMatch(/These tests catch \d+ of \d+ automatic mutants/);
});

test("a file with no function gets a clear message and a non-zero exit", () => {
  const run = tutor("explain", file("empty.py", "x = 1\n"));
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/no function in it/);
});

describe("trace", () => {
  const RUNNING = "exercises/basics/running_total";
  // A quiet bug: `total = number` where `total += number` was meant; "one number" still passes.
  const BUGGY = "def running_total(numbers):\n    result = []\n    total = 0\n    for number in numbers:\n        total = number\n        result.append(total)\n    return result\n";

  test("--json traces the first failing visible case, in exactly the shape {case, steps, truncated}", () => {
    const run = tutor("trace", RUNNING, file("running_total.py", BUGGY), "--json");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual(["case", "steps", "truncated"]);
    expect(out.case).toBe("three numbers");
    expect(out.truncated).toBe(false);
    for (const step of out.steps) {
      expect(step).toEqual(expect.objectContaining({ line: expect.any(Number), event: expect.stringMatching(/^(call|line|return|exception)$/), stdout: expect.any(String) }));
      for (const frame of step.frames) expect(frame).toEqual({ function: expect.any(String), locals: expect.any(Object) });
    }
    expect(out.steps.at(-1)).toMatchObject({ event: "return", value: "[1, 2, 3]" });
  });

  test("--case traces the visible case named, even a passing one; a hidden one is refused", () => {
    const named = tutor("trace", RUNNING, file("running_total.py", BUGGY), "--case", "one number", "--json");
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout).case).toBe("one number");
    const hidden = tutor("trace", RUNNING, file("running_total.py", BUGGY), "--case", "empty list", "--json");
    expect(hidden.status).not.toBe(0);
    expect(hidden.stdout).toBe("");
    expect(hidden.stderr).toMatch(/"empty list" is a hidden test: hidden tests cannot be stepped through/);
  });

  test("without --json, a readable listing: one sentence per step, with the line of code", () => {
    const run = tutor("trace", RUNNING, file("running_total.py", BUGGY));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Stepping through "three numbers": running_total([1, 2, 3])');
    expect(run.stdout).toMatch(/Step 1 of \d+, line 1: running_total is called with numbers = \[1, 2, 3\]/);
    expect(run.stdout).toContain("total changed from 1 to 2");
    expect(run.stdout).toContain("      5 |         total = number");
    expect(run.stdout).toContain("It returned [1, 2, 3].");
  });

  test("--call traces any call on a file, without an exercise", () => {
    const run = tutor("trace", file("total.py", TOTAL), "--call", "total([4, 5])", "--json");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.case).toBe("total([4, 5])");
    expect(out.steps.at(-1)).toMatchObject({ event: "return", value: "9" });
  });

  test("clear errors: nothing failing to trace, and Docker down", () => {
    const solved = tutor("trace", RUNNING, path.join(RUNNING, "solution.py"));
    expect(solved.status).not.toBe(0);
    expect(solved.stderr).toMatch(/Every test passed, so there is no failing test to step through. Name a visible test/);
    const down = spawnSync(process.execPath, [path.join(ROOT, "bin/tutor.js"), "trace", file("total.py", TOTAL), "--call", "total([1])"], {
      cwd: ROOT,
      env: { ...env, DOCKER_HOST: "unix:///tmp/no-such-docker.sock" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(down.status).not.toBe(0);
    expect(down.stderr).toMatch(/Docker engine cannot be reached .* so nothing can be traced\. Start Docker/);
  });
});
