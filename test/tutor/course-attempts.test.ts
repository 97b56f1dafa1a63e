// The course's exercises met the way a learner meets them (issue 14): two or more typical wrong attempts at every
// exercise of every unit, in test/tutor/corpus/course/. Each really fails its exercise, an attempt labelled with
// `# bug-lines:` is a quiet bug, localization runs for it, and no explanation or level-2 hint gives away a hidden
// case. How well the tutor names their concepts and lines is measured, not held to a target here (the targets are
// the corpus's, test/tutor/corpus.test.ts): `npm run bench:tutor` prints both sets of figures (docs/tutor.md).
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Sandbox } from "../../server/grading/sandbox/sandbox";
import { freshReferenceCache, realSandbox } from "../support/sandbox";
import { type EntryResult, evaluateCorpus, figuresOf, figuresReport, notQuiet } from "./corpus/evaluate";
import { type Corpus, COURSE_ATTEMPTS_DIR, loadCorpus } from "./corpus/load";

const EXERCISES = path.resolve(__dirname, "../../exercises");
const attempts: Corpus = loadCorpus(COURSE_ATTEMPTS_DIR);
let sandbox: Sandbox;
let results: EntryResult[] = [];

beforeAll(async () => {
  sandbox = await realSandbox();
  results = await evaluateCorpus(sandbox, freshReferenceCache(), attempts.entries, { concurrency: 2 });
}, 1_800_000);

afterAll(() => attempts.cleanup());

/** Every exercise of the course's numbered units, as "<unit>/<exercise>". */
function courseExercises(): string[] {
  const units = readdirSync(EXERCISES).filter((d) => /^\d\d-/.test(d));
  return units.flatMap((unit) =>
    readdirSync(path.join(EXERCISES, unit), { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(path.join(EXERCISES, unit, d.name)).includes("exercise.yaml"))
      .map((d) => `${unit}/${d.name}`),
  );
}

test("every exercise of every unit has two or more wrong attempts, and only shipped exercises are used", () => {
  const course = courseExercises();
  expect(course.length).toBeGreaterThanOrEqual(70);
  const refs = attempts.entries.map((e) => e.exerciseRef);
  expect(refs.filter((r) => r === null || !course.includes(r))).toEqual([]);
  expect(course.filter((id) => refs.filter((r) => r === id).length < 2)).toEqual([]);
});

test("every attempt really fails its exercise, and every attempt labelled with its lines is a quiet bug", () => {
  expect(results.filter((r) => r.grade.status === "passed").map((r) => r.entry.id)).toEqual([]);
  const loud = results.filter((r) => r.entry.bugLines !== null).flatMap((r) => notQuiet(r).map((why) => `${r.entry.id}: ${why}`));
  expect(loud).toEqual([]);
});

test("localization runs for every quiet attempt, and no answer reveals a hidden case", () => {
  const quiet = results.filter((r) => r.entry.bugLines !== null);
  expect(quiet.length).toBeGreaterThanOrEqual(80);
  expect(quiet.filter((r) => r.localizationMs === null).map((r) => r.entry.id)).toEqual([]);
  expect(results.filter((r) => r.leaks.length > 0).map((r) => ({ entry: r.entry.id, leaks: r.leaks }))).toEqual([]);
  process.stdout.write(`\nthe course's wrong attempts:\n${figuresReport(figuresOf(results))}\n`);
});
