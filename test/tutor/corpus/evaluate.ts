// The tutor corpus (test/tutor/corpus/*.yaml): buggy beginner programs, each labelled with the concept it should
// trigger. This module loads the corpus and runs each program through the real pipeline: grade it in the sandbox,
// explain the failure with the offline engine, and score the answer. Shared by `npm run bench:tutor`
// (bench/tutor-accuracy.ts) and test/tutor/corpus.test.ts, so both measure exactly the same thing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, isMap, isSeq, parseDocument, stringify } from "yaml";
import type { Exercise } from "../../../server/exercises/exercise";
import { loadExercise } from "../../../server/exercises/load";
import type { ReferenceCache } from "../../../server/grading/expectations";
import { type GradeResult, gradeSubmission, type Sandbox } from "../../../server/grading/grade";
import type { TestResult } from "../../../server/grading/judge";
import { pyRepr, type PyValue } from "../../../server/grading/values";
import { CATALOGUE } from "../../../server/tutor/concepts/catalogue";
import { parseLiteralCall } from "../../../server/tutor/concepts/python-literals";
import type { FailureExplanation } from "../../../server/tutor/contracts";
import type { GradedSubmission } from "../../../server/tutor/facts";
import { offlineEngine } from "../../../server/tutor/offline/engine";
import { explainSubmission } from "../../../server/tutor/tasks";

export const CORPUS_DIR = __dirname;
export const EXERCISES_DIR = path.resolve(__dirname, "../../../exercises");
export const TOP3_TARGET = 0.9;

export interface CorpusEntry {
  /** The file name without `.yaml`, e.g. "01-return-vs-print-shout". */
  id: string;
  concept: string;
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
// Two digits for the first entries, three from 300 on (the course's own exercises).
const FILE_NAME = /^(\d{2,3})-([a-z][a-z-]*[a-z])\.yaml$/;

class CorpusError extends Error {}

function fail(file: string, message: string): never {
  throw new CorpusError(`test/tutor/corpus/${file}: ${message}`);
}

function conceptOfFileName(file: string, concepts: readonly string[]): string | null {
  const rest = FILE_NAME.exec(file)?.[2];
  if (!rest) return null;
  // The longest concept id that the name starts with, followed by "-<short>".
  return [...concepts].sort((a, b) => b.length - a.length).find((c) => rest.startsWith(`${c}-`) && rest.length > c.length + 1) ?? null;
}

/** Writes an inline exercise as an exercise folder (corpus/<slug>) and loads it with the real loader. */
function inlineExercise(file: string, root: string, slug: string, doc: Document.Parsed): Exercise {
  const node = doc.get("exercise", true);
  if (!isMap(node)) fail(file, "exercise: expected an exercise id such as basics/shout, or a map with file, entry, solution and cases");
  const raw = node.toJSON() as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!INLINE_FIELDS.includes(key)) fail(file, `exercise.${key}: not a known field (the fields are ${INLINE_FIELDS.join(", ")})`);
  for (const key of ["file", "entry", "solution"]) if (typeof raw[key] !== "string") fail(file, `exercise.${key}: required, a string`);
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
    entry: raw.entry,
    ...(raw.limits ? { limits: raw.limits } : {}),
  };
  writeFileSync(path.join(dir, "exercise.yaml"), stringify(manifest));
  writeFileSync(path.join(dir, "README.md"), `# ${manifest.title}\n`);
  writeFileSync(path.join(dir, "starter.py"), `def ${raw.entry as string}():\n    pass\n`);
  writeFileSync(path.join(dir, "solution.py"), raw.solution as string);
  // Re-serialise the cases node itself, so tags such as !tuple survive.
  const casesDoc = new Document();
  casesDoc.contents = cases;
  writeFileSync(path.join(dir, "cases.yaml"), casesDoc.toString());
  return loadExercise(dir);
}

/** Loads every entry of the corpus, checking its fields, its label and its exercise. */
export function loadCorpus(dir: string = CORPUS_DIR): Corpus {
  const concepts = CATALOGUE.map((m) => m.id);
  const root = mkdtempSync(path.join(os.tmpdir(), "tutor-corpus-"));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort();
    const entries = files.map((file): CorpusEntry => {
      const doc = parseDocument(readFileSync(path.join(dir, file), "utf8"));
      if (doc.errors.length) fail(file, doc.errors[0]!.message);
      const data = doc.toJSON() as Record<string, unknown> | null;
      if (!data || typeof data !== "object") fail(file, "expected a map with concept, description, exercise and code");
      for (const key of Object.keys(data)) if (!ENTRY_FIELDS.includes(key)) fail(file, `${key}: not a known field (the fields are ${ENTRY_FIELDS.join(", ")})`);
      const { concept, description, code } = data;
      if (typeof concept !== "string" || !concepts.includes(concept)) fail(file, `concept: expected one of the catalogue's ids, got ${JSON.stringify(concept)}`);
      if (conceptOfFileName(file, concepts) !== concept) fail(file, `the file name must be NN-${concept}-<short>.yaml`);
      if (typeof description !== "string" || !description.trim() || description.includes("\n")) fail(file, "description: required, one line");
      if (typeof code !== "string" || !code.trim()) fail(file, "code: required, the learner's program");
      const id = file.replace(/\.yaml$/, "");
      let exercise: Exercise;
      let exerciseRef: string | null = null;
      if (typeof data.exercise === "string") {
        exerciseRef = data.exercise;
        try {
          exercise = loadExercise(path.join(EXERCISES_DIR, data.exercise));
        } catch (e) {
          fail(file, `exercise: cannot load exercises/${data.exercise}: ${(e as Error).message}`);
        }
      } else {
        try {
          exercise = inlineExercise(file, root, id, doc);
        } catch (e) {
          if (e instanceof CorpusError) throw e;
          fail(file, `exercise: ${(e as Error).message}`);
        }
      }
      return { id, concept, description, exerciseRef, exercise, code };
    });
    return { entries, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

// ---- evaluation ---------------------------------------------------------------------------------------------

export interface FailingCase {
  index: number;
  name: string;
  hidden: boolean;
  status: TestResult["status"];
  call: string;
  expected: string | null;
}

export interface EntryResult {
  entry: CorpusEntry;
  grade: GradeResult;
  explanation: FailureExplanation;
  /** Concept ids as ranked, best first. */
  ranked: string[];
  top1: boolean;
  top3: boolean;
  /** The first case that did not pass, as the tutor sees it (with its call and expected value, even if hidden). */
  failing: FailingCase | null;
  /**
   * Whether the explanation names the failing case: for a visible case its call, expected value or name appears;
   * for a hidden case it says a hidden test failed and reveals nothing of it. Null when no case ran (a syntax
   * error: nothing but the file was checked).
   */
  namesFailingCase: boolean | null;
  /** Text from a hidden case (call, expected value, a string from its input) found in the explanation. */
  leaks: string[];
  durationMs: number;
}

function expectedRepr(exercise: Exercise, index: number, test: TestResult): string | null {
  if (test.expected) return test.expected;
  const c = exercise.cases[index];
  if (c?.expectation.kind === "value") return pyRepr(c.expectation.value);
  if (c?.expectation.kind === "raises") return `raises ${c.expectation.exception}`;
  return null;
}

function failingCaseOf(exercise: Exercise, grade: GradeResult): FailingCase | null {
  const index = grade.tests.findIndex((t) => t.status !== "passed");
  if (index < 0) return null;
  const test = grade.tests[index]!;
  return { index, name: test.name, hidden: test.hidden, status: test.status, call: exercise.cases[index]?.call ?? "", expected: expectedRepr(exercise, index, test) };
}

function strings(value: PyValue): string[] {
  switch (value.t) {
    case "str":
      return [value.v];
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      return value.items.flatMap(strings);
    case "dict":
      return value.items.flatMap(([k, v]) => [...strings(k), ...strings(v)]);
    default:
      return [];
  }
}

/** Reprs so short or common ("0", "[]", "True") that they say nothing about a particular case. */
function tellingRepr(repr: string): boolean {
  return repr.length >= 4 && !["True", "False", "None"].includes(repr);
}

/** Everything of the exercise's hidden cases that must never reach the learner, minus what their own code says. */
export function hiddenSecrets(exercise: Exercise, code: string): string[] {
  const secrets = new Set<string>();
  for (const c of exercise.cases.filter((c) => c.hidden)) {
    if (c.call !== null) secrets.add(c.call);
    if (c.expectation.kind === "value") {
      const repr = pyRepr(c.expectation.value);
      if (tellingRepr(repr)) secrets.add(repr);
    }
    // Text from the input, even unquoted: a KeyError message or an echoed line could carry it.
    const parsed = parseLiteralCall(c.call);
    const inputs = parsed ? [...parsed.args, ...Object.values(parsed.keywords)] : [];
    for (const s of inputs.flatMap(strings)) if (s.trim().length >= 4) secrets.add(s.trim());
  }
  return [...secrets].filter((s) => !code.includes(s));
}

function namesFailingCase(explanation: string, failing: FailingCase | null, grade: GradeResult, leaks: string[]): boolean | null {
  if (!failing || grade.status === "syntax-error") return null;
  if (failing.hidden) return leaks.length === 0 && /\bhidden test\b/i.test(explanation);
  return [failing.call, failing.expected, failing.name].some((text) => !!text && explanation.includes(text));
}

function submissionOf(code: string, grade: GradeResult): GradedSubmission {
  return { code, verdict: grade.status, tests: grade.tests, observations: grade.observations, passedCount: grade.passedCount, totalCount: grade.totalCount };
}

/** Grades one entry in the sandbox, explains it with the offline engine, and scores the explanation. */
export async function evaluateEntry(sandbox: Sandbox, references: ReferenceCache, entry: CorpusEntry): Promise<EntryResult> {
  const started = Date.now();
  const grade = await gradeSubmission(sandbox, references, entry.exercise, entry.code);
  const explanation = await explainSubmission(sandbox, offlineEngine, entry.exercise, submissionOf(entry.code, grade));
  const ranked = explanation.concepts.map((c) => c.id);
  const failing = failingCaseOf(entry.exercise, grade);
  const shown = [explanation.explanation, ...explanation.concepts.flatMap((c) => c.evidence)].join("\n");
  const leaks = hiddenSecrets(entry.exercise, entry.code).filter((s) => shown.includes(s));
  return {
    entry,
    grade,
    explanation,
    ranked,
    top1: ranked[0] === entry.concept,
    top3: ranked.slice(0, 3).includes(entry.concept),
    failing,
    namesFailingCase: namesFailingCase(explanation.explanation, failing, grade, leaks),
    leaks,
    durationMs: Date.now() - started,
  };
}

/** Evaluates every entry, `concurrency` at a time; results come back in corpus order. */
export async function evaluateCorpus(
  sandbox: Sandbox,
  references: ReferenceCache,
  entries: CorpusEntry[],
  options: { concurrency?: number; onResult?: (result: EntryResult, done: number) => void } = {},
): Promise<EntryResult[]> {
  const results: EntryResult[] = new Array(entries.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      results[i] = await evaluateEntry(sandbox, references, entries[i]!);
      options.onResult?.(results[i], ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return results;
}

// ---- figures ------------------------------------------------------------------------------------------------

export interface Ratio {
  n: number;
  of: number;
}

export interface Figures {
  top1: Ratio;
  top3: Ratio;
  namingFailingCase: Ratio;
  /** Entries left out of the naming figure because no case ran (syntax errors). */
  noCaseRan: number;
  /** Entries whose program passed its exercise: a broken corpus entry, not a tutor miss. */
  passed: string[];
  leaking: string[];
}

export function figuresOf(results: EntryResult[]): Figures {
  const count = (p: (r: EntryResult) => boolean) => results.filter(p).length;
  const named = results.filter((r) => r.namesFailingCase !== null);
  return {
    top1: { n: count((r) => r.top1), of: results.length },
    top3: { n: count((r) => r.top3), of: results.length },
    namingFailingCase: { n: named.filter((r) => r.namesFailingCase).length, of: named.length },
    noCaseRan: results.length - named.length,
    passed: results.filter((r) => r.grade.status === "passed").map((r) => r.entry.id),
    leaking: results.filter((r) => r.leaks.length > 0).map((r) => r.entry.id),
  };
}

export function percent(r: Ratio): string {
  return r.of === 0 ? "n/a" : `${((100 * r.n) / r.of).toFixed(1)}%`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

function topThree(r: EntryResult): string {
  return r.explanation.concepts.slice(0, 3).map((c) => `${c.id} (${c.score})`).join(", ") || "(none)";
}

/** The misses (label not in the top 3, then not first), and explanations that don't name their failing case. */
export function missesReport(results: EntryResult[]): string {
  const out: string[] = [];
  const misses = results.filter((r) => !r.top1);
  if (misses.length) {
    out.push("Entries whose label is not the top concept:");
    out.push(table([["entry", "label", "in top 3", "top 3 got"], ...misses.map((r) => [r.entry.id, r.entry.concept, r.top3 ? "yes" : "NO", topThree(r)])]));
  } else out.push("Every entry's label is the top concept.");
  const unnamed = results.filter((r) => r.namesFailingCase === false);
  if (unnamed.length) {
    out.push("", "Explanations that do not name their failing case:");
    out.push(table([["entry", "failing case", "hidden"], ...unnamed.map((r) => [r.entry.id, r.failing?.name ?? "-", r.failing?.hidden ? "yes" : "no"])]));
  }
  return out.join("\n");
}

export function figuresReport(f: Figures): string {
  const lines = [
    `top-1 accuracy: ${percent(f.top1)} (${f.top1.n}/${f.top1.of})`,
    `top-3 accuracy: ${percent(f.top3)} (${f.top3.n}/${f.top3.of})`,
    `explanations naming the failing case: ${percent(f.namingFailingCase)} (${f.namingFailingCase.n}/${f.namingFailingCase.of})` +
      (f.noCaseRan ? `; ${f.noCaseRan} syntax-error ${f.noCaseRan === 1 ? "entry" : "entries"} left out (no case ran)` : ""),
  ];
  if (f.passed.length) lines.push(`WARNING: these programs passed their exercise (broken corpus entries): ${f.passed.join(", ")}`);
  if (f.leaking.length) lines.push(`WARNING: these explanations reveal a hidden case: ${f.leaking.join(", ")}`);
  return lines.join("\n");
}
