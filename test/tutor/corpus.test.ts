// The tutor corpus end to end: every buggy program really fails its exercise in the real sandbox, the offline
// engine ranks its labelled concept in the top 3 for at least 90% of them, and no explanation gives away a
// hidden case. The same pipeline as `npm run bench:tutor` (test/tutor/corpus/evaluate.ts).
import type { Sandbox } from "../../server/grading/sandbox/sandbox";
import { gradeSubmission } from "../../server/grading/grade";
import { CATALOGUE } from "../../server/tutor/concepts/catalogue";
import { freshReferenceCache, realSandbox } from "../support/sandbox";
import { type Corpus, type EntryResult, evaluateCorpus, figuresOf, figuresReport, hiddenSecrets, loadCorpus, missesReport, TOP3_TARGET } from "./corpus/evaluate";

const corpus: Corpus = loadCorpus();
let sandbox: Sandbox;
let results: EntryResult[] = [];

beforeAll(async () => {
  sandbox = await realSandbox();
  results = await evaluateCorpus(sandbox, freshReferenceCache(), corpus.entries, { concurrency: 2 });
}, 900_000);

afterAll(() => corpus.cleanup());

test("the corpus has at least two programs for every concept of the catalogue", () => {
  expect(corpus.entries.length).toBeGreaterThanOrEqual(46);
  const thin = CATALOGUE.map((m) => m.id).filter((id) => corpus.entries.filter((e) => e.concept === id).length < 2);
  expect(thin).toEqual([]);
  // A few programs fail only on a hidden case.
  expect(results.filter((r) => r.failing?.hidden).length).toBeGreaterThanOrEqual(5);
});

test("every inline exercise's reference solution passes its own cases", async () => {
  const inline = corpus.entries.filter((e) => e.exerciseRef === null);
  const failing: string[] = [];
  for (const e of inline) {
    const r = await gradeSubmission(sandbox, freshReferenceCache(), e.exercise, e.exercise.solution);
    if (r.status !== "passed") failing.push(`${e.id}: ${r.message}`);
  }
  expect(failing).toEqual([]);
}, 600_000);

test.each(corpus.entries.map((e) => [e.id]))("%s really fails its exercise", (id) => {
  const r = results.find((x) => x.entry.id === id)!;
  expect(r.grade.status).not.toBe("passed");
  expect(r.grade.passedCount).toBeLessThan(r.grade.totalCount);
  expect(r.failing).not.toBeNull();
});

test("the leak check knows a hidden case's call, expected value and input text, but not what the learner wrote", () => {
  const entry = corpus.entries.find((e) => e.id.startsWith("28-"))!;
  expect(hiddenSecrets(entry.exercise, entry.code)).toEqual(['translate("purple")', "'purple'", "purple"]);
  expect(hiddenSecrets(entry.exercise, `${entry.code}\n# purple\n`)).toEqual(['translate("purple")', "'purple'"]);
});

test("no explanation reveals a hidden case's call, expected value or input", () => {
  expect(results.filter((r) => r.leaks.length > 0).map((r) => ({ entry: r.entry.id, leaks: r.leaks }))).toEqual([]);
});

test(`the labelled concept is in the offline engine's top 3 for at least ${TOP3_TARGET * 100}% of the corpus`, () => {
  const figures = figuresOf(results);
  process.stdout.write(`\n${missesReport(results)}\n\n${figuresReport(figures)}\n`);
  expect(figures.top3.n / figures.top3.of).toBeGreaterThanOrEqual(TOP3_TARGET);
});
