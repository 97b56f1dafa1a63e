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
