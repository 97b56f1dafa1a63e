// The tutor corpus end to end: every buggy program really fails its exercise in the real sandbox, the offline
// engine ranks its labelled concept in the top 3 for at least 90% of the concept-labelled programs, every
// `# bug-lines:` program is a quiet logic bug, the explanation or the level-2 hint names a labelled line of at
// least 80% of them, and no explanation or hint gives away a hidden case. The same pipeline as
// `npm run bench:tutor` (test/tutor/corpus/evaluate.ts).
import type { Sandbox } from "../../server/grading/sandbox/sandbox";
import { gradeSubmission } from "../../server/grading/grade";
import { CATALOGUE } from "../../server/tutor/concepts/catalogue";
import { freshReferenceCache, realSandbox } from "../support/sandbox";
import { type EntryResult, evaluateCorpus, figuresOf, figuresReport, hiddenSecrets, LOCATED_TARGET, missesReport, notQuiet, percent, TOP3_TARGET } from "./corpus/evaluate";
import { type Corpus, loadCorpus } from "./corpus/load";

const corpus: Corpus = loadCorpus();
const quiet = corpus.entries.filter((e) => e.bugLines !== null);
let sandbox: Sandbox;
let results: EntryResult[] = [];

beforeAll(async () => {
  sandbox = await realSandbox();
  results = await evaluateCorpus(sandbox, freshReferenceCache(), corpus.entries, { concurrency: 2 });
}, 1_800_000);

afterAll(() => corpus.cleanup());

const resultOf = (id: string) => results.find((x) => x.entry.id === id)!;

test("the corpus has at least two programs for nine concepts in ten", () => {
  expect(corpus.entries.filter((e) => e.concept !== null).length).toBeGreaterThanOrEqual(46);
  // A concept is added with four files (server/tutor/concepts/README.md), its corpus programs after it; the
  // figures would stop saying much if many concepts went unmeasured.
  const thin = CATALOGUE.map((m) => m.id).filter((id) => corpus.entries.filter((e) => e.concept === id).length < 2);
  expect(thin.length).toBeLessThanOrEqual(Math.floor(CATALOGUE.length / 10));
  // A few programs fail only on a hidden case.
  expect(results.filter((r) => r.failing?.hidden).length).toBeGreaterThanOrEqual(5);
});

test("the corpus has at least 65 quiet bugs labelled with their lines, 8 of them over two lines", () => {
  expect(quiet.length).toBeGreaterThanOrEqual(65);
  expect(quiet.filter((e) => e.bugLines!.length >= 2).length).toBeGreaterThanOrEqual(8);
  // Shapes beyond the shipped exercises: inline exercises, stdin/stdout programs among them.
  expect(quiet.filter((e) => e.exerciseRef === null).length).toBeGreaterThanOrEqual(50);
  expect(quiet.filter((e) => e.exercise.cases.some((c) => c.call === null)).length).toBeGreaterThanOrEqual(5);
});

test("every inline exercise's reference solution passes its own cases", async () => {
  const inline = corpus.entries.filter((e) => e.exerciseRef === null);
  const failing: string[] = [];
  for (const e of inline) {
    const r = await gradeSubmission(sandbox, freshReferenceCache(), e.exercise, e.exercise.solution);
    if (r.status !== "passed") failing.push(`${e.id}: ${r.message}`);
  }
  expect(failing).toEqual([]);
}, 900_000);

test.each(corpus.entries.map((e) => [e.id]))("%s really fails its exercise", (id) => {
  const r = resultOf(id);
  expect(r.grade.status).not.toBe("passed");
  expect(r.grade.passedCount).toBeLessThan(r.grade.totalCount);
  expect(r.failing).not.toBeNull();
});

// Quiet: nothing raised, nothing timed out; a value or an output is just wrong. Localization compares passing
// and failing visible cases, so each needs at least one of both.
test.each(quiet.map((e) => [e.id]))("%s is a quiet bug, failing a visible case and passing another", (id) => {
  const r = resultOf(id);
  expect(notQuiet(r)).toEqual([]);
  expect(r.entry.exercise.cases.some((c) => c.hidden)).toBe(true);
});

test("the leak check knows a hidden case's call, expected value and input text, but not what the learner wrote", () => {
  const entry = corpus.entries.find((e) => e.id.startsWith("28-"))!;
  expect(hiddenSecrets(entry.exercise, entry.code)).toEqual(['translate("purple")', "'purple'", "purple"]);
  expect(hiddenSecrets(entry.exercise, `${entry.code}\n# purple\n`)).toEqual(['translate("purple")', "'purple'"]);
});

test("no explanation or level-2 hint reveals a hidden case's call, expected value or input", () => {
  expect(results.filter((r) => r.leaks.length > 0).map((r) => ({ entry: r.entry.id, leaks: r.leaks }))).toEqual([]);
});

test(`the labelled concept is in the offline engine's top 3 for at least ${TOP3_TARGET * 100}% of the concept-labelled corpus`, () => {
  const figures = figuresOf(results);
  process.stdout.write(`\n${missesReport(results)}\n\n${figuresReport(figures)}\n`);
  expect(figures.top3.n / figures.top3.of).toBeGreaterThanOrEqual(TOP3_TARGET);
});

test(`the explanation or the level-2 hint names a labelled bug line for at least ${LOCATED_TARGET * 100}% of the quiet bugs`, () => {
  const { located, localizationMs } = figuresOf(results);
  process.stdout.write(`located: ${located.n}/${located.of} (${percent(located)}); localization p50 ${localizationMs?.p50 ?? "-"} ms, p95 ${localizationMs?.p95 ?? "-"} ms\n`);
  // Localization ran for every quiet bug (it is what makes naming the line possible), and named the line often enough.
  expect(quiet.filter((e) => resultOf(e.id).localizationMs === null).map((e) => e.id)).toEqual([]);
  expect(located.n / located.of).toBeGreaterThanOrEqual(LOCATED_TARGET);
});
