// A draft read from an exercise folder and written back loads as the same exercise: same cases, expected values
// and hidden flags, whatever YAML the instructor used. Values YAML writes several ways come back in one form.
import path from "node:path";
import { draftFromFiles, draftToFiles, type EditableFiles } from "../../server/authoring/draft";
import { readEditableFiles } from "../../server/authoring/folder";
import { findExerciseFolders } from "../../server/exercises/check";
import { loadExercise } from "../../server/exercises/load";
import { writeExerciseFolder } from "../support/exercise-fixture";

function writeFiles(files: EditableFiles): string {
  return writeExerciseFolder({ exerciseYaml: files["exercise.yaml"], readme: files["README.md"], starter: files["starter.py"], solution: files["solution.py"], casesYaml: files["cases.yaml"] ?? undefined });
}

const comparable = (dir: string) => {
  const e = loadExercise(dir);
  return { manifest: [e.title, e.summary, e.difficulty, e.concepts, e.file, e.entry, e.limits, e.hints], readme: e.instructionsMarkdown, cases: e.cases };
};

test.each(findExerciseFolders(path.resolve(__dirname, "../../exercises")))("%s survives a round trip through a draft", (dir) => {
  const { draft, problems } = draftFromFiles(readEditableFiles(dir));
  expect(problems).toEqual([]);
  const written = draftToFiles(draft);
  expect(written.problems).toEqual([]);
  expect(comparable(writeFiles(written.files))).toEqual(comparable(dir));
});

test("tuples, sets, nested values, block-style values, program cases and tolerances round-trip", () => {
  const casesYaml = [
    "- name: pair",
    "  call: f(1)",
    "  expect: !tuple [1, [2, 3]]",
    "- name: block list",
    "  call: f(2)",
    "  expect:",
    "    - a",
    "    - {b: 2}",
    "- name: set",
    "  call: f(3)",
    "  expect: !set [1, 2]",
    "  hidden: true",
    "- name: big",
    "  call: f(4)",
    "  expect: 123456789012345678901234567890",
    "- name: close",
    "  call: f(5)",
    "  expect: 0.5",
    "  tolerance: 0.01",
    "- name: raises",
    "  call: f(-1)",
    "  raises: ValueError",
    "- name: from the reference",
    "  call: f(6)",
    "- name: program",
    '  stdin: "a\\nb\\n"',
    "  stdout: |",
    "    A",
    "    B",
  ].join("\n");
  const dir = writeExerciseFolder({ solution: "def answer(x):\n    return x\n", casesYaml });
  const { draft } = draftFromFiles(readEditableFiles(dir));
  expect(draft.cases.map((c) => c.expect)).toEqual(['!tuple [1, [2, 3]]', '["a", {"b": 2}]', "!set [1, 2]", "123456789012345678901234567890", "0.5", undefined, undefined, undefined]);
  expect(draft.cases[7]).toEqual({ name: "program", stdin: "a\nb\n", stdout: "A\nB\n", hidden: false });
  const { files } = draftToFiles(draft);
  expect(comparable(writeFiles(files))).toEqual(comparable(dir));
});

test("an expect value that is not YAML is named by case and field, and one written as a block mapping is kept", () => {
  const base = draftFromFiles(readEditableFiles(writeExerciseFolder({ solution: "def answer():\n    return 1\n", casesYaml: "- name: one\n  call: answer()\n  expect: 1\n" }))).draft;
  const bad = draftToFiles({ ...base, cases: [{ name: "one", call: "answer()", expect: "[1, 2", hidden: false }] });
  expect(bad.problems).toEqual([expect.objectContaining({ file: "cases.yaml", field: "[0].expect" })]);
  // `a: 1` on its own is a mapping: it must not become a sibling of the case's own fields.
  const mapping = draftToFiles({ ...base, cases: [{ name: "one", call: "answer()", expect: "a: 1\nhidden: true", hidden: false }] });
  expect(mapping.problems).toEqual([]);
  const loaded = loadExercise(writeFiles(mapping.files));
  expect(loaded.cases[0]!.hidden).toBe(false);
  expect(loaded.cases[0]!.expectation).toEqual({ kind: "value", value: { t: "dict", items: [[{ t: "str", v: "a" }, { t: "int", v: 1n }], [{ t: "str", v: "hidden" }, { t: "bool", v: true }]] } });
});

test.each(findExerciseFolders(path.resolve(__dirname, "../../exercises")))("%s written back unchanged over its own files is the same files", (dir) => {
  const files = readEditableFiles(dir);
  const { draft } = draftFromFiles(files);
  expect(draftToFiles(draft, files).files).toEqual(files);
});

test("saving keeps the comments of what the draft did not change, in exercise.yaml and cases.yaml", () => {
  const exerciseYaml = [
    "# Written by hand: keep the summary short.",
    "title: Shout",
    "summary: Make it loud # the list shows this",
    "difficulty: 1",
    "concepts: [strings]",
    "file: answer.py",
    "entry: answer",
    "",
  ].join("\n");
  const casesYaml = [
    "# Cases for shout. The hidden one guards the empty string.",
    "",
    "# A plain word.",
    "- name: word",
    "  call: answer('hi')",
    "  expect: \"HI!\" # with the bang",
    "",
    "# Will be changed.",
    "- name: two words",
    "  call: answer('a b')",
    "  expect: \"A B!\"",
    "",
    "- name: empty",
    "  call: answer('')",
    "  expect: \"\"",
    "  hidden: true",
    "# end of cases",
    "",
  ].join("\n");
  const dir = writeExerciseFolder({ exerciseYaml, casesYaml, solution: "def answer(text):\n    return text.upper() + '!' if text else ''\n" });
  const files = readEditableFiles(dir);
  const { draft } = draftFromFiles(files);
  draft.manifest.difficulty = 2;
  draft.cases[1] = { ...draft.cases[1]!, call: "answer('a  b')", expect: '"A  B!"' };
  draft.cases.push({ name: "shouted already", call: "answer('HI!')", expect: '"HI!!"', hidden: false });

  const written = draftToFiles(draft, files);
  expect(written.problems).toEqual([]);
  const manifest = written.files["exercise.yaml"];
  expect(manifest).toContain("# Written by hand: keep the summary short.");
  expect(manifest).toContain("summary: Make it loud # the list shows this");
  expect(manifest).toContain("difficulty: 2");
  const cases = written.files["cases.yaml"]!;
  for (const kept of ["# Cases for shout. The hidden one guards the empty string.", "# A plain word.", 'expect: "HI!" # with the bang', "# Will be changed.", "# end of cases"]) expect(cases).toContain(kept);
  expect(cases).toContain('call: "answer(\'a  b\')"');
  expect(cases).not.toContain("answer('a b')");

  // What loads is what the draft says, comments or not.
  const reloaded = loadExercise(writeFiles(written.files));
  expect(reloaded.difficulty).toBe(2);
  expect(reloaded.cases.map((c) => [c.name, c.hidden])).toEqual([["word", false], ["two words", false], ["empty", true], ["shouted already", false]]);
  expect(draftFromFiles(written.files).draft.cases).toEqual(draft.cases);
});
