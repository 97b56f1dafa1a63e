// Builds the grounded facts the tutor answers from: the first failing case of a graded submission (visible
// details only for a visible case; a hidden case is described by the kind of its input), plus the program
// analysis of the learner's code, which the caller got from the sandbox (sandbox-analysis.ts, `analyseCode`).
// Everything here is pure.
import type { Exercise } from "../exercises/exercise";
import type { Status, TestResult } from "../grading/judge";
import { type CaseObservation, caseObservationSchema } from "../grading/observation";
import { decodeObservedValue, pyTypeName, type PyValue } from "../grading/values";
import { parseLiteralCall, parsePyLiteral } from "./concepts/python-literals";
import type { CodeAnalysis, FailureFacts, TutorFacts } from "./contracts";

/** What localization adds to the facts. */
export type Localization = Pick<TutorFacts, "suspectLines" | "localizationMs" | "repairedLines">;
export const NOT_LOCALIZED: Localization = Object.freeze({ suspectLines: [], localizationMs: null, repairedLines: [] });

/** What is known about a graded submission, as stored. */
export interface GradedSubmission {
  code: string;
  verdict: Status;
  tests: TestResult[];
  observations: Record<string, unknown>;
  passedCount: number;
  totalCount: number;
}

function describeValue(v: PyValue): string {
  switch (v.t) {
    case "str":
      if (v.v === "") return "an empty string";
      if (v.v.trim() === "") return "a string of only spaces";
      if (v.v !== v.v.toLowerCase() && v.v !== v.v.toUpperCase()) return "a string with mixed upper- and lower-case letters";
      if (/\s/.test(v.v)) return "a string with spaces in it";
      if (/[^A-Za-z0-9]/.test(v.v)) return "a string with punctuation in it";
      return v.v.length === 1 ? "a one-character string" : "a string";
    case "int":
    case "float":
      if (v.v === 0 || v.v === 0n) return "zero";
      if (v.v < 0) return "a negative number";
      if (v.t === "float" && !Number.isInteger(v.v)) return "a number with a fractional part";
      return Number(v.v) >= 1000 ? "a large number" : "a positive number";
    case "bool":
      return `the boolean ${v.v ? "True" : "False"}`;
    case "none":
      return "None";
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      if (v.items.length === 0) return `an empty ${v.t}`;
      if (v.items.length === 1) return `a ${v.t} with a single item`;
      return `a ${v.t} with ${v.items.length} items`;
    case "dict":
      return v.items.length === 0 ? "an empty dictionary" : "a dictionary";
    default:
      return "a value";
  }
}

/** The kind of a hidden case's input, never the input itself: "an empty string", "a negative number". */
export function describeHiddenInput(call: string): string {
  const parsed = parseLiteralCall(call);
  if (!parsed) return "an input the examples do not show";
  const all = [...parsed.args, ...Object.values(parsed.keywords)];
  if (all.length === 0) return "a call with no arguments";
  return all.map(describeValue).join(" and ");
}

function observationAt(observations: Record<string, unknown>, index: number): CaseObservation | null {
  const parsed = caseObservationSchema.safeParse(observations[String(index)]);
  return parsed.success ? parsed.data : null;
}

function typeOfRepr(repr: string | undefined): string | null {
  if (repr === undefined) return null;
  const value = parsePyLiteral(repr);
  return value ? pyTypeName(value) : null;
}

/** The first case that did not pass, as facts. Hidden cases keep their call, values and output to themselves. */
export function failureFacts(exercise: Exercise | null, submission: GradedSubmission): FailureFacts | null {
  const index = submission.tests.findIndex((t) => t.status !== "passed");
  if (index < 0) return null;
  const test = submission.tests[index]!;
  const obs = observationAt(submission.observations, index);
  const lines = submission.code.split("\n");
  const exception =
    obs?.outcome === "raised"
      ? {
          type: obs.exception.type,
          message: obs.exception.message,
          line: obs.exception.traceback.at(-1)?.line ?? null,
          lineText: obs.exception.traceback.at(-1)?.text ?? null,
        }
      : test.status === "syntax-error"
        ? { type: "SyntaxError", message: test.message ?? "", line: test.line ?? null, lineText: test.line ? (lines[test.line - 1] ?? null) : null }
        : null;
  let actualType: string | null = null;
  if (obs?.outcome === "returned") {
    try {
      actualType = pyTypeName(decodeObservedValue(obs.value));
    } catch {
      actualType = null;
    }
  }
  const expectedType = test.expected?.startsWith("raises ") ? null : typeOfRepr(test.expected);
  const exerciseCase = exercise?.cases[index];
  if (test.hidden) {
    return {
      caseName: test.name,
      hidden: true,
      status: test.status,
      call: null,
      stdin: null,
      expected: null,
      actual: null,
      expectedType: exerciseCase?.expectation.kind === "value" ? pyTypeName(exerciseCase.expectation.value) : null,
      actualType,
      stdout: null,
      exception: exception ? { ...exception, message: "" } : null,
      hiddenDescription: exerciseCase?.call ? describeHiddenInput(exerciseCase.call) : "an input the examples do not show",
    };
  }
  return {
    caseName: test.name,
    hidden: false,
    status: test.status,
    call: test.call ?? null,
    stdin: test.call === undefined ? (test.stdin ?? null) : null,
    expected: test.expected ?? null,
    actual: test.actual ?? null,
    expectedType,
    actualType,
    stdout: test.stdout ?? null,
    exception,
    hiddenDescription: null,
  };
}

/** The facts of a graded submission; `localization` as localizeBug (./localization/localize.ts) found it, if it ran. */
export function tutorFacts(exercise: Exercise | null, submission: GradedSubmission, analysis: CodeAnalysis, localization: Localization = NOT_LOCALIZED): TutorFacts {
  return {
    exercise: exercise ? { id: exercise.id, title: exercise.title, entry: exercise.entry, concepts: exercise.concepts, avoid: exercise.tutorAvoid } : null,
    code: submission.code,
    verdict: submission.verdict,
    failure: failureFacts(exercise, submission),
    passedCount: submission.passedCount,
    totalCount: submission.totalCount,
    analysis,
    ...localization,
  };
}
