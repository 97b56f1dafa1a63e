// `tutor import exercism`: turns Exercism-style Python practice exercises into our format. An Exercism exercise
// folder holds .docs/instructions.md (and optionally instructions.append.md and hints.md), the learner's stub
// <module>.py, the tests <module>_test.py, the reference .meta/example.py and .meta/config.json (authors,
// contributors, blurb, files). The tests are kept as they are, run in the sandbox: cases.yaml is left empty.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
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

function pick(dir: string, listed: string[] | undefined, fallback: (names: string[]) => string | undefined): string | undefined {
  const named = listed?.find((f) => existsSync(path.join(dir, f)));
  if (named) return named;
  return fallback(readdirSync(dir).filter((n) => n.endsWith(".py")).sort());
}

/** Reads one Exercism exercise folder into our format (not yet written). */
export function readExercismExercise(dir: string, licenceFallback = "MIT"): ImportedExercise {
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
    },
    readme: readme(title, instructions, optional(".docs/instructions.append.md")),
    starter: stub,
    solution: read(exampleFile),
    tests: { [`test_${module}.py`]: tests },
  };
}

/** Imports the exercise at `source`, or every one below it, into the set folder `into`. */
export function importExercism(source: string, into: string, options: { overwrite?: boolean } = {}): ImportOutcome {
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new ImportInputError(`${source} is not a folder: give an Exercism exercise folder or a folder of them`);
  const dirs = findExercismExercises(source);
  if (dirs.length === 0) throw new ImportInputError(`${source} holds no Exercism exercises (folders with .docs/instructions.md or .meta/config.json)`);
  const outcome: ImportOutcome = { written: [], skipped: [] };
  const exercises: ImportedExercise[] = [];
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
      outcome.written.push(writeImportedExercise(into, e, options.overwrite));
    } catch (err) {
      outcome.skipped.push({ source: e.slug, reason: (err as Error).message });
    }
  }
  return outcome;
}
