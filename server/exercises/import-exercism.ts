// `tutor import exercism`: turns Exercism-style Python practice exercises into our format. An Exercism exercise
// folder holds .docs/instructions.md (and optionally instructions.append.md and hints.md), the learner's stub
// <module>.py, the tests <module>_test.py (with any other module of the folder they import, such as a
// test_utils.py of test doubles: our `helpers`), the reference .meta/example.py and .meta/config.json (authors,
// contributors, blurb, files). The tests are kept as they are, run in the sandbox: cases.yaml is left empty.
// Exercism's refactoring exercises (their blurb says "Refactor ...") start from a stub that passes its tests;
// which of them really does is only known by running it, so importExercism lists them and confirmRefactoring,
// given a sandbox, marks those whose starter passes (`kind: refactor`).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import type { ReferenceCache } from "../grading/expectations";
import { gradeSubmission } from "../grading/grade";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { Status } from "../grading/judge";
import {
  ensureSetManifest,
  findLicence,
  firstSentence,
  type ImportedExercise,
  ImportInputError,
  type ImportOutcome,
  oneLine,
  PY_MODULE,
  slugify,
  writeImportedExercise,
} from "./import-common";
import { loadExercise } from "./load";

const configSchema = z
  .object({
    title: z.string().optional(),
    blurb: z.string().optional(),
    difficulty: z.number().optional(),
    authors: z.array(z.string()).default([]),
    contributors: z.array(z.string()).default([]),
    files: z
      .object({
        solution: z.array(z.string()).default([]),
        test: z.array(z.string()).default([]),
        example: z.array(z.string()).default([]),
      })
      .partial()
      .default({}),
  })
  .loose();

/** Is `dir` an Exercism exercise folder (rather than a folder of them)? */
export function isExercismExercise(dir: string): boolean {
  return existsSync(path.join(dir, ".docs", "instructions.md")) || existsSync(path.join(dir, ".meta", "config.json"));
}

/** The Exercism exercise folders at or below `root`. */
export function findExercismExercises(root: string): string[] {
  if (isExercismExercise(root)) return [root];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort()
    .flatMap((name) => findExercismExercises(path.join(root, name)));
}

/** Level-1 hints from hints.md: each list item (with its continuation lines) is one hint. */
export function parseHints(markdown: string): string[] {
  const hints: string[] = [];
  let current: string[] | null = null;
  const flush = () => {
    if (current) hints.push(current.join(" ").replace(/\s+/g, " ").trim());
    current = null;
  };
  for (const line of markdown.split("\n")) {
    const item = /^\s{0,3}[-*+]\s+(.*)$/.exec(line);
    if (item) {
      flush();
      current = [item[1]!];
    } else if (current && line.trim() && /^\s+/.test(line)) current.push(line.trim());
    else flush();
  }
  flush();
  return hints.filter(Boolean).map((h) => (h.length > 2000 ? oneLine(h, 2000) : h));
}

function humanTitle(slug: string): string {
  const words = slug.split(/[-_]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(" ");
}

/** The instructions, with Exercism's generic "# Instructions" heading replaced by the exercise's title. */
function readme(title: string, instructions: string, append: string | null): string {
  let text = instructions.trim().replace(/^#\s+Instructions\s*\n/, "");
  text = `# ${title}\n\n${text.trim()}`;
  if (append?.trim()) {
    // The append's own top-level heading ("Instructions append") says nothing to a learner; its other headings
    // go one level down so that the title stays the only level-1 heading.
    const extra = append
      .trim()
      .replace(/^#\s+Instructions append\s*\n/i, "")
      .replace(/^# /gm, "## ");
    text += `\n\n${extra.trim()}`;
  }
  return `${text}\n`;
}

/** The function (or, failing that, class) the tests are about: the first one the stub defines. */
function entryOf(stub: string, module: string): string {
  return /^def\s+([A-Za-z_]\w*)\s*\(/m.exec(stub)?.[1] ?? /^class\s+([A-Za-z_]\w*)/m.exec(stub)?.[1] ?? module;
}

/** The modules a Python file imports by a plain top-level name (`import a, b` and `from a import x`). */
function importedModules(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)[ \t]+import\b|import[ \t]+([A-Za-z_][\w \t,]*))/gm)) {
    if (m[1]) names.add(m[1]);
    else for (const part of m[2]!.split(",")) names.add(part.trim().split(/\s+/)[0]!);
  }
  return names;
}

/**
 * The other modules of the exercise's folder that its tests import (a test_utils.py of test doubles, say): they go
 * into tests/ beside the test file, as helpers. Without them the tests could not even be listed.
 */
function helperFiles(dir: string, tests: string, own: string[]): Record<string, string> {
  const helpers: Record<string, string> = {};
  for (const module of [...importedModules(tests)].sort()) {
    const file = `${module}.py`;
    if (own.includes(file) || !existsSync(path.join(dir, file)) || !statSync(path.join(dir, file)).isFile()) continue;
    helpers[file] = readFileSync(path.join(dir, file), "utf8");
  }
  return helpers;
}

/** Exercism's refactoring exercises say so in their first words: "Refactor a ledger printer." */
function soundsLikeRefactoring(blurb: string | undefined, instructionsBody: string): boolean {
  return /^refactor\b/i.test((blurb ?? firstSentence(instructionsBody)).trim());
}

function pick(dir: string, listed: string[] | undefined, fallback: (names: string[]) => string | undefined): string | undefined {
  const named = listed?.find((f) => existsSync(path.join(dir, f)));
  if (named) return named;
  return fallback(readdirSync(dir).filter((n) => n.endsWith(".py")).sort());
}

/** One exercise read, and whether Exercism presents it as a refactoring (to be confirmed by running its starter). */
export interface ExercismExercise extends ImportedExercise {
  refactoring: boolean;
}

/** Reads one Exercism exercise folder into our format (not yet written). */
export function readExercismExercise(dir: string, licenceFallback = "MIT"): ExercismExercise {
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  const optional = (f: string) => (existsSync(path.join(dir, f)) ? read(f) : null);
  if (!existsSync(path.join(dir, ".docs", "instructions.md"))) throw new ImportInputError(".docs/instructions.md is missing");
  let config: z.infer<typeof configSchema> = configSchema.parse({});
  const configText = optional(".meta/config.json");
  if (configText !== null) {
    let json: unknown;
    try {
      json = JSON.parse(configText);
    } catch (e) {
      throw new ImportInputError(`.meta/config.json is not valid JSON: ${(e as Error).message}`);
    }
    const parsed = configSchema.safeParse(json);
    if (!parsed.success) throw new ImportInputError(`.meta/config.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    config = parsed.data;
  }
  const stubFile = pick(dir, config.files.solution, (names) => names.find((n) => !n.endsWith("_test.py") && !n.startsWith("test_")));
  const testFile = pick(dir, config.files.test, (names) => names.find((n) => n.endsWith("_test.py") || n.startsWith("test_")));
  const exampleFile = pick(dir, config.files.example, () => (existsSync(path.join(dir, ".meta", "example.py")) ? ".meta/example.py" : undefined));
  if (!stubFile) throw new ImportInputError("there is no stub <module>.py for the learner to start from");
  if (!testFile) throw new ImportInputError("there is no test file <module>_test.py");
  if (!exampleFile) throw new ImportInputError("there is no reference solution .meta/example.py");

  const original = path.basename(stubFile, ".py");
  // Our learner's file must be importable: a stub named like `two-fer.py` becomes two_fer.py, and only then are
  // the test's imports of it rewritten.
  const module = PY_MODULE.test(original) ? original : original.replace(/\W/g, "_").replace(/^(\d)/, "_$1");
  let tests = read(testFile);
  if (module !== original) {
    const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    tests = tests.replace(new RegExp(`^(\\s*)from\\s+${escaped}\\s+import\\b`, "gm"), `$1from ${module} import`).replace(new RegExp(`^(\\s*)import\\s+${escaped}\\b`, "gm"), `$1import ${module}`);
  }
  const stub = read(stubFile);
  const slug = slugify(path.basename(path.resolve(dir)));
  const instructions = read(".docs/instructions.md");
  const heading = /^#\s+(.+)$/m.exec(instructions)?.[1]?.trim();
  const title = oneLine(config.title ?? (heading && !/^instructions$/i.test(heading) ? heading : humanTitle(slug)), 120);
  const body = instructions.replace(/^#.*$/gm, "").trim();
  const summary = oneLine(config.blurb ?? firstSentence(body) ?? title, 400) || title;
  const hintsText = optional(".docs/hints.md");
  const hints = hintsText ? parseHints(hintsText) : [];
  const authors = [...new Set([...config.authors, ...config.contributors])];
  const difficulty = config.difficulty ? Math.min(5, Math.max(1, Math.ceil(config.difficulty / 2))) : 2;
  const testName = `test_${module}.py`;
  const helpers = helperFiles(dir, tests, [stubFile, testFile, `${module}.py`, testName]);
  return {
    slug,
    manifest: {
      title,
      summary,
      difficulty,
      concepts: [],
      file: `${module}.py`,
      entry: entryOf(stub, module),
      source: { origin: "Exercism", licence: findLicence(dir) ?? licenceFallback, authors },
      ...(hints.length ? { hints } : {}),
      ...(Object.keys(helpers).length ? { helpers: Object.keys(helpers) } : {}),
    },
    readme: readme(title, instructions, optional(".docs/instructions.append.md")),
    starter: stub,
    solution: read(exampleFile),
    tests: { [testName]: tests },
    ...(Object.keys(helpers).length ? { helpers } : {}),
    refactoring: soundsLikeRefactoring(config.blurb, body),
  };
}

export interface ExercismImportOutcome extends ImportOutcome {
  /** Folders written whose exercise Exercism presents as a refactoring: for confirmRefactoring. */
  refactoring: string[];
}

/** Imports the exercise at `source`, or every one below it, into the set folder `into`. */
export function importExercism(source: string, into: string, options: { overwrite?: boolean } = {}): ExercismImportOutcome {
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new ImportInputError(`${source} is not a folder: give an Exercism exercise folder or a folder of them`);
  const dirs = findExercismExercises(source);
  if (dirs.length === 0) throw new ImportInputError(`${source} holds no Exercism exercises (folders with .docs/instructions.md or .meta/config.json)`);
  const outcome: ExercismImportOutcome = { written: [], skipped: [], refactoring: [] };
  const exercises: ExercismExercise[] = [];
  for (const dir of dirs) {
    try {
      exercises.push(readExercismExercise(dir));
    } catch (e) {
      outcome.skipped.push({ source: dir, reason: (e as Error).message });
    }
  }
  ensureSetManifest(into, "Exercism exercises", "Practice exercises imported from Exercism.", exercises.map((e) => e.slug));
  for (const e of exercises) {
    try {
      const written = writeImportedExercise(into, e, options.overwrite);
      outcome.written.push(written);
      if (e.refactoring) outcome.refactoring.push(written);
    } catch (err) {
      outcome.skipped.push({ source: e.slug, reason: (err as Error).message });
    }
  }
  return outcome;
}

/** What running a refactoring candidate's starter showed. */
export interface RefactoringCheck {
  dir: string;
  /** The starter passed every test: exercise.yaml now says `kind: refactor`. */
  marked: boolean;
  /** How many of the tests the starter passed. */
  passed: number;
  total: number;
  /** How many ended without an answer (a timeout, a limit, the grader failing): on a busy machine, worth a recheck. */
  unanswered: number;
}

const ANSWERED = new Set<Status>(["passed", "failed", "error", "syntax-error"]);

/**
 * Grades each candidate's starter in the sandbox and marks the exercises whose starter passes every test as
 * refactoring exercises (exercise.yaml's `kind: refactor`); the others stay exercises to solve.
 */
export async function confirmRefactoring(dirs: string[], sandbox: Sandbox, references: ReferenceCache): Promise<RefactoringCheck[]> {
  const checks: RefactoringCheck[] = [];
  for (const dir of dirs) {
    const exercise = loadExercise(dir);
    const result = await gradeSubmission(sandbox, references, exercise, exercise.starter);
    const marked = result.status === "passed" && result.totalCount > 0;
    if (marked) {
      const manifest = parseDocument(readFileSync(path.join(dir, "exercise.yaml"), "utf8"));
      manifest.set("kind", "refactor");
      writeFileSync(path.join(dir, "exercise.yaml"), manifest.toString({ lineWidth: 0 }));
    }
    checks.push({ dir, marked, passed: result.passedCount, total: result.totalCount, unanswered: result.tests.filter((t) => !ANSWERED.has(t.status)).length });
  }
  return checks;
}
