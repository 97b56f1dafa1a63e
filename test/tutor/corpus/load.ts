// Loading the tutor corpus (test/tutor/corpus/*.yaml, format in README.md beside it): each file is one buggy
// beginner program with its exercise, labelled with the concept it should trigger (or `none`) and, in a header
// comment, the line(s) its bug is on. Every label is checked here, so a wrong one stops the run with a message
// naming the file and what to write instead.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, isMap, isSeq, parseDocument, stringify } from "yaml";
import type { Exercise } from "../../../server/exercises/exercise";
import { loadExercise } from "../../../server/exercises/load";
import { CATALOGUE } from "../../../server/tutor/concepts/catalogue";

export const CORPUS_DIR = __dirname;
/** Typical wrong attempts at the course's own exercises (issue 14), measured beside the corpus. */
export const COURSE_ATTEMPTS_DIR = path.join(__dirname, "course");
export const EXERCISES_DIR = path.resolve(__dirname, "../../../exercises");

/** The `concept:` of a program no catalogue concept fits; its file is named NN-no-concept-<short>.yaml. */
export const NO_CONCEPT = "none";
const NO_CONCEPT_FILE_PREFIX = "no-concept";

export interface CorpusEntry {
  /** The file name without `.yaml`, e.g. "01-return-vs-print-shout". */
  id: string;
  /** A catalogue concept id, or null for `concept: none`. */
  concept: string | null;
  /** The 1-based lines of `code` the bug is on (`# bug-lines: 3, 7`), or null when the file has no such label. */
  bugLines: number[] | null;
  description: string;
  /** The exercise id under exercises/ ("basics/shout"), or null for an inline exercise. */
  exerciseRef: string | null;
  exercise: Exercise;
  code: string;
}

export interface Corpus {
  entries: CorpusEntry[];
  /** Removes the folders written for inline exercises. */
  cleanup(): void;
}

const ENTRY_FIELDS = ["concept", "description", "exercise", "code"];
const INLINE_FIELDS = ["title", "concepts", "limits", "file", "entry", "solution", "cases"];
const FILE_NAME = /^(\d{2,3})-([a-z][a-z-]*[a-z])\.yaml$/;
const LABEL_EXAMPLE = "such as `# bug-lines: 4` or `# bug-lines: 3, 7`";

export class CorpusError extends Error {}

function fail(file: string, message: string): never {
  throw new CorpusError(`test/tutor/corpus/${file}: ${message}`);
}

/** The concept a file name announces (NN-<concept>-<short>.yaml), NO_CONCEPT for NN-no-concept-<short>, or null. */
function conceptOfFileName(file: string, concepts: readonly string[]): string | null {
  const rest = FILE_NAME.exec(file)?.[2];
  if (!rest) return null;
  const prefixes = [...concepts, NO_CONCEPT_FILE_PREFIX];
  // The longest prefix that the name starts with, followed by "-<short>".
  const prefix = prefixes.sort((a, b) => b.length - a.length).find((c) => rest.startsWith(`${c}-`) && rest.length > c.length + 1) ?? null;
  return prefix === NO_CONCEPT_FILE_PREFIX ? NO_CONCEPT : prefix;
}

/** The lines of a `code` block as the learner's editor numbers them (a final newline ends a line, it adds none). */
function codeLines(code: string): string[] {
  return code.replace(/\n$/, "").split("\n");
}

/**
 * The bug lines from the file's header comments (the `#` lines before the first field), checked against the
 * code: each a line that exists and is not blank, ascending, none twice. Null when the header has no label.
 */
export function bugLinesOf(file: string, text: string, code: string): number[] | null {
  const all = text.split("\n");
  const end = all.findIndex((l) => !l.startsWith("#"));
  const header = end < 0 ? all : all.slice(0, end);
  const labels = header.filter((l) => /^#\s*bug[-_ ]?lines?\b/i.test(l));
  if (labels.length === 0) return null;
  if (labels.length > 1) fail(file, `bug-lines: given ${labels.length} times in the header; give it once, ${LABEL_EXAMPLE}`);
  const match = /^#\s*bug-lines:\s*(\d+(?:\s*,\s*\d+)*)\s*$/.exec(labels[0]!);
  if (!match) fail(file, `bug-lines: expected the line numbers of the bug in the code block, ${LABEL_EXAMPLE}; got "${labels[0]}"`);
  const lines = match[1]!.split(",").map((s) => Number(s.trim()));
  const code_ = codeLines(code);
  for (const [i, line] of lines.entries()) {
    if (line < 1 || line > code_.length) fail(file, `bug-lines: line ${line} is not in the code, which has lines 1 to ${code_.length} (count from the first line of the code block)`);
    if (!code_[line - 1]!.trim()) fail(file, `bug-lines: line ${line} of the code is blank; label the line the bug is on`);
    if (i > 0 && line <= lines[i - 1]!) fail(file, `bug-lines: list each line once, in ascending order (got ${match[1]})`);
  }
  return lines;
}

/** Writes an inline exercise as an exercise folder (corpus/<slug>) and loads it with the real loader. */
function inlineExercise(file: string, root: string, slug: string, doc: Document.Parsed): Exercise {
  const node = doc.get("exercise", true);
  if (!isMap(node)) fail(file, "exercise: expected an exercise id such as basics/shout, or a map with file, entry, solution and cases");
  const raw = node.toJSON() as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!INLINE_FIELDS.includes(key)) fail(file, `exercise.${key}: not a known field (the fields are ${INLINE_FIELDS.join(", ")})`);
  for (const key of ["file", "solution"]) if (typeof raw[key] !== "string") fail(file, `exercise.${key}: required, a string`);
  // The real loader decides whether `entry` may be left out (it may when every case is a stdin/stdout program case).
  if (raw.entry !== undefined && typeof raw.entry !== "string") fail(file, "exercise.entry: a string, the function the cases call");
  const cases = node.get("cases", true);
  if (!isSeq(cases)) fail(file, "exercise.cases: required, a list of cases in the cases.yaml format");
  const dir = path.join(root, "corpus", slug);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    title: typeof raw.title === "string" ? raw.title : slug,
    summary: "An exercise from the tutor corpus.",
    difficulty: 1,
    concepts: Array.isArray(raw.concepts) ? raw.concepts : [],
    file: raw.file,
    ...(raw.entry ? { entry: raw.entry } : {}),
    ...(raw.limits ? { limits: raw.limits } : {}),
  };
  writeFileSync(path.join(dir, "exercise.yaml"), stringify(manifest));
  writeFileSync(path.join(dir, "README.md"), `# ${manifest.title}\n`);
  writeFileSync(path.join(dir, "starter.py"), raw.entry ? `def ${raw.entry as string}():\n    pass\n` : "# Write your program here.\n");
  writeFileSync(path.join(dir, "solution.py"), raw.solution as string);
  // Re-serialise the cases node itself, so tags such as !tuple survive.
  const casesDoc = new Document();
  casesDoc.contents = cases;
  writeFileSync(path.join(dir, "cases.yaml"), casesDoc.toString());
  return loadExercise(dir);
}

function entryOf(file: string, dir: string, root: string, concepts: readonly string[]): CorpusEntry {
  const text = readFileSync(path.join(dir, file), "utf8");
  const doc = parseDocument(text);
  if (doc.errors.length) fail(file, doc.errors[0]!.message);
  const data = doc.toJSON() as Record<string, unknown> | null;
  if (!data || typeof data !== "object") fail(file, "expected a map with concept, description, exercise and code");
  for (const key of Object.keys(data)) if (!ENTRY_FIELDS.includes(key)) fail(file, `${key}: not a known field (the fields are ${ENTRY_FIELDS.join(", ")})`);
  const { concept, description, code } = data;
  if (typeof concept !== "string" || (concept !== NO_CONCEPT && !concepts.includes(concept))) fail(file, `concept: expected one of the catalogue's ids, or ${NO_CONCEPT} when none fits; got ${JSON.stringify(concept)}`);
  if (conceptOfFileName(file, concepts) !== concept) fail(file, `the file name must be NN-${concept === NO_CONCEPT ? NO_CONCEPT_FILE_PREFIX : concept}-<short>.yaml`);
  if (typeof description !== "string" || !description.trim() || description.includes("\n")) fail(file, "description: required, one line");
  if (typeof code !== "string" || !code.trim()) fail(file, "code: required, the learner's program");
  const bugLines = bugLinesOf(file, text, code);
  // An entry with neither label would measure nothing.
  if (concept === NO_CONCEPT && !bugLines) fail(file, `bug-lines: required when concept is ${NO_CONCEPT}: start the file with a comment ${LABEL_EXAMPLE}`);
  const id = file.replace(/\.yaml$/, "");
  if (typeof data.exercise === "string") {
    try {
      return { id, concept: concept === NO_CONCEPT ? null : concept, bugLines, description, exerciseRef: data.exercise, exercise: loadExercise(path.join(EXERCISES_DIR, data.exercise)), code };
    } catch (e) {
      fail(file, `exercise: cannot load exercises/${data.exercise}: ${(e as Error).message}`);
    }
  }
  let exercise: Exercise;
  try {
    exercise = inlineExercise(file, root, id, doc);
  } catch (e) {
    if (e instanceof CorpusError) throw e;
    fail(file, `exercise: ${(e as Error).message}`);
  }
  return { id, concept: concept === NO_CONCEPT ? null : concept, bugLines, description, exerciseRef: null, exercise, code };
}

/** Loads every entry of the corpus in the order of its numbers, checking its fields, its labels and its exercise. */
export function loadCorpus(dir: string = CORPUS_DIR): Corpus {
  const concepts = CATALOGUE.map((m) => m.id);
  const root = mkdtempSync(path.join(os.tmpdir(), "tutor-corpus-"));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    const numberOf = (f: string) => Number(FILE_NAME.exec(f)?.[1] ?? NaN);
    for (const file of files) if (Number.isNaN(numberOf(file))) fail(file, "the file name must be NN-<concept>-<short>.yaml (a number, the concept id, a short name)");
    files.sort((a, b) => numberOf(a) - numberOf(b));
    for (const [i, file] of files.entries()) if (i > 0 && numberOf(files[i - 1]!) === numberOf(file)) fail(file, `its number is taken by ${files[i - 1]}; give it the next free one`);
    return { entries: files.map((file) => entryOf(file, dir, root, concepts)), cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
