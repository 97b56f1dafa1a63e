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
