// What learners may see of an exercise (docs/api.md): never the reference solution, never a hidden case's call,
// stdin or expected value, never the tests/ files (they are run in the sandbox, not shown). Every response about
// exercises is built here, field by field, so nothing else of an Exercise can slip through.
import type { ProgressView } from "../progress/progress";
import type { SubmissionView } from "../grading/submission-view";
import { resolveLimits } from "../grading/limits";
import { pyRepr } from "../grading/values";
import type { Exercise } from "./exercise";
import { renderMarkdown } from "../markdown";

export interface ExerciseSummary {
  id: string;
  set: string;
  slug: string;
  title: string;
  summary: string;
  difficulty: number;
  concepts: string[];
  progress: ProgressView | null;
}

export interface VisibleCase {
  name: string;
  /** The call a call case evaluates; null for a program case. */
  call: string | null;
  expected: string | null;
  raises: string | null;
  /** A program case's standard input and expected output (absent for a call case). */
  stdin?: string;
  stdout?: string;
}

export interface ExerciseDetail extends Omit<ExerciseSummary, "progress"> {
  file: string;
  entry: string | null;
  /** `refactor`: the starter passes already; the learner makes it cleaner and keeps it passing. */
  kind: "solve" | "refactor";
  instructionsHtml: string;
  starter: string;
  visibleCases: VisibleCase[];
  hiddenCaseCount: number;
  limits: { timeoutMs: number; memoryMb: number };
  progress: ProgressView | null;
  lastSubmission: SubmissionView | null;
}

export function exerciseSummary(e: Exercise, progress: ProgressView | null): ExerciseSummary {
  return { id: e.id, set: e.set, slug: e.slug, title: e.title, summary: e.summary, difficulty: e.difficulty, concepts: e.concepts, progress };
}

/** The page already shows the title; a README that opens with the same heading would show it twice. */
function withoutRepeatedTitle(markdown: string, title: string): string {
  const match = /^\s*#\s+(.+?)\s*#*\s*(\n|$)/.exec(markdown);
  return match && match[1]!.trim().toLowerCase() === title.trim().toLowerCase() ? markdown.slice(match[0].length) : markdown;
}

// Keyed by the loaded exercise itself: an edited README (even one of the same length, which leaves the content
// hash alone) comes with a new Exercise, and previews of drafts are dropped with theirs.
const renderedInstructions = new WeakMap<Exercise, string>();
function instructionsHtml(e: Exercise): string {
  let html = renderedInstructions.get(e);
  if (html === undefined) {
    html = renderMarkdown(withoutRepeatedTitle(e.instructionsMarkdown, e.title));
    renderedInstructions.set(e, html);
  }
  return html;
}

export function exerciseDetail(e: Exercise, progress: ProgressView | null, lastSubmission: SubmissionView | null): ExerciseDetail {
  const limits = resolveLimits(e.limits);
  return {
    ...exerciseSummary(e, progress),
    file: e.file,
    entry: e.entry,
    kind: e.kind,
    instructionsHtml: instructionsHtml(e),
    starter: e.starter,
    visibleCases: e.cases
      .filter((c) => !c.hidden)
      .map((c): VisibleCase => ({
        name: c.name,
        call: c.call,
        expected: c.expectation.kind === "value" ? pyRepr(c.expectation.value) : null,
        raises: c.expectation.kind === "raises" ? c.expectation.exception : null,
        ...(c.expectation.kind === "stdout" ? { stdin: c.stdin ?? "", stdout: c.expectation.stdout } : {}),
      })),
    hiddenCaseCount: e.cases.filter((c) => c.hidden).length,
    limits: { timeoutMs: limits.caseTimeoutMs, memoryMb: limits.memoryMb },
    progress,
    lastSubmission,
  };
}
