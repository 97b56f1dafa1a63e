// `tutor import`: Exercism-style exercises (our own fixtures in fixtures/exercism/) and HumanEval's JSON Lines
// become folders in our format that the loader accepts and whose reference passes in the sandbox.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CliRun, runTutor } from "../support/cli";
import { parse } from "yaml";
import { checkExercises } from "../../server/exercises/check";
import { loadExercise, loadExerciseTree } from "../../server/exercises/load";
import { importExercism, parseHints, readExercismExercise } from "../../server/exercises/import-exercism";
import { exerciseDetail } from "../../server/exercises/public-view";
import { gradeSubmission } from "../../server/grading/grade";
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { recordingSandbox } from "../support/recording-sandbox";
import { docstringToMarkdown, humanEvalExercise, readHumanEvalFile, signatureAndDocstring } from "../../server/exercises/import-humaneval";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(__dirname, "fixtures/exercism");
// The real data set lives beside the repository on CI (shared/), not in it. A clone without it still runs every
// other test here; CI, where it must be present, fails loudly instead of skipping.
const HUMANEVAL = process.env.TUTOR_HUMANEVAL_JSONL ?? path.resolve(ROOT, "../shared/datasets/humaneval/HumanEval.jsonl");
const withRealHumanEval = existsSync(HUMANEVAL) || process.env.CI === "true" ? describe : describe.skip;
if (!existsSync(HUMANEVAL) && process.env.CI !== "true") {
  console.warn(`HumanEval.jsonl not found at ${HUMANEVAL}: the tests on the real file are skipped (set TUTOR_HUMANEVAL_JSONL to run them).`);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-import-"));

function tutor(args: string[]): Promise<CliRun> {
  return runTutor(args, path.join(scratch, "cache"));
}

const readText = (...parts: string[]) => readFileSync(path.join(...parts), "utf8");

describe("import exercism", () => {
  const into = path.join(scratch, "exercises", "exercism");
  let run: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    run = await tutor(["import", "exercism", FIXTURES, "--into", into]);
  });

  test("a folder of exercises: each becomes a folder in our format, exit 0", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("imported 5 exercises");
    expect(readdirSync(into).sort()).toEqual(["counted-stream", "mirror-words", "receipt-printer", "set.yaml", "tally-votes", "tidy-shelves"]);
    expect(readdirSync(path.join(into, "mirror-words")).sort()).toEqual(["README.md", "cases.yaml", "exercise.yaml", "solution.py", "starter.py", "tests"]);
    expect(parse(readText(into, "set.yaml"))).toMatchObject({ order: ["counted-stream", "mirror-words", "receipt-printer", "tally-votes", "tidy-shelves"] });
  });

  test("exercise.yaml: title, blurb, file, entry, source with authors, and level-1 hints", () => {
    expect(parse(readText(into, "mirror-words/exercise.yaml"))).toEqual({
      title: "Mirror words",
      summary: "Mirror each word of a sentence, keeping the spaces where they are.",
      difficulty: 2,
      concepts: [],
      file: "mirror_words.py",
      entry: "mirror",
      source: { origin: "Exercism", licence: "MIT", authors: ["ada-fixture", "grace-fixture"] },
      hints: [
        "Slicing with a step of `-1` reverses a string: `word[::-1]`.",
        '`str.split(" ")` keeps empty strings where there were several spaces, so joining them back with `" "` restores the spacing.',
        "Build a list of mirrored words first, then join it.",
      ],
    });
    const tally = parse(readText(into, "tally-votes/exercise.yaml"));
    expect(tally.source).toEqual({ origin: "Exercism", licence: "CC-BY-SA-4.0", authors: ["lin-fixture"] });
    expect(tally).not.toHaveProperty("hints");
  });

  test("README from the instructions and their append; starter, solution and tests as they were", () => {
    const readme = readText(into, "mirror-words/README.md");
    expect(readme.startsWith("# Mirror words\n\nWrite a function that mirrors")).toBe(true);
    expect(readme).not.toContain("# Instructions");
    expect(readme).toContain("\n## Empty input\n");
    expect(readText(into, "mirror-words/starter.py")).toBe(readText(FIXTURES, "mirror-words/mirror_words.py"));
    expect(readText(into, "mirror-words/solution.py")).toBe(readText(FIXTURES, "mirror-words/.meta/example.py"));
    expect(readText(into, "mirror-words/tests/test_mirror_words.py")).toBe(readText(FIXTURES, "mirror-words/mirror_words_test.py"));
    expect(readText(into, "tally-votes/tests/test_tally_votes.py")).toBe(readText(FIXTURES, "tally-votes/tally_votes_test.py"));
    expect(readText(into, "mirror-words/cases.yaml")).toBe("[]\n");
  });

  test("the loader accepts them, with their hints and source", () => {
    const tree = loadExerciseTree(path.dirname(into));
    expect(tree.errors.map((e) => e.message)).toEqual([]);
    const mirror = tree.exercises.find((e) => e.slug === "mirror-words")!;
    expect(mirror.hints).toHaveLength(3);
    expect(mirror.source).toEqual({ origin: "Exercism", licence: "MIT", authors: ["ada-fixture", "grace-fixture"] });
  });

  test("a module the tests import comes along into tests/, as a helper that is never run as a test", () => {
    expect(readdirSync(path.join(into, "counted-stream", "tests")).sort()).toEqual(["test_counted_stream.py", "test_utils.py"]);
    expect(readText(into, "counted-stream/tests/test_utils.py")).toBe(readText(FIXTURES, "counted-stream/test_utils.py"));
    expect(parse(readText(into, "counted-stream/exercise.yaml"))).toMatchObject({ file: "counted_stream.py", entry: "CountedReader", helpers: ["test_utils.py"] });
    const exercise = loadExercise(path.join(into, "counted-stream"));
    expect(exercise.tests.map((t) => t.name)).toEqual(["test_counted_stream.py"]);
    expect(exercise.helpers.map((t) => t.name)).toEqual(["test_utils.py"]);
    // The other exercises import nothing of their folder but the learner's module.
    expect(parse(readText(into, "mirror-words/exercise.yaml"))).not.toHaveProperty("helpers");
  });

  test("Exercism's refactorings have their starter run: the one that passes becomes kind: refactor, the one that fails stays to solve", () => {
    expect(parse(readText(into, "receipt-printer/exercise.yaml"))).toMatchObject({ title: "Receipt printer", kind: "refactor" });
    expect(parse(readText(into, "tidy-shelves/exercise.yaml"))).not.toHaveProperty("kind");
    expect(parse(readText(into, "mirror-words/exercise.yaml"))).not.toHaveProperty("kind");
    expect(run.stdout).toContain("receipt-printer: its starter passes all 5 tests, so it is a refactoring exercise (kind: refactor): make it cleaner, keep it passing");
    expect(run.stdout).toContain("tidy-shelves: Exercism calls it a refactoring, but its starter passes 3 of 4 tests, so it stays an exercise to solve");
    // What a learner is shown says so.
    expect(exerciseDetail(loadExercise(path.join(into, "receipt-printer")), null, null).kind).toBe("refactor");
    expect(exerciseDetail(loadExercise(path.join(into, "mirror-words")), null, null).kind).toBe("solve");
  });

  test("tutor check passes them all: the reference passes every test; the starter fails one, or passes every one in a refactoring", async () => {
    const rows = await checkExercises(into, await realSandbox(), freshReferenceCache());
    expect(rows.map((r) => ({ exercise: r.exercise, problems: r.problems }))).toEqual([
      { exercise: "exercism/counted-stream", problems: [] },
      { exercise: "exercism/mirror-words", problems: [] },
      { exercise: "exercism/receipt-printer", problems: [] },
      { exercise: "exercism/tally-votes", problems: [] },
      { exercise: "exercism/tidy-shelves", problems: [] },
    ]);
    expect(rows.map((r) => [r.reference, r.starter])).toEqual([
      ["passed 4/4", "fails 0/4"],
      ["passed 5/5", "fails 0/5"],
      ["passed 5/5", "passes 5/5"],
      ["passed 3/3", "fails 0/3"],
      ["passed 4/4", "fails 3/4"],
    ]);
  });

  test("an exercise with a helper grades in the real sandbox: the helper goes in beside the tests, the reference never", async () => {
    const exercise = loadExercise(path.join(into, "counted-stream"));
    // Room for a machine busy with other work: this is about what goes in and which tests fail, not speed.
    const sandbox = await recordingSandbox({ ...DEFAULT_LIMITS, caseTimeoutMs: 10_000, totalTimeoutMs: 30_000 });
    // Counts the reads but not the bytes: exactly the test on bytes fails, through the helper's stand-in stream.
    const halfDone = "class CountedReader:\n    def __init__(self, stream):\n        self.stream, self.bytes_read, self.reads = stream, 0, 0\n\n    def read(self, size=-1):\n        self.reads += 1\n        return self.stream.read(size)\n";
    const result = await gradeSubmission(sandbox, freshReferenceCache(), exercise, halfDone);
    expect(result.tests.map((t) => [t.name, t.status])).toEqual([
      ["test_counted_stream.py::CountedReaderTest::test_counts_bytes_and_reads", "failed"],
      ["test_counted_stream.py::CountedReaderTest::test_nothing_read_yet", "passed"],
      ["test_counted_stream.py::CountedReaderTest::test_passes_the_data_through", "passed"],
      ["test_counted_stream.py::CountedReaderTest::test_passes_the_size_on", "passed"],
    ]);
    expect(result.tests[0]!.message).toMatch(/\(0, 3\) != \(10, 3\)/);
    const [request] = sandbox.requests;
    expect(request!.tests!.map((t) => t.name)).toEqual(["test_counted_stream.py"]);
    expect(request!.helpers).toEqual([{ name: "test_utils.py", source: readText(FIXTURES, "counted-stream/test_utils.py") }]);
    expect(JSON.stringify(sandbox.requests)).not.toContain("self._stream = stream");
  });

  test("importing again does not overwrite: the exercise is skipped and the exit is 1; --force replaces it", async () => {
    writeFileSync(path.join(into, "tally-votes/README.md"), "# edited\n");
    const again = await tutor(["import", "exercism", path.join(FIXTURES, "tally-votes"), "--into", into]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists: remove it or pass --force to replace it");
    expect(readText(into, "tally-votes/README.md")).toBe("# edited\n");
    const forced = await tutor(["import", "exercism", path.join(FIXTURES, "tally-votes"), "--into", into, "--force"]);
    expect(forced.code).toBe(0);
    expect(readText(into, "tally-votes/README.md")).toMatch(/^# Tally votes\n/);
  });

  test("a stub whose name is not a module name is renamed, and only then are the test's imports rewritten", () => {
    const dir = path.join(scratch, "dashed", "mirror-words");
    cpSync(path.join(FIXTURES, "mirror-words"), dir, { recursive: true });
    renameSync(path.join(dir, "mirror_words.py"), path.join(dir, "mirror-words.py"));
    writeFileSync(path.join(dir, "mirror_words_test.py"), readText(dir, "mirror_words_test.py").replace("from mirror_words import", "from mirror-words import"));
    writeFileSync(path.join(dir, ".meta/config.json"), JSON.stringify({ authors: ["x"], blurb: "Mirror." }));
    const imported = readExercismExercise(dir);
    expect(imported.manifest.file).toBe("mirror_words.py");
    expect(imported.tests["test_mirror_words.py"]).toContain("from mirror_words import (");
    expect(readExercismExercise(path.join(FIXTURES, "mirror-words")).tests["test_mirror_words.py"]).toBe(readText(FIXTURES, "mirror-words/mirror_words_test.py"));
  });

  test("an exercise without its reference is skipped, naming what is missing; the others are imported", () => {
    const source = path.join(scratch, "partial");
    cpSync(FIXTURES, source, { recursive: true });
    const meta = path.join(source, "tally-votes/.meta");
    renameSync(path.join(meta, "example.py"), path.join(meta, "other.py"));
    const outcome = importExercism(source, path.join(scratch, "partial-out"));
    expect(outcome.written.map((d) => path.basename(d))).toEqual(["counted-stream", "mirror-words", "receipt-printer", "tidy-shelves"]);
    expect(outcome.skipped).toEqual([{ source: path.join(source, "tally-votes"), reason: "there is no reference solution .meta/example.py" }]);
  });

  test("hints: each list item is one hint, continuation lines joined", () => {
    expect(parseHints("# Hints\n\n## General\n\n- one\n  more\n* two\n\nNot a hint.\n\n## 1. Task\n\n+ three\n")).toEqual(["one more", "two", "three"]);
  });

  test("a path with no Exercism exercises: exit 2", async () => {
    const r = await tutor(["import", "exercism", path.join(ROOT, "docs"), "--into", path.join(scratch, "none")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no Exercism exercises/);
  });
});

withRealHumanEval("import jsonl --format humaneval", () => {
  const into = path.join(scratch, "he", "humaneval");
  let run: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    run = await tutor(["import", "jsonl", HUMANEVAL, "--format", "humaneval", "--into", into]);
  });

  test("the real file: 164 folders that the loader accepts", () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("imported 164 exercises");
    const tree = loadExerciseTree(path.dirname(into));
    expect(tree.errors.map((e) => e.message)).toEqual([]);
    expect(tree.exercises).toHaveLength(164);
    expect(tree.exercises.slice(0, 3).map((e) => e.slug)).toEqual(["humaneval_0", "humaneval_1", "humaneval_2"]);
    for (const e of tree.exercises) {
      expect(e.source).toEqual({ origin: "HumanEval", licence: "MIT", authors: [] });
      expect(e.difficulty).toBe(3);
      expect(e.instructionsMarkdown).toMatch(/^# HumanEval\/\d+: \w+\n/);
    }
  });

  test("each file is built from the problem as specified", () => {
    const [problem] = readHumanEvalFile(HUMANEVAL);
    const dir = path.join(into, "humaneval_0");
    expect(parse(readText(dir, "exercise.yaml"))).toEqual({
      title: "HumanEval/0: has_close_elements",
      summary: "Check if in given list of numbers, are any two numbers closer to each other than given threshold.",
      difficulty: 3,
      concepts: [],
      file: "humaneval_0.py",
      entry: "has_close_elements",
      source: { origin: "HumanEval", licence: "MIT" },
    });
    expect(readText(dir, "starter.py")).toBe(`${problem!.prompt}    pass\n`);
    expect(readText(dir, "starter.py")).toMatch(/^from typing import List\n/);
    expect(readText(dir, "solution.py")).toBe(problem!.prompt + problem!.canonical_solution);
    const test = readText(dir, "tests/test_humaneval_0.py");
    expect(test.startsWith("from humaneval_0 import *")).toBe(true);
    expect(test).toContain(problem!.test.trim());
    expect(test.endsWith("\n\ndef test_humaneval():\n    check(has_close_elements)\n")).toBe(true);
    const readme = readText(dir, "README.md");
    expect(readme).toContain("```python\n>>> has_close_elements([1.0, 2.0, 3.0], 0.5)\nFalse\n");
    expect(readme).toContain("```python\ndef has_close_elements(numbers: List[float], threshold: float) -> bool:\n    ...\n```");
  });

  test("a format other than humaneval, or none: exit 2", async () => {
    const wrong = await tutor(["import", "jsonl", HUMANEVAL, "--format", "mbpp", "--into", path.join(scratch, "x")]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown format "mbpp"');
    const none = await tutor(["import", "jsonl", HUMANEVAL, "--into", path.join(scratch, "x")]);
    expect(none.code).toBe(2);
    expect(existsSync(path.join(scratch, "x"))).toBe(false);
  });

  test("tutor check passes a sample of them in the sandbox (all 164: npm run bench:humaneval)", async () => {
    const sample = path.join(scratch, "he-sample", "humaneval");
    for (const slug of ["humaneval_0", "humaneval_10", "humaneval_32", "humaneval_38", "humaneval_163"]) cpSync(path.join(into, slug), path.join(sample, slug), { recursive: true });
    const rows = await checkExercises(sample, await realSandbox(), freshReferenceCache());
    expect(rows.filter((r) => r.problems.length)).toEqual([]);
    expect(rows).toHaveLength(5);
    // The loader accepts what check passed.
    for (const r of rows) expect(() => loadExercise(r.dir)).not.toThrow();
  });
});

describe("the HumanEval format, on problems written here", () => {
  test("docstrings: signature over several lines, doctests in one code block, prose kept", () => {
    const prompt = 'import math\n\n\ndef f(a: int,\n      b: int) -> int:\n    """ Add a and b.\n    Really.\n\n    >>> f(1, 2)\n    3\n\n    >>> f(0, 0)\n    0\n    """\n';
    const { signature, docstring } = signatureAndDocstring(prompt, "f");
    expect(signature).toBe("def f(a: int,\n      b: int) -> int:");
    expect(docstring).toBe("Add a and b.\nReally.\n\n>>> f(1, 2)\n3\n\n>>> f(0, 0)\n0");
    expect(docstringToMarkdown(docstring!)).toBe("Add a and b.\nReally.\n\n```python\n>>> f(1, 2)\n3\n\n>>> f(0, 0)\n0\n```");
    const ex = humanEvalExercise({ task_id: "Demo/7", prompt, canonical_solution: "    return a + b\n", test: "def check(c):\n    assert c(1, 2) == 3\n", entry_point: "f" });
    expect(ex.slug).toBe("demo_7");
    expect(ex.starter).toBe(`${prompt}    pass\n`);
  });

  test("a line that is not a problem is named by its line number", () => {
    const file = path.join(scratch, "bad.jsonl");
    writeFileSync(file, `${JSON.stringify({ task_id: "a/1", prompt: "def f():\n", canonical_solution: "", test: "x", entry_point: "f" })}\n{"task_id": "a/2"}\n`);
    expect(() => readHumanEvalFile(file)).toThrow(/bad\.jsonl:2: prompt: /);
  });
});
