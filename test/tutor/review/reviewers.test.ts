// The review's reviewers (runner-image/tutor_analysis/reviewers/), run on the host as a child process exactly as
// the sandbox runs the analysis tool (`python3 -I -B analysis.py`, mode "review"). The corpus in corpus/ is working
// programs, each showing a habit (`# review: <id> <line> ...` on its first line) or clean and idiomatic
// (`# review: clean`): a habit program gets exactly its suggestions (celebratory ones aside), a clean one no
// essential or actionable suggestion. held-out/ is measured by `npm run bench:tutor`, not tested here.
import { spawn, spawnSync } from "node:child_process";
import os from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import manifest from "../../../runner-image/tutor_analysis/manifests/suggestions.json";
import { loadExerciseTree } from "../../../server/exercises/load";
import { codeReviewSchema, type DetectedSuggestion } from "../../../server/tutor/analysis-schema";
import { reviewSuggestions } from "../../../server/tutor/review/review";
import { loadReviewCorpus, type ReviewProgram } from "./review-corpus";

const ROOT = path.resolve(__dirname, "../../..");
const TOOL = path.join(ROOT, "runner-image", "analysis.py");
const PYTHON = process.env.TUTOR_TEST_PYTHON ?? "python3";
const IDS = manifest.entries.map((e) => e.id);
const CELEBRATORY = new Set(manifest.entries.filter((e) => e.severity === "celebratory").map((e) => e.id));

/** One run of the tool in mode "review": its single answer line, checked; stderr must stay empty. */
function toolRun(source: string, file: string): Promise<DetectedSuggestion[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ["-I", "-B", TOOL], { timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => {
      const lines = stdout.split("\n").filter((l) => l.trim());
      if (status !== 0 || stderr !== "" || lines.length !== 1) return reject(new Error(`${file}: exit ${status}, stderr ${JSON.stringify(stderr)}, ${lines.length} lines`));
      const answer = codeReviewSchema.parse(JSON.parse(lines[0]!));
      if (!answer.parsed) return reject(new Error(`${file} did not parse: ${JSON.stringify(answer.syntaxError)}`));
      resolve(answer.suggestions);
    });
    child.stdin.end(JSON.stringify({ mode: "review", file, source }));
  });
}

/** Reviews of many programs, a few tool processes at a time (each is a fresh Python, as in the sandbox). */
async function reviewAll(programs: { source: string; file: string }[]): Promise<DetectedSuggestion[][]> {
  const out: DetectedSuggestion[][] = new Array(programs.length);
  let next = 0;
  const worker = async () => {
    while (next < programs.length) {
      const i = next++;
      out[i] = await toolRun(programs[i]!.source, programs[i]!.file);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, os.cpus().length) }, worker));
  return out;
}

const CORPUS = loadReviewCorpus(path.join(__dirname, "corpus"));
const EXERCISES = loadExerciseTree(path.join(ROOT, "exercises")).exercises;
let corpusReviews: DetectedSuggestion[][] = [];
let solutionReviews: DetectedSuggestion[][] = [];

beforeAll(async () => {
  [corpusReviews, solutionReviews] = await Promise.all([reviewAll(CORPUS), reviewAll(EXERCISES.map((e) => ({ source: e.solution, file: e.file })))]);
}, 300_000);

/** What a program's review is judged on: the suggestions that are not celebratory, as "id line". */
function judged(program: ReviewProgram, found: DetectedSuggestion[]): { got: string[]; want: string[] } {
  const want = program.expected.filter((e) => !CELEBRATORY.has(e.id)).map((e) => `${e.id} ${e.line}`);
  const got = found.filter((s) => !CELEBRATORY.has(s.id)).map((s) => `${s.id} ${s.line}`);
  return { got: got.sort(), want: want.sort() };
}

describe("the review corpus", () => {
  test("at least 40 habit programs, every suggestion shown by two of them, and at least 20 clean programs", () => {
    const habits = CORPUS.filter((p) => p.expected.length > 0);
    expect(habits.length).toBeGreaterThanOrEqual(40);
    expect(CORPUS.filter((p) => p.expected.length === 0).length).toBeGreaterThanOrEqual(20);
    for (const id of IDS) expect([id, habits.filter((p) => p.expected.some((e) => e.id === id)).length >= 2]).toEqual([id, true]);
    for (const p of CORPUS) for (const e of p.expected) expect(IDS).toContain(e.id);
  });

  test.each(CORPUS.map((p, i) => [p.file, p, i] as const))("%s", (_file, program, i) => {
    const found = corpusReviews[i]!;
    const { got, want } = judged(program, found);
    expect(got).toEqual(want);
    for (const e of program.expected.filter((x) => CELEBRATORY.has(x.id))) expect(found.map((s) => `${s.id} ${s.line}`)).toContain(`${e.id} ${e.line}`);
    for (const s of found) {
      // One or two sentences for a beginner, naming the code in backticks; the code works, so never "wrong".
      expect(s.message).toMatch(/`[^`]+`/);
      expect(s.message).toMatch(/[.!]$/);
      expect(s.message).not.toMatch(/\n/);
      expect(s.message).not.toMatch(/\b(wrong|incorrect|mistake|bug)\b/i);
    }
  });
});

describe("the reviewers", () => {
  // A reference solution is how the exercise wants it done: with the exercise's wishes applied (a loops exercise
  // avoids `builtin-sum-max-min`), its review may suggest a nicer idiom, but never call it a real problem.
  test("no reference solution gets an essential suggestion, once its exercise's wishes are applied", () => {
    expect(EXERCISES.length).toBeGreaterThan(80);
    const essential = EXERCISES.flatMap((e, i) =>
      reviewSuggestions(solutionReviews[i]!, e.review)
        .filter((s) => s.severity === "essential")
        .map((s) => `${e.id}: ${s.id} ${s.line}`),
    );
    expect(essential).toEqual([]);
  });

  test("one reviewer module per suggestion of the manifest, named after it, and no other", () => {
    const dir = path.join(ROOT, "runner-image", "tutor_analysis", "reviewers");
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith(".py") && !f.startsWith("_"))
      .map((f) => f.replace(/\.py$/, ""))
      .sort();
    expect(modules).toEqual(IDS.map((id) => id.replace(/-/g, "_")).sort());
    for (const name of modules) expect(/^SUGGESTION = "([^"]+)"$/m.exec(readFileSync(path.join(dir, `${name}.py`), "utf8"))?.[1]).toBe(name.replace(/_/g, "-"));
  });

  test("code that doesn't parse gets no suggestions and its syntax error", () => {
    const run = spawnSync(PYTHON, ["-I", "-B", TOOL], { input: JSON.stringify({ mode: "review", file: "x.py", source: "def f(:\n" }), encoding: "utf8" });
    const answer = codeReviewSchema.parse(JSON.parse(run.stdout));
    expect(answer).toMatchObject({ parsed: false, suggestions: [] });
    expect(answer.syntaxError?.type).toBe("SyntaxError");
  });

  test("hostile input is answered, not crashed on: deep nesting, a huge file, not a string", () => {
    for (const source of ["x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n", "print(1)\n".repeat(20000)]) {
      const run = spawnSync(PYTHON, ["-I", "-B", TOOL], { input: JSON.stringify({ mode: "review", source }), encoding: "utf8", timeout: 60_000 });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual(expect.any(Object));
    }
    const run = spawnSync(PYTHON, ["-I", "-B", TOOL], { input: JSON.stringify({ mode: "review", source: 42 }), encoding: "utf8" });
    expect(JSON.parse(run.stdout)).toEqual({ error: "`source` must be a string" });
  });
});
