// Small readers over TutorFacts that many concepts share: the exception (runtime or syntax), the failing case's
// values read back from their reprs, the entry function's facts, and the learner's own lines.
import type { PyValue } from "../../grading/values";
import type { FunctionFacts, SuspectAspect, SuspectLine, TutorFacts } from "../contracts";
import { type LiteralCall, parseLiteralCall, parsePyLiteral } from "./python-literals";

export interface ThrownError {
  type: string;
  message: string;
  line: number | null;
  lineText: string | null;
}

/** The exception the failing case raised, or the syntax error that stopped every case. */
export function thrown(facts: TutorFacts): ThrownError | null {
  const e = facts.failure?.exception;
  if (e) return { type: e.type, message: e.message, line: e.line, lineText: e.lineText ?? codeLine(facts, e.line) };
  const s = facts.analysis.syntaxError;
  if (s && (facts.verdict === "syntax-error" || facts.failure?.status === "syntax-error")) {
    return { type: s.type, message: s.message, line: s.line, lineText: codeLine(facts, s.line) };
  }
  return null;
}

/** The thrown error if its type is one of `types` (and its message matches `message`, when given). */
export function thrownMatching(facts: TutorFacts, types: string[], message?: RegExp): (ThrownError & { match: RegExpExecArray | null }) | null {
  const e = thrown(facts);
  if (!e || !types.includes(e.type)) return null;
  if (!message) return { ...e, match: null };
  const match = message.exec(e.message);
  return match ? { ...e, match } : null;
}

export interface FailureValues {
  call: string | null;
  parsedCall: LiteralCall | null;
  expectedText: string | null;
  actualText: string | null;
  expected: PyValue | null;
  actual: PyValue | null;
}

/**
 * The failing case's values, read back from their reprs. Only a "failed" case (the function returned the wrong
 * value) has a meaningful actual value; for hidden cases these are all null (see offline/learner-safe-facts.ts).
 */
export function failureValues(facts: TutorFacts): FailureValues {
  const f = facts.failure;
  const wrongValue = f?.status === "failed" && !f.exception;
  return {
    call: f?.call ?? null,
    parsedCall: parseLiteralCall(f?.call ?? null),
    expectedText: f?.expected ?? null,
    actualText: wrongValue ? (f?.actual ?? null) : null,
    expected: parsePyLiteral(f?.expected ?? null),
    actual: wrongValue ? parsePyLiteral(f?.actual ?? null) : null,
  };
}

/** Python's type name for a value the failure reports, preferring the facts' own type names. */
export function actualTypeName(facts: TutorFacts): string | null {
  const f = facts.failure;
  if (!f || f.status !== "failed") return null;
  if (f.actualType) return f.actualType;
  const v = parsePyLiteral(f.actual);
  return v ? typeName(v) : null;
}

export function expectedTypeName(facts: TutorFacts): string | null {
  const f = facts.failure;
  if (!f) return null;
  if (f.expectedType) return f.expectedType;
  const v = parsePyLiteral(f.expected);
  return v ? typeName(v) : null;
}

export function typeName(v: PyValue): string {
  return v.t === "none" ? "NoneType" : v.t === "repr" ? v.type : v.t;
}

/** The function under test (the exercise's entry), or the first function when the entry is unknown. */
export function entryFunction(facts: TutorFacts): FunctionFacts | null {
  const fns = facts.analysis.functions;
  return fns.find((f) => f.name === facts.exercise?.entry) ?? fns[0] ?? null;
}

/** The learner's line `line` (1-based), trimmed, or null. */
export function codeLine(facts: TutorFacts, line: number | null | undefined): string | null {
  if (!line || line < 1) return null;
  const text = facts.code.split("\n")[line - 1];
  return text === undefined ? null : text.trim() || null;
}

/**
 * Line numbers of the learner's code whose text (comments and string contents removed) matches `pattern`.
 * A rough look at the source, only to tie runtime evidence to a line the analyzer has no reason to flag; a
 * pattern that is a mistake in itself belongs to the analyzer's detectors, never here.
 */
/**
 * The strongest suspect line a repair found, when the repair touched one of `aspects` (localization: a one-token
 * change of that line made every failing test pass). Runtime evidence, like a failing value: the concept modules
 * may read it, never the repaired line itself.
 */
export function repairedAspect(facts: TutorFacts, aspects: readonly SuspectAspect[]): (SuspectLine & { text: string | null }) | null {
  const top = facts.suspectLines.find((s) => s.evidence === "repair");
  return top?.aspect && aspects.includes(top.aspect) ? { ...top, text: codeLine(facts, top.line) } : null;
}

/** What kind of statement a repair moved in or out of a block (aspect "placement"), by its first word. */
export function movedStatement(text: string | null): "return" | "reset" | "other" {
  const bare = withoutCommentsAndStrings(text ?? "").trim();
  if (/^return\b/.test(bare)) return "return";
  // A variable set back to an empty or zero start value: a running total's or a result's reset.
  if (/^\w+\s*=\s*(0|0\.0|""|''|\[\]|\{\}|set\(\)|dict\(\)|list\(\))$/.test(bare)) return "reset";
  return "other";
}

export function linesMatching(facts: TutorFacts, pattern: RegExp): number[] {
  const found: number[] = [];
  facts.code.split("\n").forEach((raw, i) => {
    if (pattern.test(withoutCommentsAndStrings(raw))) found.push(i + 1);
  });
  return found;
}

/** One line with string contents emptied (quotes kept) and any comment removed. */
export function withoutCommentsAndStrings(line: string): string {
  return line.replace(/("|')(?:\\.|(?!\1).)*\1/g, (s) => `${s[0]}${s[0]}`).replace(/#.*$/, "");
}
