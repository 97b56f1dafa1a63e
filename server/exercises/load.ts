// Reads exercise folders (exercises/<set>/<slug>/) into Exercise objects, checking every file and naming the
// file, the field and what was expected when something is wrong.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type Document, isMap, isNode, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { type Exercise, type ExerciseCase, ExerciseFolderError, type ExerciseProblem } from "./exercise";
import { CASE_FIELDS, EXERCISE_FIELDS, exerciseManifestSchema, rawCaseSchema, SET_FIELDS, setManifestSchema } from "./schema";
import { COLLECTION_TAG_NAMES, parseYamlDocument, yamlNodeToPyValue } from "./yaml-values";

const REQUIRED_FILES = ["exercise.yaml", "README.md", "starter.py", "solution.py", "cases.yaml"] as const;
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

function loadCases(dir: string, problems: ExerciseProblem[]): ExerciseCase[] {
  const doc = readYaml(dir, "cases.yaml", problems);
  if (!doc) return [];
  if (!isSeq(doc.contents)) {
    problems.push({ file: "cases.yaml", message: "expected a list of cases (each with name, call and expect or raises)" });
    return [];
  }
  const cases: ExerciseCase[] = [];
  const names = new Set<string>();
  doc.contents.items.forEach((item, index) => {
    const where = `[${index}]`;
    if (!isMap(item)) {
      problems.push({ file: "cases.yaml", field: where, message: "expected a mapping with name, call and expect or raises" });
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
  if (doc.contents.items.length === 0) problems.push({ file: "cases.yaml", message: "has no cases: add at least one" });
  return cases;
}

/** Loads one exercise folder, or throws ExerciseFolderError listing every problem found. */
export function loadExercise(dir: string, order = 0): Exercise {
  const absolute = path.resolve(dir);
  const problems: ExerciseProblem[] = [];
  if (!existsSync(absolute)) throw new ExerciseFolderError(dir, [{ file: ".", message: "does not exist: check the path" }]);
  if (!statSync(absolute).isDirectory()) {
    throw new ExerciseFolderError(dir, [{ file: ".", message: `is not a folder: an exercise is a folder holding ${REQUIRED_FILES.join(", ")}` }]);
  }
  const missing = REQUIRED_FILES.filter((f) => !existsSync(path.join(absolute, f)));
  if (missing.length) {
    throw new ExerciseFolderError(
      dir,
      missing.map((file) => ({ file, message: `is missing: every exercise folder holds ${REQUIRED_FILES.join(", ")}` })),
    );
  }
  const manifestDoc = readYaml(absolute, "exercise.yaml", problems);
  const manifest = manifestDoc ? exerciseManifestSchema.safeParse(manifestDoc.toJS()) : null;
  if (manifest && !manifest.success) problems.push(...zodProblems("exercise.yaml", manifest.error, "", EXERCISE_FIELDS));
  const cases = loadCases(absolute, problems);
  const read = (f: string) => readFileSync(path.join(absolute, f), "utf8");
  const [starter, solution, instructionsMarkdown] = [read("starter.py"), read("solution.py"), read("README.md")];
  if (!manifest?.success || problems.length) throw new ExerciseFolderError(dir, problems);

  const slug = path.basename(absolute);
  const set = path.basename(path.dirname(absolute));
  const m = manifest.data;
  const contentHash = createHash("sha256")
    .update(JSON.stringify([m.file, m.entry, m.limits ?? null, solution, read("cases.yaml")]))
    .digest("hex");
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
    entry: m.entry,
    limits: m.limits ?? {},
    instructionsMarkdown,
    starter,
    solution,
    cases,
    contentHash,
    order,
  };
}

export interface ExerciseTree {
  exercises: Exercise[];
  errors: ExerciseFolderError[];
}

/** Loads every exercise under root (root/<set>/<slug>/). A broken folder is reported, never fatal to the rest. */
export function loadExerciseTree(root: string): ExerciseTree {
  const exercises: Exercise[] = [];
  const errors: ExerciseFolderError[] = [];
  if (!existsSync(root)) return { exercises, errors: [new ExerciseFolderError(root, [{ file: ".", message: "does not exist" }])] };
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
      if (parsed?.success) order = parsed.data.order ?? [];
      else if (parsed) {
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
  return { exercises, errors };
}

function rank(order: string[], slug: string): number {
  const i = order.indexOf(slug);
  return i < 0 ? order.length : i;
}
