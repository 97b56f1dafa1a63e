// Reads exercise folders (exercises/<set>/<slug>/) into Exercise objects, checking every file and naming the
// file, the field and what was expected when something is wrong.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { type Exercise, type ExerciseCase, ExerciseFolderError, type ExerciseProblem } from "./exercise";
import { exerciseManifestSchema, rawCaseSchema, setManifestSchema } from "./schema";
import { parseYamlDocument, yamlNodeToPyValue } from "./yaml-values";

const REQUIRED_FILES = ["exercise.yaml", "README.md", "starter.py", "solution.py", "cases.yaml"] as const;
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

function zodProblems(file: string, error: z.ZodError, prefix = ""): ExerciseProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: prefix + issue.path.join(".") || undefined,
    message: issue.message,
  }));
}

function readYaml(dir: string, file: string, problems: ExerciseProblem[]) {
  const text = readFileSync(path.join(dir, file), "utf8");
  // Only cases hold Python values, whose integers must stay exact; manifests hold plain numbers.
  const doc = file === "cases.yaml" ? parseYamlDocument(text) : parseDocument(text, { prettyErrors: true });
  for (const e of doc.errors) problems.push({ file, message: `not valid YAML: ${e.message.split("\n")[0]}` });
  return doc.errors.length ? null : doc;
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
    const parsed = rawCaseSchema.safeParse(item.toJS(doc));
    if (!parsed.success) {
      problems.push(...zodProblems("cases.yaml", parsed.error, `${where}.`));
      return;
    }
    const raw = parsed.data;
    if (names.has(raw.name)) problems.push({ file: "cases.yaml", field: `${where}.name`, message: `duplicate case name "${raw.name}"` });
    names.add(raw.name);
    let expectation: ExerciseCase["expectation"];
    if (raw.raises) expectation = { kind: "raises", exception: raw.raises };
    else if (item.has("expect")) {
      try {
        expectation = { kind: "value", value: yamlNodeToPyValue(item.get("expect", true)) };
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
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new ExerciseFolderError(dir, [{ file: ".", message: "is not a folder" }]);
  }
  const missing = REQUIRED_FILES.filter((f) => !existsSync(path.join(absolute, f)));
  if (missing.length) {
    throw new ExerciseFolderError(dir, missing.map((file) => ({ file, message: "is missing" })));
  }
  const manifestDoc = readYaml(absolute, "exercise.yaml", problems);
  const manifest = manifestDoc ? exerciseManifestSchema.safeParse(manifestDoc.toJS()) : null;
  if (manifest && !manifest.success) problems.push(...zodProblems("exercise.yaml", manifest.error));
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
    let order: string[] = [];
    if (existsSync(path.join(setDir, "set.yaml"))) {
      const problems: ExerciseProblem[] = [];
      const doc = readYaml(setDir, "set.yaml", problems);
      const parsed = doc ? setManifestSchema.safeParse(doc.toJS()) : null;
      if (parsed?.success) order = parsed.data.order ?? [];
      else if (parsed) problems.push(...zodProblems("set.yaml", parsed.error));
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
