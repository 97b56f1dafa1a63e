// Reads exercise folders (exercises/<set>/<slug>/) into Exercise objects, checking every file and naming the
// file, the field and what was expected when something is wrong.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type Document, isMap, isNode, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { type Exercise, type ExerciseCase, ExerciseFolderError, type ExerciseProblem, type ExerciseTestFile } from "./exercise";
import {
  CASE_FIELDS,
  EXERCISE_FIELDS,
  exerciseManifestSchema,
  MAX_TEST_FILE_BYTES,
  MAX_TEST_FILES,
  rawCaseSchema,
  SET_FIELDS,
  type SetManifest,
  setManifestSchema,
  TEST_FILE_NAME,
} from "./schema";
import { COLLECTION_TAG_NAMES, parseYamlDocument, yamlNodeToPyValue } from "./yaml-values";

const REQUIRED_FILES = ["exercise.yaml", "README.md", "starter.py", "solution.py"] as const;
/** An exercise checks the learner's code with cases.yaml, tests/test_*.py, or both: at least one of them. */
const CHECKS = "cases.yaml or a tests/ folder of test_*.py files";
const FOLDER_HOLDS = `${REQUIRED_FILES.join(", ")} and ${CHECKS}`;
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
const EXPECT_PRESENT = Symbol("expect");

function zodProblems(file: string, error: z.ZodError, prefix = "", allowedFields: readonly string[] = []): ExerciseProblem[] {
  return error.issues.flatMap((issue): ExerciseProblem[] => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || undefined;
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedFields.length ? `: the fields are ${allowedFields.join(", ")}` : "";
      return issue.keys.map((key) => ({ file, field: at ? `${at}.${key}` : key, message: `is not a known field${allowed}` }));
    }
    if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) {
      return [{ file, field: at, message: `is required: expected ${issue.expected}` }];
    }
    // Integers in cases.yaml are read as bigints: say so in words an instructor knows.
    return [{ file, field: at, message: issue.message.replace(/received bigint$/, "received a whole number") }];
  });
}

/** The case (and its field) that holds a position in cases.yaml, such as "[2].expect". */
function caseFieldAt(doc: Document.Parsed, offset: number): string | undefined {
  if (!isSeq(doc.contents)) return undefined;
  const inside = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return !!range && offset >= range[0] && offset < range[2];
  };
  const index = doc.contents.items.findIndex(inside);
  if (index < 0) return undefined;
  const item = doc.contents.items[index];
  // From the start of a key to the end of its value, which takes in a tag written before the value.
  const span = (node: unknown) => (node as { range?: [number, number, number] } | null)?.range;
  const pair = isMap(item)
    ? item.items.find((p) => {
        const start = span(p.key)?.[0];
        const end = span(p.value)?.[2] ?? span(p.key)?.[2];
        return start !== undefined && end !== undefined && offset >= start && offset < end;
      })
    : undefined;
  const key = pair && isScalar(pair.key) ? String(pair.key.value) : undefined;
  return key ? `[${index}].${key}` : `[${index}]`;
}

function yamlMessage(message: string): string {
  return message.split("\n")[0]!.replace(/:$/, "");
}

function readYaml(dir: string, file: string, problems: ExerciseProblem[]): Document.Parsed | null {
  const text = readFileSync(path.join(dir, file), "utf8");
  // Only cases hold Python values, whose integers must stay exact; manifests hold plain numbers.
  const doc = file === "cases.yaml" ? parseYamlDocument(text) : parseDocument(text, { prettyErrors: true });
  for (const e of doc.errors) problems.push({ file, message: `is not valid YAML: ${yamlMessage(e.message)}` });
  // Warnings are things YAML accepts but that are almost surely mistakes, such as a misspelt `!tupel` tag that
  // would otherwise silently become a list.
  for (const w of doc.warnings) {
    const field = file === "cases.yaml" ? caseFieldAt(doc, w.pos[0]) : undefined;
    const hint = w.code === "TAG_RESOLVE_FAILED" ? `: the tags understood here are ${COLLECTION_TAG_NAMES.join(", ")}` : "";
    problems.push({ file, ...(field ? { field } : {}), message: `${yamlMessage(w.message)}${hint}` });
  }
  return doc.errors.length || doc.warnings.length ? null : doc;
}

function loadCases(dir: string, problems: ExerciseProblem[], hasTests: boolean): ExerciseCase[] {
  if (!existsSync(path.join(dir, "cases.yaml"))) return [];
  const doc = readYaml(dir, "cases.yaml", problems);
  if (!doc) return [];
  // An empty cases.yaml is fine when tests/ does the checking.
  if (hasTests && (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))) return [];
  if (!isSeq(doc.contents)) {
    problems.push({ file: "cases.yaml", message: "expected a list of cases (each with name, and call with expect or raises, or stdout with stdin)" });
    return [];
  }
  const cases: ExerciseCase[] = [];
  const names = new Set<string>();
  doc.contents.items.forEach((item, index) => {
    const where = `[${index}]`;
    if (!isMap(item)) {
      problems.push({ file: "cases.yaml", field: where, message: "expected a mapping with name, and call with expect or raises, or stdout with stdin" });
      return;
    }
    // The schema only needs to know whether `expect` is there: its node is decoded below, with exact ints and
    // tuple keys that a plain JS object could not hold.
    const fields = Object.fromEntries(
      item.items.map((pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const value = key === "expect" ? EXPECT_PRESENT : isNode(pair.value) ? pair.value.toJS(doc) : pair.value;
        return [key, value];
      }),
    );
    const parsed = rawCaseSchema.safeParse(fields);
    if (!parsed.success) {
      problems.push(...zodProblems("cases.yaml", parsed.error, where, CASE_FIELDS));
      return;
    }
    const raw = parsed.data;
    if (names.has(raw.name)) problems.push({ file: "cases.yaml", field: `${where}.name`, message: `duplicate case name "${raw.name}"` });
    names.add(raw.name);
    if (raw.call === undefined) {
      // A program case: the learner's file runs as __main__ with this stdin; the server compares its stdout.
      cases.push({ index: cases.length, name: raw.name, call: null, stdin: raw.stdin ?? "", hidden: raw.hidden, expectation: { kind: "stdout", stdout: raw.stdout ?? "" } });
      return;
    }
    let expectation: ExerciseCase["expectation"];
    if (raw.raises) expectation = { kind: "raises", exception: raw.raises };
    else if (item.has("expect")) {
      try {
        expectation = { kind: "value", value: yamlNodeToPyValue(item.get("expect", true), doc) };
      } catch (e) {
        problems.push({ file: "cases.yaml", field: `${where}.expect`, message: (e as Error).message });
        return;
      }
    } else expectation = { kind: "reference" };
    cases.push({
      index: cases.length,
      name: raw.name,
      call: raw.call,
      hidden: raw.hidden,
      expectation,
      ...(raw.tolerance !== undefined ? { tolerance: raw.tolerance } : {}),
    });
  });
  if (doc.contents.items.length === 0 && !hasTests) {
    problems.push({ file: "cases.yaml", message: "has no cases: add at least one, or test_*.py files in a tests/ folder" });
  }
  return cases;
}

/** A file of tests/ as text, or a problem naming it: at most MAX_TEST_FILE_BYTES of UTF-8. */
function readTestsFile(testsDir: string, name: string, problems: ExerciseProblem[]): ExerciseTestFile | null {
  const file = `tests/${name}`;
  const size = statSync(path.join(testsDir, name)).size;
  if (size > MAX_TEST_FILE_BYTES) {
    problems.push({ file, message: `is ${size} bytes: a test file may be at most ${MAX_TEST_FILE_BYTES} bytes` });
    return null;
  }
  const bytes = readFileSync(path.join(testsDir, name));
  const source = bytes.toString("utf8");
  if (!Buffer.from(source, "utf8").equals(bytes)) {
    problems.push({ file, message: "is not valid UTF-8: save it as UTF-8" });
    return null;
  }
  return { name, source };
}

/**
 * The exercise's tests/test_*.py files, in name order, run inside the sandbox against the learner's module; and the
 * helper files exercise.yaml's `helpers` names there, which the tests import and which are never run themselves.
 */
function loadTestFiles(dir: string, learnerFile: string | undefined, helperNames: readonly string[], problems: ExerciseProblem[]): { tests: ExerciseTestFile[]; helpers: ExerciseTestFile[] } {
  const testsDir = path.join(dir, "tests");
  const tests: ExerciseTestFile[] = [];
  const helpers: ExerciseTestFile[] = [];
  if (!existsSync(testsDir)) {
    if (helperNames.length) problems.push({ file: "exercise.yaml", field: "helpers", message: "names files in tests/, but there is no tests/ folder" });
    return { tests, helpers };
  }
  if (!statSync(testsDir).isDirectory()) {
    problems.push({ file: "tests", message: "is not a folder: tests/ holds test_*.py files" });
    return { tests, helpers };
  }
  const found = new Set<string>();
  for (const entry of readdirSync(testsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = `tests/${entry.name}`;
    if (entry.name.startsWith(".") || entry.name === "__pycache__") continue;
    if (!entry.name.endsWith(".py")) continue; // notes, data the instructor keeps beside the tests
    if (!entry.isFile()) {
      problems.push({ file, message: "is not a regular file: tests/ holds test_*.py files" });
      continue;
    }
    const helper = helperNames.includes(entry.name);
    if (!helper && !TEST_FILE_NAME.test(entry.name)) {
      problems.push({ file, message: "is not run: tests/ holds only test_*.py files (letters, digits and _), each run on its own; list a file the tests import in exercise.yaml's helpers" });
      continue;
    }
    if (learnerFile && entry.name === learnerFile) {
      problems.push({ file, message: `has the same name as the learner's file (exercise.yaml file: ${learnerFile}): rename the ${helper ? "helper" : "test file"}` });
      continue;
    }
    found.add(entry.name);
    const read = readTestsFile(testsDir, entry.name, problems);
    if (read) (helper ? helpers : tests).push(read);
  }
  helperNames.forEach((name, i) => {
    if (!found.has(name)) problems.push({ file: "exercise.yaml", field: `helpers[${i}]`, message: `names tests/${name}, which is not there` });
  });
  if (tests.length > MAX_TEST_FILES) problems.push({ file: "tests", message: `holds ${tests.length} test files: at most ${MAX_TEST_FILES} are allowed` });
  return { tests, helpers };
}

/** Loads one exercise folder, or throws ExerciseFolderError listing every problem found. */
export function loadExercise(dir: string, order = 0): Exercise {
  const absolute = path.resolve(dir);
  const problems: ExerciseProblem[] = [];
  if (!existsSync(absolute)) throw new ExerciseFolderError(dir, [{ file: ".", message: "does not exist: check the path" }]);
  if (!statSync(absolute).isDirectory()) {
    throw new ExerciseFolderError(dir, [{ file: ".", message: `is not a folder: an exercise is a folder holding ${FOLDER_HOLDS}` }]);
  }
  const missing: ExerciseProblem[] = REQUIRED_FILES.filter((f) => !existsSync(path.join(absolute, f))).map((file) => ({
    file,
    message: `is missing: every exercise folder holds ${FOLDER_HOLDS}`,
  }));
  const hasTestsFolder = existsSync(path.join(absolute, "tests"));
  if (!existsSync(path.join(absolute, "cases.yaml")) && !hasTestsFolder) {
    missing.push({ file: "cases.yaml", message: `is missing, and there is no tests/ folder: an exercise needs ${CHECKS}` });
  }
  if (missing.length) throw new ExerciseFolderError(dir, missing);
  const manifestDoc = readYaml(absolute, "exercise.yaml", problems);
  const manifest = manifestDoc ? exerciseManifestSchema.safeParse(manifestDoc.toJS()) : null;
  if (manifest && !manifest.success) problems.push(...zodProblems("exercise.yaml", manifest.error, "", EXERCISE_FIELDS));
  const { tests, helpers } = loadTestFiles(absolute, manifest?.success ? manifest.data.file : undefined, (manifest?.success && manifest.data.helpers) || [], problems);
  if (hasTestsFolder && tests.length === 0 && !problems.some((p) => p.file.startsWith("tests")) && !existsSync(path.join(absolute, "cases.yaml"))) {
    problems.push({ file: "tests", message: "holds no test_*.py files, and there is no cases.yaml: add a test file or cases" });
  }
  const cases = loadCases(absolute, problems, tests.length > 0);
  if (cases.length === 0 && tests.length === 0 && existsSync(path.join(absolute, "cases.yaml")) && hasTestsFolder && !problems.length) {
    problems.push({ file: "cases.yaml", message: `has no cases and tests/ holds no test_*.py files: an exercise needs ${CHECKS}` });
  }
  if (manifest?.success && manifest.data.entry === undefined) {
    const callCase = cases.find((c) => c.call !== null);
    if (callCase) {
      problems.push({
        file: "exercise.yaml",
        field: "entry",
        message: `is required when a case uses call (cases.yaml case "${callCase.name}"): the function under test, such as shout`,
      });
    }
  }
  const read = (f: string) => readFileSync(path.join(absolute, f), "utf8");
  const [starter, solution, instructionsMarkdown] = [read("starter.py"), read("solution.py"), read("README.md")];
  if (!manifest?.success || problems.length) throw new ExerciseFolderError(dir, problems);

  const slug = path.basename(absolute);
  const set = path.basename(path.dirname(absolute));
  const m = manifest.data;
  const casesText = existsSync(path.join(absolute, "cases.yaml")) ? read("cases.yaml") : "";
  // Test files (and the helpers they import) decide verdicts too, so they are part of the hash (only when present:
  // older hashes stay valid).
  const hashed: unknown[] = [m.file, m.entry ?? null, m.limits ?? null, solution, casesText];
  if (tests.length) hashed.push(tests.map((t) => [t.name, t.source]));
  if (helpers.length) hashed.push(helpers.map((t) => [t.name, t.source]));
  const contentHash = createHash("sha256").update(JSON.stringify(hashed)).digest("hex");
  return {
    id: `${set}/${slug}`,
    set,
    slug,
    dir: absolute,
    title: m.title,
    summary: m.summary,
    difficulty: m.difficulty,
    concepts: m.concepts,
    file: m.file,
    entry: m.entry ?? null,
    limits: m.limits ?? {},
    ...(m.source ? { source: m.source } : {}),
    hints: m.hints ?? [],
    review: m.review ?? { expect: [], avoid: [] },
    tutorAvoid: m.tutor?.avoid ?? [],
    kind: m.kind ?? "solve",
    instructionsMarkdown,
    starter,
    solution,
    cases,
    tests,
    helpers,
    contentHash,
    order,
  };
}

export interface ExerciseTree {
  exercises: Exercise[];
  errors: ExerciseFolderError[];
  /** set.yaml of each set that has a valid one, by folder name. */
  setManifests: Map<string, SetManifest>;
}

/** Loads every exercise under root (root/<set>/<slug>/). A broken folder is reported, never fatal to the rest. */
export function loadExerciseTree(root: string): ExerciseTree {
  const exercises: Exercise[] = [];
  const errors: ExerciseFolderError[] = [];
  const setManifests = new Map<string, SetManifest>();
  if (!existsSync(root)) return { exercises, errors: [new ExerciseFolderError(root, [{ file: ".", message: "does not exist" }])], setManifests };
  const subfolders = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith("."))
      .map((d) => d.name)
      .sort();
  for (const set of subfolders(root)) {
    const setDir = path.join(root, set);
    if (!SLUG.test(set)) {
      errors.push(new ExerciseFolderError(setDir, [{ file: ".", message: "set folder names use lower-case letters, digits, - and _" }]));
      continue;
    }
    let order: string[] = [];
    if (existsSync(path.join(setDir, "set.yaml"))) {
      const problems: ExerciseProblem[] = [];
      const doc = readYaml(setDir, "set.yaml", problems);
      const parsed = doc ? setManifestSchema.safeParse(doc.toJS()) : null;
      if (parsed?.success) {
        order = parsed.data.order ?? [];
        setManifests.set(set, parsed.data);
      } else if (parsed) {
        problems.push(...zodProblems("set.yaml", parsed.error, "", SET_FIELDS));
        // A mistake elsewhere in set.yaml should not scramble the teaching order.
        const orderOnly = setManifestSchema.shape.order.safeParse((doc?.toJS() as { order?: unknown } | null)?.order);
        order = (orderOnly.success && orderOnly.data) || [];
      }
      const present = new Set(subfolders(setDir));
      order.forEach((slug, i) => {
        if (!present.has(slug)) problems.push({ file: "set.yaml", field: `order[${i}]`, message: `names "${slug}", but this set has no folder of that name` });
        else if (order.indexOf(slug) !== i) problems.push({ file: "set.yaml", field: `order[${i}]`, message: `names "${slug}" a second time` });
      });
      if (problems.length) errors.push(new ExerciseFolderError(setDir, problems));
    }
    const slugs = subfolders(setDir).sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
    slugs.forEach((slug, i) => {
      if (!SLUG.test(slug)) {
        errors.push(new ExerciseFolderError(path.join(setDir, slug), [{ file: ".", message: "folder names use lower-case letters, digits, - and _" }]));
        return;
      }
      try {
        exercises.push(loadExercise(path.join(setDir, slug), i));
      } catch (e) {
        if (e instanceof ExerciseFolderError) errors.push(e);
        else errors.push(new ExerciseFolderError(path.join(setDir, slug), [{ file: ".", message: (e as Error).message }]));
      }
    });
  }
  return { exercises, errors, setManifests };
}

function rank(order: string[], slug: string): number {
  const i = order.indexOf(slug);
  return i < 0 ? order.length : i;
}
