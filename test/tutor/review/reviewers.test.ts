// The review's reviewers (runner-image/tutor_analysis/reviewers/), run on the host as a child process exactly as
// the sandbox runs the analysis tool (`python3 -I -B analysis.py`, mode "review"). The corpus in corpus/ is working
// programs, each showing a habit (`# review: <id> <line> ...` on its first line) or clean and idiomatic
// (`# review: clean`): a habit program gets exactly its suggestions (celebratory ones aside), a clean one no
// essential or actionable suggestion. held-out/ is measured by `npm run bench:tutor`, not tested here.
import { spawnSync } from "node:child_process";
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

function review(source: string, file = "solution.py"): DetectedSuggestion[] {
  const run = spawnSync(PYTHON, ["-I", "-B", TOOL], { input: JSON.stringify({ mode: "review", file, source }), encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const lines = run.stdout.split("\n").filter((l) => l.trim());
  expect(lines).toHaveLength(1);
  const answer = codeReviewSchema.parse(JSON.parse(lines[0]!));
  expect(answer.parsed).toBe(true);
  return answer.suggestions;
}

const CORPUS = loadReviewCorpus(path.join(__dirname, "corpus"));

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

  test.each(CORPUS.map((p) => [p.file, p] as const))("%s", (_file, program) => {
    const found = review(program.source, program.file);
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
    const { exercises } = loadExerciseTree(path.join(ROOT, "exercises"));
    expect(exercises.length).toBeGreaterThan(80);
    const essential = exercises.flatMap((e) =>
      reviewSuggestions(review(e.solution, e.file), e.review)
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
