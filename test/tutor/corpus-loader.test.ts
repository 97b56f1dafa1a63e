// The corpus loader (test/tutor/corpus/load.ts) on small corpora written for each case: the bug-lines label and
// `concept: none` are read and checked, and a wrong label stops loading with a message naming file and fix.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Corpus, loadCorpus } from "./corpus/load";

const EXERCISE = `exercise:
  file: double.py
  entry: double
  solution: |
    def double(n):
        return 2 * n
  cases:
    - name: two
      call: double(2)
      expect: 4
    - name: zero
      call: double(0)
      expect: 0
      hidden: true
`;
const CODE = `code: |
  def double(n):
      result = n

      return result + 2
`;

let dir: string;
const loaded: Corpus[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "corpus-loader-"));
});

afterEach(() => {
  for (const c of loaded.splice(0)) c.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function load(files: Record<string, string>): Corpus {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const corpus = loadCorpus(dir);
  loaded.push(corpus);
  return corpus;
}

const entry = (header: string, concept = "off-by-one") => `${header}concept: ${concept}\ndescription: Adds 2 instead of doubling.\n${EXERCISE}${CODE}`;

test("reads the bug lines from the header comment, and `concept: none` as no concept", () => {
  const corpus = load({
    "01-off-by-one-double.yaml": entry("# bug-lines: 4\n"),
    "02-no-concept-double.yaml": entry("# A note first.\n# bug-lines: 2, 4\n", "none"),
    "103-off-by-one-unlabelled.yaml": entry(""),
  });
  expect(corpus.entries.map((e) => [e.id, e.concept, e.bugLines])).toEqual([
    ["01-off-by-one-double", "off-by-one", [4]],
    ["02-no-concept-double", null, [2, 4]],
    ["103-off-by-one-unlabelled", "off-by-one", null],
  ]);
});

test("loads a stdin/stdout program exercise, which needs no entry", () => {
  const corpus = load({
    "01-no-concept-echo.yaml": `# bug-lines: 1
concept: none
description: Prints the line twice.
exercise:
  file: echo.py
  solution: |
    print(input())
  cases:
    - name: one line
      stdin: "hi\\n"
      stdout: "hi\\n"
code: |
  print(input() * 2)
`,
  });
  expect(corpus.entries[0]!.exercise.entry).toBeNull();
  expect(corpus.entries[0]!.exercise.cases[0]!.call).toBeNull();
});

test.each([
  ["# bug-lines: 9\n", "01-off-by-one-double.yaml: bug-lines: line 9 is not in the code, which has lines 1 to 4"],
  ["# bug-lines: 0\n", "bug-lines: line 0 is not in the code"],
  ["# bug-lines: 3\n", "bug-lines: line 3 of the code is blank"],
  ["# bug-lines: 4, 2\n", "bug-lines: list each line once, in ascending order (got 4, 2)"],
  ["# bug-lines: 4, 4\n", "bug-lines: list each line once"],
  ["# bug-lines: four\n", 'bug-lines: expected the line numbers of the bug in the code block, such as `# bug-lines: 4` or `# bug-lines: 3, 7`; got "# bug-lines: four"'],
  ["# bug-line: 4\n", "bug-lines: expected the line numbers"],
  ["# bug-lines: 4\n# bug-lines: 2\n", "bug-lines: given 2 times in the header"],
])("a wrong label %j is refused", (header, message) => {
  expect(() => load({ "01-off-by-one-double.yaml": entry(header) })).toThrow(message);
});

test("`concept: none` needs bug lines and a NN-no-concept-<short> file name", () => {
  expect(() => load({ "01-no-concept-double.yaml": entry("", "none") })).toThrow("01-no-concept-double.yaml: bug-lines: required when concept is none");
  rmSync(path.join(dir, "01-no-concept-double.yaml"));
  expect(() => load({ "01-off-by-one-double.yaml": entry("# bug-lines: 4\n", "none") })).toThrow("the file name must be NN-no-concept-<short>.yaml");
});

test("two files with the same number are refused", () => {
  expect(() => load({ "07-off-by-one-a.yaml": entry(""), "007-off-by-one-b.yaml": entry("") })).toThrow("its number is taken by");
});

test("the shipped corpus loads, its labels included", () => {
  const corpus = loadCorpus();
  loaded.push(corpus);
  expect(corpus.entries.length).toBeGreaterThan(100);
  expect(corpus.entries.filter((e) => e.bugLines).length).toBeGreaterThanOrEqual(65);
});
