// The baseline of the grading benchmark: the same HumanEval checks run by bare `python3` subprocesses on the host,
// with no sandbox, no queue and no server. One process per problem: import the solution, call check(entry).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface BareProblem {
  slug: string;
  solution: string;
  /** The exercise's test file (tests/test_<slug>.py), which imports the solution and defines test_humaneval. */
  testFile: string;
  testSource: string;
}

/** The interpreter to compare with: TUTOR_BENCH_PYTHON, or the system's own python3 (not a version manager's shim). */
export function barePython(env = process.env): string {
  if (env.TUTOR_BENCH_PYTHON) return env.TUTOR_BENCH_PYTHON;
  return existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

/** Writes each problem's solution and test file into a folder of its own under `root`. */
export function writeBareProblems(root: string, problems: readonly BareProblem[]): string[] {
  return problems.map((p) => {
    const dir = path.join(root, p.slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${p.slug}.py`), p.solution);
    writeFileSync(path.join(dir, p.testFile), p.testSource);
    return dir;
  });
}

/** Runs one problem's check; resolves with its wall-clock time and whether it passed (exit status 0). */
export function runBareCheck(python: string, dir: string, testFile: string): Promise<{ ms: number; passed: boolean }> {
  const started = performance.now();
  const module = testFile.replace(/\.py$/, "");
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-B", "-c", `import ${module}; ${module}.test_humaneval()`], { cwd: dir, stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ ms: performance.now() - started, passed: code === 0 }));
  });
}

/** Runs every check, `concurrency` at a time; resolves with each one's time (in input order) and the total time. */
export async function runBareChecks(python: string, dirs: readonly string[], problems: readonly BareProblem[], concurrency: number): Promise<{ times: number[]; failed: number; elapsedMs: number }> {
  const times: number[] = new Array(dirs.length);
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < dirs.length) {
      const i = next++;
      const r = await runBareCheck(python, dirs[i]!, problems[i]!.testFile);
      times[i] = r.ms;
      if (!r.passed) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { times, failed, elapsedMs: performance.now() - started };
}
