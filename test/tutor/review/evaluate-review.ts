// How well the review does on a corpus (review-corpus.ts), in the real sandbox: recall on habit programs (each
// expected suggestion found, by id, and by id on the labelled line), and false positives on clean programs (a clean
// program that got any essential or actionable suggestion). Celebratory suggestions are praise: never counted
// against a program, and not counted for recall. Used by `npm run bench:tutor`.
import manifest from "../../../runner-image/tutor_analysis/manifests/suggestions.json";
import type { Sandbox } from "../../../server/grading/sandbox/sandbox";
import type { DetectedSuggestion } from "../../../server/tutor/analysis-schema";
import { reviewOf } from "../../../server/tutor/sandbox-analysis";
import type { ReviewProgram } from "./review-corpus";

const CELEBRATORY = new Set(manifest.entries.filter((e) => e.severity === "celebratory").map((e) => e.id));

export interface ReviewResult {
  program: ReviewProgram;
  found: DetectedSuggestion[];
  ms: number;
  /** Expected suggestions not found at all (by id). */
  missed: string[];
  /** Expected suggestions found, but on another line than labelled. */
  elsewhere: string[];
  /** Essential or actionable suggestions that were not expected. */
  unexpected: string[];
}

export async function reviewCorpus(sandbox: Sandbox, programs: ReviewProgram[], onResult?: (r: ReviewResult, done: number) => void): Promise<ReviewResult[]> {
  const results: ReviewResult[] = [];
  for (const program of programs) {
    const started = Date.now();
    const answer = await reviewOf(sandbox, program.file, program.source);
    const found = answer.suggestions;
    const judged = program.expected.filter((e) => !CELEBRATORY.has(e.id));
    const result: ReviewResult = {
      program,
      found,
      ms: Date.now() - started,
      missed: judged.filter((e) => !found.some((f) => f.id === e.id)).map((e) => `${e.id} ${e.line}`),
      elsewhere: judged.filter((e) => found.some((f) => f.id === e.id) && !found.some((f) => f.id === e.id && f.line === e.line)).map((e) => `${e.id} ${e.line}`),
      unexpected: found.filter((f) => !CELEBRATORY.has(f.id) && !program.expected.some((e) => e.id === f.id)).map((f) => `${f.id} ${f.line}`),
    };
    results.push(result);
    onResult?.(result, results.length);
  }
  return results;
}

const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);

export function reviewFigures(results: ReviewResult[]): string {
  const habits = results.filter((r) => r.program.expected.some((e) => !CELEBRATORY.has(e.id)));
  const clean = results.filter((r) => r.program.expected.length === 0);
  const expected = habits.reduce((n, r) => n + r.program.expected.filter((e) => !CELEBRATORY.has(e.id)).length, 0);
  const missed = habits.reduce((n, r) => n + r.missed.length, 0);
  const elsewhere = habits.reduce((n, r) => n + r.elsewhere.length, 0);
  const falsePositives = clean.filter((r) => r.unexpected.length > 0);
  const extra = habits.filter((r) => r.unexpected.length > 0);
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const lines = [
    `recall: ${pct(expected - missed, expected)} of ${expected} expected suggestions found (${pct(expected - missed - elsewhere, expected)} on the labelled line), over ${habits.length} habit programs`,
    `false positives: ${falsePositives.length} of ${clean.length} clean programs got an essential or actionable suggestion`,
    `habit programs with a suggestion beyond their label: ${extra.length} of ${habits.length}`,
    `review time per program (one sandbox container each): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
  ];
  for (const r of results.filter((x) => x.missed.length || x.elsewhere.length || x.unexpected.length)) {
    const parts = [r.missed.length ? `missed ${r.missed.join(", ")}` : "", r.elsewhere.length ? `other line for ${r.elsewhere.join(", ")} (got ${r.found.map((f) => `${f.id} ${f.line}`).join(", ")})` : "", r.unexpected.length ? `unexpected ${r.unexpected.join(", ")}` : ""];
    lines.push(`  ${r.program.file}: ${parts.filter(Boolean).join("; ")}`);
  }
  return lines.join("\n");
}
