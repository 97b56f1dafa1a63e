// Runs each program of the tutor corpus (loaded by ./load.ts) through the real pipeline: grade it in the
// sandbox, explain the failure and give the level-2 hint with the offline engine, and score the answers: the
// concept ranking (entries with a concept label), whether a labelled bug line is named (entries with
// `# bug-lines:`), what a hidden case could leak, and the time localization added. Shared by `npm run bench:tutor`
// (bench/tutor-accuracy.ts) and test/tutor/corpus.test.ts, so both measure exactly the same thing.
import type { Exercise } from "../../../server/exercises/exercise";
import type { ReferenceCache } from "../../../server/grading/expectations";
import { type GradeResult, gradeSubmission } from "../../../server/grading/grade";
import type { Sandbox } from "../../../server/grading/sandbox/sandbox";
import type { TestResult } from "../../../server/grading/judge";
import { pyRepr, type PyValue } from "../../../server/grading/values";
import { parseLiteralCall } from "../../../server/tutor/concepts/python-literals";
import type { FailureExplanation, TutorFacts } from "../../../server/tutor/contracts";
import type { GradedSubmission } from "../../../server/tutor/facts";
import { offlineEngine } from "../../../server/tutor/offline/engine";
import { submissionFacts } from "../../../server/tutor/tasks";
import { linesNamed } from "./line-mentions";
import type { CorpusEntry } from "./load";

export const TOP3_TARGET = 0.9;
export const LOCATED_TARGET = 0.8;

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
  /** The facts the tutor answered from. */
  facts: TutorFacts;
  /** The level-2 hint ("where to look"), given from the same facts as the explanation. */
  hint: string;
  /** The code lines the explanation and the hint name, ascending. */
  namedLines: number[];
  /** Whether they name one of the entry's labelled bug lines; null for an entry without `# bug-lines:`. */
  located: boolean | null;
  /** The wall time localization added, as the facts report it; null when it did not run (not measured). */
  localizationMs: number | null;
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

/**
 * Everything of the exercise's hidden cases that must never reach the learner, minus what their own code says and
 * what a visible case shows anyway (a hidden case may expect the same value as a visible one).
 */
export function hiddenSecrets(exercise: Exercise, code: string): string[] {
  const shown = exercise.cases
    .filter((c) => !c.hidden)
    .flatMap((c) => [c.call ?? "", c.stdin ?? "", c.expectation.kind === "value" ? pyRepr(c.expectation.value) : ""])
    .join("\n");
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
  return [...secrets].filter((s) => !code.includes(s) && !shown.includes(s));
}

function namesFailingCase(explanation: string, failing: FailingCase | null, grade: GradeResult, leaks: string[]): boolean | null {
  if (!failing || grade.status === "syntax-error") return null;
  if (failing.hidden) return leaks.length === 0 && /\bhidden test\b/i.test(explanation);
  return [failing.call, failing.expected, failing.name].some((text) => !!text && explanation.includes(text));
}

function submissionOf(code: string, grade: GradeResult): GradedSubmission {
  return { code, verdict: grade.status, tests: grade.tests, observations: grade.observations, passedCount: grade.passedCount, totalCount: grade.totalCount };
}

/**
 * Grades one entry in the sandbox, explains it and gives the level-2 hint with the offline engine, and scores the
 * answers. Both answers come from one computation of the facts (submissionFacts, as explainSubmission and
 * hintForSubmission each do), so the sandbox's work for an entry, localization included, is done and timed once.
 */
export async function evaluateEntry(sandbox: Sandbox, references: ReferenceCache, entry: CorpusEntry): Promise<EntryResult> {
  const started = Date.now();
  const grade = await gradeSubmission(sandbox, references, entry.exercise, entry.code);
  const facts = await submissionFacts(sandbox, entry.exercise, submissionOf(entry.code, grade));
  const explanation = await offlineEngine.explainFailure(facts);
  const hint = await offlineEngine.hint(facts, 2, entry.exercise.solution);
  const ranked = explanation.concepts.map((c) => c.id);
  const failing = failingCaseOf(entry.exercise, grade);
  const shown = [explanation.explanation, ...explanation.concepts.flatMap((c) => c.evidence), hint.text].join("\n");
  // What the learner's own visible results show (their value, their output) is theirs to see, even when a hidden
  // case happens to expect the same.
  const seen = grade.tests.filter((t) => !t.hidden).flatMap((t) => [t.actual ?? "", t.stdout ?? ""]).join("\n");
  const leaks = hiddenSecrets(entry.exercise, entry.code).filter((s) => shown.includes(s) && !seen.includes(s));
  const namedLines = linesNamed(`${explanation.explanation}\n${hint.text}`);
  return {
    entry,
    grade,
    explanation,
    ranked,
    top1: entry.concept !== null && ranked[0] === entry.concept,
    top3: entry.concept !== null && ranked.slice(0, 3).includes(entry.concept),
    failing,
    namesFailingCase: namesFailingCase(explanation.explanation, failing, grade, leaks),
    leaks,
    facts,
    hint: hint.text,
    namedLines,
    located: entry.bugLines ? entry.bugLines.some((line) => namedLines.includes(line)) : null,
    localizationMs: facts.localizationMs,
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

/**
 * What keeps a `# bug-lines:` entry from being a quiet bug, as "case: status" lines (none for a quiet one): a case
 * that raised, timed out or crashed instead of giving a wrong value (a failed assert of a tests/ file is a wrong
 * value), and no visible case failing or none passing
 * (localization compares the two).
 */
export function notQuiet(r: EntryResult): string[] {
  const loud = r.grade.tests.flatMap((t, i) => {
    if (t.status === "passed") return [];
    // A test from the exercise's tests/ files fails by an assert, which is a wrong value too.
    if (t.status === "failed" && t.inSandbox) return [];
    const outcome = r.grade.observations[i]?.outcome;
    return t.status !== "failed" || !outcome || !["returned", "finished"].includes(outcome) ? [`${t.name}: ${t.status}`] : [];
  });
  if (!r.grade.tests.some((t) => !t.hidden && t.status === "failed")) loud.push("no visible case fails");
  if (!r.grade.tests.some((t) => !t.hidden && t.status === "passed")) loud.push("no visible case passes");
  return loud;
}

// ---- figures ------------------------------------------------------------------------------------------------

export interface Ratio {
  n: number;
  of: number;
}

export interface Figures {
  /** Over the entries with a concept label (`concept: none` entries are left out). */
  top1: Ratio;
  top3: Ratio;
  namingFailingCase: Ratio;
  /** Entries left out of the naming figure because no case ran (syntax errors). */
  noCaseRan: number;
  /** Over the entries with `# bug-lines:`: the explanation or the level-2 hint names a labelled line. */
  located: Ratio;
  /** The time localization added per entry, over the entries whose facts report it; null when none does. */
  localizationMs: { p50: number; p95: number; measured: number } | null;
  /** Entries whose program passed its exercise: a broken corpus entry, not a tutor miss. */
  passed: string[];
  leaking: string[];
}

/** The nearest-rank percentile of some numbers (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function figuresOf(results: EntryResult[]): Figures {
  const labelled = results.filter((r) => r.entry.concept !== null);
  const named = results.filter((r) => r.namesFailingCase !== null);
  const locatable = results.filter((r) => r.located !== null);
  const times = results.map((r) => r.localizationMs).filter((ms): ms is number => ms !== null);
  return {
    top1: { n: labelled.filter((r) => r.top1).length, of: labelled.length },
    top3: { n: labelled.filter((r) => r.top3).length, of: labelled.length },
    namingFailingCase: { n: named.filter((r) => r.namesFailingCase).length, of: named.length },
    noCaseRan: results.length - named.length,
    located: { n: locatable.filter((r) => r.located).length, of: locatable.length },
    localizationMs: times.length ? { p50: percentile(times, 50), p95: percentile(times, 95), measured: times.length } : null,
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

/** The misses (label not in the top 3, then not first), explanations that don't name their failing case, and bugs not located. */
export function missesReport(results: EntryResult[]): string {
  const out: string[] = [];
  const misses = results.filter((r) => r.entry.concept !== null && !r.top1);
  if (misses.length) {
    out.push("Entries whose label is not the top concept:");
    out.push(table([["entry", "label", "in top 3", "top 3 got"], ...misses.map((r) => [r.entry.id, r.entry.concept!, r.top3 ? "yes" : "NO", topThree(r)])]));
  } else out.push("Every entry's label is the top concept.");
  const unnamed = results.filter((r) => r.namesFailingCase === false);
  if (unnamed.length) {
    out.push("", "Explanations that do not name their failing case:");
    out.push(table([["entry", "failing case", "hidden"], ...unnamed.map((r) => [r.entry.id, r.failing?.name ?? "-", r.failing?.hidden ? "yes" : "no"])]));
  }
  const lost = results.filter((r) => r.located === false);
  if (lost.length) {
    out.push("", "Bugs whose line neither the explanation nor the level-2 hint names:");
    out.push(table([["entry", "bug lines", "lines named"], ...lost.map((r) => [r.entry.id, r.entry.bugLines!.join(", "), r.namedLines.join(", ") || "(none)"])]));
  }
  return out.join("\n");
}

export function figuresReport(f: Figures): string {
  const lines = [
    `top-1 accuracy: ${percent(f.top1)} (${f.top1.n}/${f.top1.of} concept-labelled entries)`,
    `top-3 accuracy: ${percent(f.top3)} (${f.top3.n}/${f.top3.of} concept-labelled entries)`,
    `explanations naming the failing case: ${percent(f.namingFailingCase)} (${f.namingFailingCase.n}/${f.namingFailingCase.of})` +
      (f.noCaseRan ? `; ${f.noCaseRan} syntax-error ${f.noCaseRan === 1 ? "entry" : "entries"} left out (no case ran)` : ""),
    `located: ${f.located.n}/${f.located.of} (${percent(f.located)}) of the labelled bugs are named by line in the explanation or the level-2 hint`,
    f.localizationMs
      ? `time added by localization: p50 ${f.localizationMs.p50} ms, p95 ${f.localizationMs.p95} ms (${f.localizationMs.measured} ${f.localizationMs.measured === 1 ? "entry" : "entries"} measured)`
      : "time added by localization: not measured (the tutor's facts carry no localizationMs)",
  ];
  if (f.passed.length) lines.push(`WARNING: these programs passed their exercise (broken corpus entries): ${f.passed.join(", ")}`);
  if (f.leaking.length) lines.push(`WARNING: these explanations reveal a hidden case: ${f.leaking.join(", ")}`);
  return lines.join("\n");
}
