// `tutor check`: is an exercise folder (or every one below a folder) ready to serve? Its files parse and
// validate, its instructions render, its reference solution passes every case in the sandbox (cases without
// `expect` take the reference's result, as in grading), and its starter fails at least one case.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { renderMarkdown } from "../markdown";
import { ExerciseBrokenError, type ReferenceCache } from "../grading/expectations";
import { type GradeResult, gradeSubmission } from "../grading/grade";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { TestResult } from "../grading/judge";
import { ExerciseFolderError } from "./exercise";
import { loadExercise } from "./load";

/** One exercise's verdict: a row of `tutor check`'s table. */
export interface CheckRow {
  /** "<set>/<slug>", or the folder's path when it does not load. */
  exercise: string;
  dir: string;
  /** How many results grading gives (cases, and tests run in the sandbox); null when it did not load. */
  cases: number | null;
  /** "passed N/N", "failed N/M", "broken" or "-" when not run. */
  reference: string;
  /** "fails N/M" (as it should), "passes N/N" (a problem), "-" when not run. */
  starter: string;
  problems: string[];
}

/** The files that make a folder an exercise folder (a folder holding any of them is checked as one). */
const EXERCISE_MARKERS = ["exercise.yaml", "cases.yaml", "solution.py", "starter.py"];

/** The exercise folders at or below `root`, sorted; a folder holding exercise files is not searched further. */
export function findExerciseFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (EXERCISE_MARKERS.some((f) => existsSync(path.join(dir, f)))) {
      found.push(dir);
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") walk(path.join(dir, entry.name));
    }
  };
  if (existsSync(root) && statSync(root).isDirectory()) walk(path.resolve(root));
  return found;
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .trim();
}

function describeFailures(result: GradeResult, who: string): string[] {
  return result.tests
    .filter((t) => t.status !== "passed")
    .map((t) => {
      const detail = t.message ?? (t.expected !== undefined ? `expected ${t.expected}, got ${t.actual ?? "nothing"}` : t.status);
      return `${who} ${t.status === "failed" ? "fails" : `gives ${t.status} on`} "${t.name}": ${detail}`;
    });
}

/** What a caller may watch while an exercise is checked: each result as it comes, each full grading at its end. */
export interface CheckHooks {
  onTest?: (who: "reference" | "starter", index: number, totalCount: number, test: TestResult) => void;
  onGraded?: (who: "reference" | "starter", result: GradeResult) => void;
}

/** Checks one exercise folder, grading in `sandbox`. Never throws for a problem with the folder itself. */
export async function checkExercise(dir: string, sandbox: Sandbox, references: ReferenceCache, hooks: CheckHooks = {}): Promise<CheckRow> {
  const row: CheckRow = { exercise: dir, dir: path.resolve(dir), cases: null, reference: "-", starter: "-", problems: [] };
  let exercise;
  try {
    exercise = loadExercise(dir);
  } catch (e) {
    if (e instanceof ExerciseFolderError) row.problems.push(...e.problems.map((p) => `${p.file}${p.field ? ` (${p.field})` : ""}: ${p.message}`));
    else row.problems.push((e as Error).message);
    return row;
  }
  row.exercise = exercise.id;
  row.cases = exercise.cases.length;

  try {
    if (!textOf(renderMarkdown(exercise.instructionsMarkdown))) row.problems.push("README.md: renders to nothing: write the instructions");
  } catch (e) {
    row.problems.push(`README.md: does not render: ${(e as Error).message}`);
  }

  let reference: GradeResult;
  try {
    reference = await gradeSubmission(sandbox, references, exercise, exercise.solution, { onTest: (i, n, t) => hooks.onTest?.("reference", i, n, t) });
  } catch (e) {
    if (!(e instanceof ExerciseBrokenError)) throw e;
    row.reference = "broken";
    row.problems.push(e.message.replace(`${exercise.id}: `, ""));
    return row;
  }
  hooks.onGraded?.("reference", reference);
  row.cases = reference.totalCount;
  const passedAll = reference.status === "passed" && reference.passedCount === reference.totalCount;
  row.reference = `${passedAll ? "passed" : "failed"} ${reference.passedCount}/${reference.totalCount}`;
  if (!passedAll) {
    const failures = describeFailures(reference, "the reference solution");
    row.problems.push(...(failures.length ? failures : [`the reference solution does not pass: ${reference.message}`]));
  }
  if (reference.totalCount === 0) row.problems.push("has no cases or tests: add at least one");

  const starter = await gradeSubmission(sandbox, references, exercise, exercise.starter, { onTest: (i, n, t) => hooks.onTest?.("starter", i, n, t) });
  hooks.onGraded?.("starter", starter);
  const starterPasses = starter.status === "passed" && starter.totalCount > 0;
  row.starter = `${starterPasses ? "passes" : "fails"} ${starter.passedCount}/${starter.totalCount}`;
  if (starterPasses) row.problems.push("the starter passes every case: it should fail at least one, or there is nothing to do");
  const broken = starter.tests.filter((t) => t.status === "syntax-error" || t.status === "internal-error");
  if (broken.length) row.problems.push(`the starter gives ${broken[0]!.status}: ${broken[0]!.message ?? starter.message}`);
  return row;
}

/** Runs `task` over `items`, at most `concurrency` at once, keeping the order of `items` in the results. */
export async function mapWithConcurrency<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export interface CheckOptions {
  concurrency?: number;
  onRow?: (row: CheckRow) => void;
}

/** Checks the exercise at `root`, or every exercise folder below it. An empty folder is itself a problem. */
export async function checkExercises(root: string, sandbox: Sandbox, references: ReferenceCache, options: CheckOptions = {}): Promise<CheckRow[]> {
  const dirs = findExerciseFolders(root);
  if (dirs.length === 0) {
    const what = existsSync(root) ? "holds no exercise folders (folders with exercise.yaml, README.md, starter.py, solution.py, cases.yaml)" : "does not exist: check the path";
    return [{ exercise: root, dir: path.resolve(root), cases: null, reference: "-", starter: "-", problems: [what] }];
  }
  return mapWithConcurrency(dirs, options.concurrency ?? 2, async (dir) => {
    const row = await checkExercise(dir, sandbox, references);
    options.onRow?.(row);
    return row;
  });
}

/** The rows as a plain-text table, problems listed under their exercise. */
export function formatCheckTable(rows: CheckRow[]): string {
  const header = ["exercise", "cases", "reference", "starter", "problems"];
  const cells = rows.map((r) => [r.exercise, r.cases === null ? "-" : String(r.cases), r.reference, r.starter, String(r.problems.length)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join("  ");
  const out = [line(header), line(widths.map((w) => "-".repeat(w)))];
  for (const [i, r] of rows.entries()) {
    out.push(line(cells[i]!));
    for (const p of r.problems) out.push(`    ✗ ${p}`);
  }
  const bad = rows.filter((r) => r.problems.length).length;
  out.push("", bad ? `${bad} of ${rows.length} exercises have problems.` : `All ${rows.length} exercises are ready.`);
  return out.join("\n");
}
