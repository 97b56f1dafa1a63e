import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Exercise, ExerciseFolderError, type ExerciseProblem } from "../../server/exercises/exercise";
import { loadExercise, loadExerciseTree } from "../../server/exercises/load";
import type { PyValue } from "../../server/grading/values";
import { type FixtureFiles, writeExerciseFolder } from "../support/exercise-fixture";

const SOLUTION = "def answer(x):\n    return x\n";
const MANIFEST = "title: Fixture\nsummary: A test exercise.\ndifficulty: 1\nconcepts: []\nfile: answer.py\nentry: answer\n";
const ONE_CASE = "- name: one\n  call: answer(1)\n  expect: 1\n";

function folder(files: Partial<FixtureFiles> = {}, slug?: string): string {
  return writeExerciseFolder({ solution: SOLUTION, casesYaml: ONE_CASE, ...files }, slug);
}

/** The problems loadExercise reports, failing the test if it loads. */
function problemsOf(dir: string): ExerciseProblem[] {
  try {
    loadExercise(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ExerciseFolderError);
    return (e as ExerciseFolderError).problems;
  }
  throw new Error(`${dir} loaded, but it should not have`);
}

function expectedValueOf(casesYaml: string, index = 0): PyValue {
  const c = loadExercise(folder({ casesYaml })).cases[index]!;
  if (c.expectation.kind !== "value") throw new Error(`case ${index} has no expected value`);
  return c.expectation.value;
}

describe("loadExercise on a good folder", () => {
  test("reads every file and field", () => {
    const dir = folder({
      exerciseYaml: "title: Double\nsummary: Doubles a number.\ndifficulty: 3\nconcepts: [off-by-one]\nfile: double.py\nentry: double\nlimits: {timeoutMs: 500, memoryMb: 64}\n",
      readme: "# Double it\n",
      starter: "def double(x):\n    pass\n",
      solution: "def double(x):\n    return 2 * x\n",
      casesYaml: [
        "- name: two",
        "  call: double(2)",
        "  expect: 4",
        "- name: a float",
        "  call: double(0.1)",
        "  expect: 0.2",
        "  tolerance: 0.001",
        "  hidden: true",
        "- name: not a number",
        "  call: double(None)",
        "  raises: TypeError",
        "- name: from the reference",
        "  call: double(21)",
        "- name: expects None",
        "  call: double(0) and None",
        "  expect: null",
        "",
      ].join("\n"),
    });
    const e: Exercise = loadExercise(dir, 4);
    expect(e).toMatchObject({
      id: "tests/fixture",
      set: "tests",
      slug: "fixture",
      dir,
      title: "Double",
      summary: "Doubles a number.",
      difficulty: 3,
      concepts: ["off-by-one"],
      file: "double.py",
      entry: "double",
      limits: { timeoutMs: 500, memoryMb: 64 },
      instructionsMarkdown: "# Double it\n",
      starter: "def double(x):\n    pass\n",
      solution: "def double(x):\n    return 2 * x\n",
      order: 4,
    });
    expect(e.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.cases).toEqual([
      { index: 0, name: "two", call: "double(2)", hidden: false, expectation: { kind: "value", value: { t: "int", v: 4n } } },
      { index: 1, name: "a float", call: "double(0.1)", hidden: true, tolerance: 0.001, expectation: { kind: "value", value: { t: "float", v: 0.2 } } },
      { index: 2, name: "not a number", call: "double(None)", hidden: false, expectation: { kind: "raises", exception: "TypeError" } },
      { index: 3, name: "from the reference", call: "double(21)", hidden: false, expectation: { kind: "reference" } },
      { index: 4, name: "expects None", call: "double(0) and None", hidden: false, expectation: { kind: "value", value: { t: "none" } } },
    ]);
  });

  test("the content hash changes with the solution and the cases, not with the README", () => {
    const base = loadExercise(folder()).contentHash;
    expect(loadExercise(folder({ readme: "# Something else\n" })).contentHash).toBe(base);
    expect(loadExercise(folder({ solution: "def answer(x):\n    return x + 0\n" })).contentHash).not.toBe(base);
    expect(loadExercise(folder({ casesYaml: ONE_CASE.replace("answer(1)", "answer(2)") })).contentHash).not.toBe(base);
  });

  test("tolerance: 0 is a number, not a bigint", () => {
    const c = loadExercise(folder({ casesYaml: `${ONE_CASE}  tolerance: 0\n` })).cases[0]!;
    expect(c.tolerance).toBe(0);
  });
});

describe("YAML values in cases.yaml decode to Python values", () => {
  test("2.0 is a float and 2 is an int", () => {
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: 2.0\n")).toEqual({ t: "float", v: 2 });
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: 2\n")).toEqual({ t: "int", v: 2n });
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: -7\n")).toEqual({ t: "int", v: -7n });
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: 1e3\n")).toEqual({ t: "float", v: 1000 });
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: 0x1F\n")).toEqual({ t: "int", v: 31n });
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: '2.0'\n")).toEqual({ t: "str", v: "2.0" });
  });

  test("big ints stay exact", () => {
    const digits = "123456789012345678901234567890123456789";
    expect(expectedValueOf(`- name: a\n  call: answer(1)\n  expect: ${digits}\n`)).toEqual({ t: "int", v: BigInt(digits) });
    expect(expectedValueOf(`- name: a\n  call: answer(1)\n  expect: -9007199254740993\n`)).toEqual({ t: "int", v: -9007199254740993n });
  });

  test("!tuple, !set and !frozenset mark what plain YAML lacks; plain sequences are lists", () => {
    const value = expectedValueOf("- name: a\n  call: answer(1)\n  expect: [!tuple [1, 'a'], !set [1, 2], !frozenset [], [3], !tuple []]\n");
    expect(value).toEqual({
      t: "list",
      items: [
        { t: "tuple", items: [{ t: "int", v: 1n }, { t: "str", v: "a" }] },
        { t: "set", items: [{ t: "int", v: 1n }, { t: "int", v: 2n }] },
        { t: "frozenset", items: [] },
        { t: "list", items: [{ t: "int", v: 3n }] },
        { t: "tuple", items: [] },
      ],
    });
  });

  test("block-style tags, mappings with int and tuple keys, None, booleans, nan and inf", () => {
    const yaml = [
      "- name: a",
      "  call: answer(1)",
      "  expect:",
      "    1: !tuple",
      "      - true",
      "      - null",
      "    ? !tuple [1, 2]",
      "    : [.nan, .inf, -.inf, ~]",
      "    key: !set",
      "      - x",
      "",
    ].join("\n");
    const value = expectedValueOf(yaml) as Extract<PyValue, { t: "dict" }>;
    expect(value.t).toBe("dict");
    expect(value.items[0]).toEqual([{ t: "int", v: 1n }, { t: "tuple", items: [{ t: "bool", v: true }, { t: "none" }] }]);
    const [key, floats] = value.items[1]!;
    expect(key).toEqual({ t: "tuple", items: [{ t: "int", v: 1n }, { t: "int", v: 2n }] });
    const items = (floats as { items: PyValue[] }).items;
    expect(Number.isNaN((items[0] as { v: number }).v)).toBe(true);
    expect(items.slice(1)).toEqual([{ t: "float", v: Infinity }, { t: "float", v: -Infinity }, { t: "none" }]);
    expect(value.items[2]).toEqual([{ t: "str", v: "key" }, { t: "set", items: [{ t: "str", v: "x" }] }]);
  });

  test("YAML's own !!set and !!binary, and aliases", () => {
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: !!set {a, b}\n")).toEqual({ t: "set", items: [{ t: "str", v: "a" }, { t: "str", v: "b" }] });
    expect(expectedValueOf("- name: a\n  call: answer(1)\n  expect: !!binary aGk=\n")).toEqual({ t: "bytes", hex: "6869" });
    const yaml = "- name: a\n  call: answer(1)\n  expect: &pair !tuple [1, 2]\n- name: b\n  call: answer(2)\n  expect: [*pair, *pair]\n";
    const pair = { t: "tuple", items: [{ t: "int", v: 1n }, { t: "int", v: 2n }] };
    expect(expectedValueOf(yaml, 1)).toEqual({ t: "list", items: [pair, pair] });
  });
});

describe("loadExercise on a broken folder names the file, the field and what is expected", () => {
  test("a folder that does not exist", () => {
    expect(problemsOf(path.join(os.tmpdir(), "tutor-no-such-exercise"))).toEqual([{ file: ".", message: "does not exist: check the path" }]);
  });

  test("a file instead of a folder", () => {
    const file = path.join(folder(), "README.md");
    expect(problemsOf(file)).toEqual([{ file: ".", message: expect.stringMatching(/^is not a folder: an exercise is a folder holding exercise.yaml, README.md/) }]);
  });

  test("missing files, each named, saying which files a folder needs", () => {
    const dir = folder();
    rmSync(path.join(dir, "solution.py"));
    rmSync(path.join(dir, "cases.yaml"));
    const problems = problemsOf(dir);
    expect(problems.map((p) => p.file)).toEqual(["solution.py", "cases.yaml"]);
    for (const p of problems) expect(p.message).toMatch(/^is missing(: every exercise folder holds exercise.yaml, README.md, starter.py, solution.py and cases.yaml or a tests\/ folder of test_\*\.py files|, and there is no tests\/ folder: an exercise needs cases.yaml or a tests\/ folder of test_\*\.py files)$/);
  });

  test("the error's message lists every problem with its folder, file and field", () => {
    const dir = folder({ exerciseYaml: MANIFEST.replace("difficulty: 1", "difficulty: easy"), casesYaml: `${ONE_CASE}${ONE_CASE}` });
    try {
      loadExercise(dir);
      throw new Error("loaded");
    } catch (e) {
      expect(e).toBeInstanceOf(ExerciseFolderError);
      expect((e as Error).message).toContain(dir);
      expect((e as Error).message).toContain("exercise.yaml (difficulty): Invalid input: expected number, received string");
      expect((e as Error).message).toContain('cases.yaml ([1].name): duplicate case name "one"');
    }
  });

  test("YAML that does not parse, with the line", () => {
    const problems = problemsOf(folder({ casesYaml: "- name: a\n  call: answer(1)\n   expect: [1\n" }));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toEqual({ file: "cases.yaml", message: expect.stringMatching(/^is not valid YAML: .* at line \d+, column \d+$/) });
    const manifest = problemsOf(folder({ exerciseYaml: "title: [unclosed\n" }));
    expect(manifest[0]).toEqual({ file: "exercise.yaml", message: expect.stringMatching(/^is not valid YAML: .*line \d+/) });
  });

  test("duplicate keys in a mapping", () => {
    expect(problemsOf(folder({ casesYaml: "- name: a\n  call: answer(1)\n  expect: {a: 1, a: 2}\n" }))).toEqual([
      { file: "cases.yaml", message: expect.stringMatching(/^is not valid YAML: Map keys must be unique at line 3/) },
    ]);
  });

  test.each([
    ["difficulty: easy", "difficulty", /expected number, received string/],
    ["difficulty: 9", "difficulty", /5/],
    ["difficulty: 1.5", "difficulty", /int/i],
    ["concepts: [Off By One]", "concepts.0", /kebab-case, such as off-by-one/],
    ["file: answer", "file", /^a Python file name that is a valid module name, such as shout.py$/],
    ["file: my-answer.py", "file", /a Python file name/],
    ["file: answer.txt", "file", /a Python file name/],
    ["entry: 2answer", "entry", /a Python function name/],
    ["limits: {timeoutMs: 99999}", "limits.timeoutMs", /30000/],
    ["limits: {cpus: 4}", "limits.cpus", /not a known field/],
    ["tags: [x]", "tags", /^is not a known field: the fields are title, summary, difficulty, concepts, file, entry, limits, source, hints, kind, helpers, review$/],
    ["review: {expect: [use-json-please]}", "review.expect.0", /json-serialization.*enumerate/],
    ["review: {skip: [enumerate]}", "review.skip", /not a known field/],
  ])("exercise.yaml with %s", (line, field, message) => {
    const key = line.split(":")[0]!;
    const kept = MANIFEST.split("\n").filter((l) => !l.startsWith(`${key}:`));
    const problems = problemsOf(folder({ exerciseYaml: [...kept, line, ""].join("\n") }));
    expect(problems).toEqual([{ file: "exercise.yaml", field, message: expect.stringMatching(message) }]);
  });

  test("exercise.yaml without a required field says it is required", () => {
    const problems = problemsOf(folder({ exerciseYaml: MANIFEST.replace("title: Fixture\n", "") }));
    expect(problems).toEqual([{ file: "exercise.yaml", field: "title", message: "is required: expected string" }]);
  });

  test("exercise.yaml that is not a mapping", () => {
    expect(problemsOf(folder({ exerciseYaml: "- just\n- a list\n" }))).toEqual([{ file: "exercise.yaml", message: expect.stringMatching(/expected object/) }]);
  });

  test.each([
    ["a name that is a number", "- name: 42\n  call: answer(1)\n  expect: 1\n", "[0].name", /^Invalid input: expected string, received a whole number$/],
    ["a call that is a list", "- name: a\n  call: [answer]\n  expect: 1\n", "[0].call", /expected string/],
    ["no call", "- name: a\n  expect: 1\n", "[0].call", /^is required: give call \(a Python expression\) or stdout/],
    ["hidden: yes", "- name: a\n  call: answer(1)\n  expect: 1\n  hidden: yes\n", "[0].hidden", /expected boolean/],
    ["a negative tolerance", "- name: a\n  call: answer(1)\n  expect: 1\n  tolerance: -0.1\n", "[0].tolerance", /0/],
    ["raises that is not a class name", "- name: a\n  call: answer(1)\n  raises: value error\n", "[0].raises", /^an exception class name, such as ValueError$/],
    ["expect and raises both", "- name: a\n  call: answer(1)\n  expect: 1\n  raises: ValueError\n", "[0].raises", /^give either expect or raises, not both$/],
    ["expect: null and raises both", "- name: a\n  call: answer(1)\n  expect: null\n  raises: ValueError\n", "[0].raises", /either expect or raises/],
    ["an unknown field", "- name: a\n  call: answer(1)\n  expected: 1\n", "[0].expected", /^is not a known field: the fields are name, call, expect, raises, stdin, stdout, hidden, tolerance$/],
    ["a misspelt tag", "- name: a\n  call: answer(1)\n  expect: !tupel [1, 2]\n", "[0].expect", /!tupel.*the tags understood here are !tuple, !set, !frozenset/],
    ["a timestamp", "- name: a\n  call: answer(1)\n  expect: !!timestamp 2024-01-01\n", "[0].expect", /no Python equivalent/],
    ["a case that is not a mapping", "- answer(1)\n", "[0]", /^expected a mapping with name, and call with expect or raises, or stdout with stdin$/],
  ])("cases.yaml with %s", (_name, casesYaml, field, message) => {
    const problems = problemsOf(folder({ casesYaml: `${ONE_CASE}${casesYaml}`.replace(/\[0\]/g, "[1]") }));
    expect(problems).toEqual([{ file: "cases.yaml", field: field.replace("[0]", "[1]"), message: expect.stringMatching(message) }]);
  });

  test("duplicate case names name the second case", () => {
    const problems = problemsOf(folder({ casesYaml: `${ONE_CASE}- name: two\n  call: answer(2)\n  expect: 2\n${ONE_CASE}` }));
    expect(problems).toEqual([{ file: "cases.yaml", field: "[2].name", message: 'duplicate case name "one"' }]);
  });

  test("no cases at all", () => {
    expect(problemsOf(folder({ casesYaml: "[]\n" }))).toEqual([{ file: "cases.yaml", message: "has no cases: add at least one, or test_*.py files in a tests/ folder" }]);
    expect(problemsOf(folder({ casesYaml: "" }))).toEqual([{ file: "cases.yaml", message: expect.stringMatching(/^expected a list of cases/) }]);
    expect(problemsOf(folder({ casesYaml: "name: a\ncall: answer(1)\n" }))).toEqual([{ file: "cases.yaml", message: expect.stringMatching(/^expected a list of cases/) }]);
  });

  test("problems in several files are reported together", () => {
    const problems = problemsOf(folder({ exerciseYaml: MANIFEST.replace("file: answer.py", "file: answer"), casesYaml: "- name: a\n  expect: 1\n" }));
    expect(problems).toEqual([
      { file: "exercise.yaml", field: "file", message: expect.any(String) },
      { file: "cases.yaml", field: "[0].call", message: expect.any(String) },
    ]);
  });
});

describe("loadExerciseTree", () => {
  function tree(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), "tutor-tree-"));
    for (const slug of ["alpha", "bravo", "charlie"]) cpSync(path.dirname(folder({}, slug)), path.join(root, "basics"), { recursive: true });
    return root;
  }

  test("loads every exercise, in name order when the set has no set.yaml", () => {
    const { exercises, errors } = loadExerciseTree(tree());
    expect(errors).toEqual([]);
    expect(exercises.map((e) => [e.id, e.order])).toEqual([
      ["basics/alpha", 0],
      ["basics/bravo", 1],
      ["basics/charlie", 2],
    ]);
  });

  test("honours set.yaml's order; folders it does not list come after, by name", () => {
    const root = tree();
    cpSync(path.dirname(folder({}, "delta")), path.join(root, "basics"), { recursive: true });
    writeFileSync(path.join(root, "basics", "set.yaml"), "title: Basics\norder: [charlie, alpha]\n");
    const { exercises, errors } = loadExerciseTree(root);
    expect(errors).toEqual([]);
    expect(exercises.map((e) => [e.slug, e.order])).toEqual([
      ["charlie", 0],
      ["alpha", 1],
      ["bravo", 2],
      ["delta", 3],
    ]);
  });

  test("set.yaml describes what the set teaches: its summary, topics and concept ids are kept", () => {
    const root = tree();
    writeFileSync(
      path.join(root, "basics", "set.yaml"),
      "title: 'Unit 1: Basics'\nsummary: First steps.\norder: [alpha]\ntopics: [print a line]\nconcepts: [off-by-one, return-vs-print]\n",
    );
    const { errors, setManifests } = loadExerciseTree(root);
    expect(errors).toEqual([]);
    expect(setManifests.get("basics")).toEqual({ title: "Unit 1: Basics", summary: "First steps.", order: ["alpha"], topics: ["print a line"], concepts: ["off-by-one", "return-vs-print"] });

    writeFileSync(path.join(root, "basics", "set.yaml"), "title: Basics\nconcepts: [Off By One]\ntopics: ['']\n");
    const broken = loadExerciseTree(root);
    expect(broken.exercises).toHaveLength(3);
    expect(broken.errors[0]!.problems).toEqual([
      { file: "set.yaml", field: "concepts.0", message: "a concept id in kebab-case, such as off-by-one" },
      { file: "set.yaml", field: "topics.0", message: expect.stringMatching(/>=1 characters/) },
    ]);
  });

  test("reports a broken folder without losing the others", () => {
    const root = tree();
    writeFileSync(path.join(root, "basics", "bravo", "exercise.yaml"), MANIFEST.replace("difficulty: 1", "difficulty: hard"));
    mkdirSync(path.join(root, "basics", "Bad Name"));
    const { exercises, errors } = loadExerciseTree(root);
    expect(exercises.map((e) => e.slug)).toEqual(["alpha", "charlie"]);
    expect(errors).toHaveLength(2);
    const bad = errors.find((e) => e.dir.endsWith("Bad Name"))!;
    expect(bad.problems).toEqual([{ file: ".", message: "folder names use lower-case letters, digits, - and _" }]);
    const bravo = errors.find((e) => e.dir.endsWith("bravo"))!;
    expect(bravo.dir).toBe(path.join(root, "basics", "bravo"));
    expect(bravo.problems).toEqual([{ file: "exercise.yaml", field: "difficulty", message: expect.stringMatching(/expected number/) }]);
  });

  test("a broken set.yaml is reported and its exercises still load", () => {
    const root = tree();
    writeFileSync(path.join(root, "basics", "set.yaml"), "title: Basics\norder: [charlie, alpha, zulu, alpha]\nextra: 1\n");
    const { exercises, errors } = loadExerciseTree(root);
    expect(exercises.map((e) => e.slug)).toEqual(["charlie", "alpha", "bravo"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.dir).toBe(path.join(root, "basics"));
    expect(errors[0]!.problems).toEqual([
      { file: "set.yaml", field: "extra", message: expect.stringMatching(/not a known field/) },
      { file: "set.yaml", field: "order[2]", message: 'names "zulu", but this set has no folder of that name' },
      { file: "set.yaml", field: "order[3]", message: 'names "alpha" a second time' },
    ]);

    writeFileSync(path.join(root, "basics", "set.yaml"), "title: Basics\norder: [charlie, alpha, zulu, alpha]\n");
    const again = loadExerciseTree(root);
    expect(again.exercises.map((e) => e.slug)).toEqual(["charlie", "alpha", "bravo"]);
    expect(again.errors[0]!.problems).toEqual([
      { file: "set.yaml", field: "order[2]", message: 'names "zulu", but this set has no folder of that name' },
      { file: "set.yaml", field: "order[3]", message: 'names "alpha" a second time' },
    ]);
  });

  test("a set folder with a bad name is reported", () => {
    const root = tree();
    cpSync(path.join(root, "basics"), path.join(root, "Basics 2"), { recursive: true });
    const { exercises, errors } = loadExerciseTree(root);
    expect(exercises.map((e) => e.id)).toEqual(["basics/alpha", "basics/bravo", "basics/charlie"]);
    expect(errors.map((e) => [path.basename(e.dir), e.problems[0]!.message])).toEqual([["Basics 2", "set folder names use lower-case letters, digits, - and _"]]);
  });

  test("a root that does not exist is an error, not a crash", () => {
    const { exercises, errors } = loadExerciseTree(path.join(os.tmpdir(), "tutor-no-such-root"));
    expect(exercises).toEqual([]);
    expect(errors[0]!.problems).toEqual([{ file: ".", message: "does not exist" }]);
  });
});

describe("program cases and tests/ files", () => {
  const PROGRAM_MANIFEST = "title: Echo\nsummary: Echoes.\ndifficulty: 1\nfile: echo.py\n";

  test("a program case gives stdin (default empty) and stdout; entry may then be left out", () => {
    const e = loadExercise(
      folder({
        exerciseYaml: PROGRAM_MANIFEST,
        casesYaml: '- name: echo\n  stdin: "hi\\n"\n  stdout: "hi\\n"\n- name: silent\n  stdout: ""\n  hidden: true\n',
      }),
    );
    expect(e.entry).toBeNull();
    expect(e.tests).toEqual([]);
    expect(e.cases).toEqual([
      { index: 0, name: "echo", call: null, stdin: "hi\n", hidden: false, expectation: { kind: "stdout", stdout: "hi\n" } },
      { index: 1, name: "silent", call: null, stdin: "", hidden: true, expectation: { kind: "stdout", stdout: "" } },
    ]);
  });

  test.each([
    ["stdin without stdout", '- name: a\n  stdin: "x"\n', "[0].stdout", /^is required in a program case/],
    ["call and stdout", '- name: a\n  call: answer(1)\n  stdout: "1"\n', "[0].stdout", /^belongs to a program case: give either call/],
    ["stdout and expect", '- name: a\n  stdout: "1"\n  expect: 1\n', "[0].expect", /^belongs to a call case/],
    ["stdout and tolerance", '- name: a\n  stdout: "1"\n  tolerance: 0.1\n', "[0].tolerance", /^belongs to a call case/],
    ["neither call nor stdout", "- name: a\n  expect: 1\n", "[0].call", /^is required: give call .* or stdout/],
    ["stdout not a string", "- name: a\n  stdout: 12\n", "[0].stdout", /expected string/],
  ])("cases.yaml with %s is refused, naming the field", (_what, casesYaml, field, message) => {
    const problems = problemsOf(folder({ casesYaml }));
    expect(problems).toEqual([{ file: "cases.yaml", field, message: expect.stringMatching(message) }]);
  });

  test("entry is required once a case uses call", () => {
    const problems = problemsOf(folder({ exerciseYaml: PROGRAM_MANIFEST, casesYaml: '- name: p\n  stdout: ""\n- name: c\n  call: echo()\n  expect: 1\n' }));
    expect(problems).toEqual([{ file: "exercise.yaml", field: "entry", message: expect.stringMatching(/^is required when a case uses call \(cases.yaml case "c"\)/) }]);
  });

  test("tests/test_*.py files are read in name order; cases.yaml may then be absent or empty", () => {
    const tests = { "test_b.py": "def test_b():\n    pass\n", "test_a.py": "def test_a():\n    pass\n", "notes.txt": "kept by the instructor\n" };
    const absent = loadExercise(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, tests }));
    expect(absent.cases).toEqual([]);
    expect(absent.tests).toEqual([
      { name: "test_a.py", source: "def test_a():\n    pass\n" },
      { name: "test_b.py", source: "def test_b():\n    pass\n" },
    ]);
    expect(loadExercise(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, casesYaml: "", tests })).cases).toEqual([]);
    expect(loadExercise(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, casesYaml: "[]\n", tests })).cases).toEqual([]);
  });

  test("the content hash covers the test files", () => {
    const hashOf = (source: string) => loadExercise(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, tests: { "test_a.py": source } })).contentHash;
    expect(hashOf("def test_a():\n    assert True\n")).not.toBe(hashOf("def test_a():\n    assert False\n"));
    expect(hashOf("def test_a():\n    pass\n")).toBe(hashOf("def test_a():\n    pass\n"));
  });

  test("helpers: the tests/ files exercise.yaml names are read apart from the tests, whatever their name, and hashed", () => {
    const manifest = `${PROGRAM_MANIFEST}helpers: [test_utils.py, doubles.py]\n`;
    const tests = { "test_a.py": "from test_utils import ONE\n\ndef test_a():\n    assert ONE == 1\n", "test_utils.py": "ONE = 1\n", "doubles.py": "TWO = 2\n" };
    const exercise = loadExercise(writeExerciseFolder({ exerciseYaml: manifest, solution: SOLUTION, tests }));
    expect(exercise.tests.map((t) => t.name)).toEqual(["test_a.py"]);
    expect(exercise.helpers).toEqual([
      { name: "doubles.py", source: "TWO = 2\n" },
      { name: "test_utils.py", source: "ONE = 1\n" },
    ]);
    const changed = loadExercise(writeExerciseFolder({ exerciseYaml: manifest, solution: SOLUTION, tests: { ...tests, "test_utils.py": "ONE = 2\n" } }));
    expect(changed.contentHash).not.toBe(exercise.contentHash);
    // Without helpers, the same files are a test file and a file that is not run.
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, tests }))).toEqual([
      { file: "tests/doubles.py", message: expect.stringMatching(/is not run: .* list a file the tests import in exercise.yaml's helpers$/) },
    ]);
  });

  test("a helper that is not in tests/, or a name that is not a module's, is refused", () => {
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: `${PROGRAM_MANIFEST}helpers: [gone.py]\n`, solution: SOLUTION, tests: { "test_a.py": "def test_a():\n    pass\n" } }))).toEqual([
      { file: "exercise.yaml", field: "helpers[0]", message: "names tests/gone.py, which is not there" },
    ]);
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: `${PROGRAM_MANIFEST}helpers: [gone.py]\n`, solution: SOLUTION, casesYaml: '- name: p\n  stdout: ""\n' }))).toEqual([
      { file: "exercise.yaml", field: "helpers", message: "names files in tests/, but there is no tests/ folder" },
    ]);
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: `${PROGRAM_MANIFEST}helpers: [../up.py]\n`, solution: SOLUTION, tests: { "test_a.py": "" } }))).toEqual([
      { file: "exercise.yaml", field: "helpers.0", message: "a Python file name in tests/ that is a valid module name, such as test_utils.py" },
    ]);
  });

  test("an exercise needs cases or tests", () => {
    expect(problemsOf(writeExerciseFolder({ solution: SOLUTION }))).toEqual([
      { file: "cases.yaml", message: expect.stringMatching(/^is missing, and there is no tests\/ folder/) },
    ]);
    expect(problemsOf(writeExerciseFolder({ solution: SOLUTION, tests: {} }))).toEqual([
      { file: "tests", message: "holds no test_*.py files, and there is no cases.yaml: add a test file or cases" },
    ]);
    expect(problemsOf(folder({ casesYaml: "[]\n" }))).toEqual([{ file: "cases.yaml", message: expect.stringMatching(/^has no cases: add at least one, or test_\*\.py files/) }]);
  });

  test("a Python file in tests/ that is not test_*.py, or one named like the learner's file, is refused by name", () => {
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, tests: { "helpers.py": "", "test_ok.py": "" } }))).toEqual([
      { file: "tests/helpers.py", message: expect.stringMatching(/^is not run: tests\/ holds only test_\*\.py files/) },
    ]);
    const clash = "title: T\nsummary: S.\ndifficulty: 1\nfile: test_me.py\n";
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: clash, solution: SOLUTION, tests: { "test_me.py": "" } }))).toEqual([
      { file: "tests/test_me.py", message: expect.stringMatching(/^has the same name as the learner's file/) },
    ]);
    expect(problemsOf(writeExerciseFolder({ exerciseYaml: PROGRAM_MANIFEST, solution: SOLUTION, tests: { "test-dash.py": "" } }))).toEqual([
      { file: "tests/test-dash.py", message: expect.stringMatching(/^is not run/) },
    ]);
  });
});
