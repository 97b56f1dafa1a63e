// The course shipped in exercises/ keeps its promises (issue 14): every concept the tutor can name has exercises to
// practise it, every exercise has enough visible and hidden cases, a tip and its concepts, and every unit says in
// set.yaml what it teaches and in which order. Pure reading of the folders: the sandbox runs are in
// test/grading/exercises-valid.test.ts and `tutor check exercises/`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { loadExerciseTree } from "../../server/exercises/load";
import { CATALOGUE } from "../../server/tutor/concepts/catalogue";

const ROOT = path.resolve(__dirname, "../../exercises");
const tree = loadExerciseTree(ROOT);
const catalogueIds = CATALOGUE.map((m) => m.id);
const units = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith("."))
  .map((d) => d.name)
  .sort();
const foldersOf = (unit: string) =>
  readdirSync(path.join(ROOT, unit), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort();

test("every folder loads, and the course has at least 70 exercises in at least 10 numbered units", () => {
  expect(tree.errors.map((e) => e.message)).toEqual([]);
  const numbered = units.filter((u) => /^\d{2}-/.test(u));
  expect(numbered.length).toBeGreaterThanOrEqual(10);
  expect(tree.exercises.filter((e) => numbered.includes(e.set)).length).toBeGreaterThanOrEqual(70);
});

test("every concept of the tutor's catalogue is practised by at least 2 exercises", () => {
  const practisedBy = (id: string) => tree.exercises.filter((e) => e.concepts.includes(id)).map((e) => e.id);
  const thin = catalogueIds.filter((id) => practisedBy(id).length < 2).map((id) => `${id}: ${practisedBy(id).join(", ") || "none"}`);
  expect(thin).toEqual([]);
});

test("every exercise has at least 5 visible and 2 hidden cases", () => {
  const short = tree.exercises
    .map((e) => ({ id: e.id, visible: e.cases.filter((c) => !c.hidden).length, hidden: e.cases.filter((c) => c.hidden).length }))
    .filter((c) => c.visible < 5 || c.hidden < 2);
  expect(short).toEqual([]);
});

test("every exercise names catalogue concepts, has a difficulty and a README with examples and a tip", () => {
  const problems = tree.exercises.flatMap((e) => {
    const found: string[] = [];
    if (e.concepts.length === 0) found.push(`${e.id}: no concepts`);
    for (const c of e.concepts) if (!catalogueIds.includes(c)) found.push(`${e.id}: concept ${c} is not in the tutor's catalogue`);
    if (!/^## Tip$/m.test(e.instructionsMarkdown)) found.push(`${e.id}: README.md has no "## Tip" section`);
    if (!/^## Examples?$/m.test(e.instructionsMarkdown)) found.push(`${e.id}: README.md has no "## Examples" section`);
    if (!(e.difficulty >= 1 && e.difficulty <= 5)) found.push(`${e.id}: difficulty ${e.difficulty}`);
    return found;
  });
  expect(problems).toEqual([]);
});

test.each(units)("unit %s has a set.yaml whose order names every folder in it, and what it teaches", (unit) => {
  const manifest = parse(readFileSync(path.join(ROOT, unit, "set.yaml"), "utf8")) as { title: string; order?: string[]; concepts?: string[]; topics?: string[] };
  expect(manifest.title).toEqual(expect.any(String));
  expect([...(manifest.order ?? [])].sort()).toEqual(foldersOf(unit));
  expect(manifest.topics?.length).toBeGreaterThan(0);
  // A unit teaches only concepts the tutor knows (so each links to a lesson), and practises each of them.
  const practised = new Set(tree.exercises.filter((e) => e.set === unit).flatMap((e) => e.concepts));
  expect(manifest.concepts?.length).toBeGreaterThan(0);
  expect((manifest.concepts ?? []).filter((c) => !catalogueIds.includes(c) || !practised.has(c))).toEqual([]);
});

test("the first units start with programs that read input and print, as well as functions", () => {
  const programs = (unit: string) => tree.exercises.filter((e) => e.set === unit && e.cases.every((c) => c.call === null)).length;
  const functions = (unit: string) => tree.exercises.filter((e) => e.set === unit && e.cases.some((c) => c.call !== null)).length;
  expect(programs("01-printing")).toBeGreaterThanOrEqual(5);
  expect(programs("02-arithmetic")).toBeGreaterThanOrEqual(3);
  expect(functions("02-arithmetic")).toBeGreaterThanOrEqual(2);
  // A beginner's first exercise is a program, and it comes first in the list of units.
  expect(tree.exercises.filter((e) => e.set === units[0]).sort((a, b) => a.order - b.order)[0]!.entry).toBeNull();
});
