// The tutor's contracts: the facts every answer is grounded in, and the shape of every answer. Both engines
// (offline and model) take the same facts and give the same shapes, so callers never know which answered.
// docs/tutor.md describes them for people; this file is the source of truth for code.
import type { Status } from "../grading/judge";

// ---- facts computed by program analysis, inside the sandbox (runner-image/analysis.py, mode "analyze") ----

export type InferredType = "str" | "int" | "float" | "bool" | "list" | "dict" | "tuple" | "set" | "none" | "unknown";

export interface ParamFacts {
  name: string;
  /** Source text of the default value, if any (e.g. "[]", "10"). */
  default: string | null;
  annotation: string | null;
  /** What the body does with it: `.upper()` suggests str, iteration suggests list, arithmetic suggests int. */
  inferredType: InferredType;
}

export interface FunctionFacts {
  name: string;
  line: number;
  endLine: number;
  params: ParamFacts[];
  returnAnnotation: string | null;
  docstring: string | null;
  /** Some `return <value>` exists (a bare `return` or none at all means the function gives back None). */
  returnsValue: boolean;
  printCalls: number;
  loops: number;
  recursive: boolean;
  /** Exception class names raised explicitly (`raise ValueError(...)`). */
  raises: string[];
  /** Names of functions and methods called, e.g. ["len", "range", "str.upper"]. */
  calls: string[];
  /** One plain-language line per statement worth explaining, for "explain this function". */
  steps: { line: number; text: string }[];
  /** Example calls built from the parameters (typical, edge and error inputs), as Python expressions. */
  candidateCalls: { kind: "typical" | "edge" | "error"; call: string }[];
}

/** A static detector's hit: a concept the code shows signs of, where, and why, in one factual sentence. */
export interface Finding {
  concept: string;
  line: number;
  function: string | null;
  message: string;
}

export interface CodeAnalysis {
  parsed: boolean;
  syntaxError: { type: string; message: string; line: number | null; column: number | null } | null;
  functions: FunctionFacts[];
  findings: Finding[];
  /** Builtin names the code assigns to (list, str, sum, input, ...). */
  shadowedBuiltins: string[];
  imports: string[];
  lineCount: number;
}

// ---- facts about a graded submission -----------------------------------------------------------------------

/** The first case that did not pass. For a hidden case only its status and a description of its kind. */
export interface FailureFacts {
  caseName: string;
  hidden: boolean;
  status: Status;
  /** A visible call case's call; null for a program case (run with `stdin`) and for a hidden case. */
  call: string | null;
  /** A visible program case's standard input; null otherwise. */
  stdin: string | null;
  expected: string | null;
  actual: string | null;
  /** Python type names of the expected and actual values, when both are known (e.g. "int", "float"). */
  expectedType: string | null;
  actualType: string | null;
  stdout: string | null;
  exception: { type: string; message: string; line: number | null; lineText: string | null } | null;
  /** For a hidden case: what kind of input it is, without revealing it (e.g. "an empty string"). */
  hiddenDescription: string | null;
}

/** How a line came under suspicion (server/tutor/localization/README.md). */
export type SuspectEvidence = "repair" | "spectrum" | "exception";

/**
 * What part of a line a repair touched, in words a hint may use ("look at the condition"), never the change itself:
 * whether a comparison's boundary value counts (boundary), another comparison or and/or (condition), a range's bounds (range), a number off by one (number), an arithmetic
 * operator or an opposite call like lower and upper (operation), an assignment that should build on the old value
 * (update), a new value computed and then lost (discarded), two values in the wrong order
 * (order), a print where a return was needed (output), one variable for another (variable), the statement's
 * indentation (placement).
 */
export type SuspectAspect = "boundary" | "condition" | "range" | "number" | "operation" | "update" | "discarded" | "order" | "output" | "variable" | "placement";

/** A line of the learner's code that likely holds the bug, found by running the code (localization). */
export interface SuspectLine {
  line: number;
  /** 0 to 1: how strongly the evidence points at this line. */
  score: number;
  /**
   * `repair`: a one-token edit of this line makes every failing case pass and breaks none that passed.
   * `spectrum`: failing cases run this line, passing ones mostly don't (Ochiai). `exception`: Python stopped here.
   */
  evidence: SuspectEvidence;
  /** For a repair: what part of the line it touched. */
  aspect?: SuspectAspect;
}

export interface TutorFacts {
  /** `avoid`: exercise.yaml's `tutor.avoid`, terms and concept ids no answer may suggest (server/tutor/avoid.ts). */
  exercise: { id: string; title: string; entry: string | null; concepts: string[]; avoid?: string[] } | null;
  code: string;
  verdict: Status;
  failure: FailureFacts | null;
  passedCount: number;
  totalCount: number;
  analysis: CodeAnalysis;
  /** Most likely first; empty when localization did not run or found nothing. */
  suspectLines: SuspectLine[];
  /** Wall time localization added, in ms; null when it did not run. */
  localizationMs: number | null;
  /**
   * The suspect lines as the repairs found rewrote them. Never shown and never prompted: only the guardrails read
   * them, so that no answer hands a learner the fix.
   */
  repairedLines: string[];
}

// ---- review of working code ----------------------------------------------------------------------------------

/**
 * `essential`: a real problem, it works on the tests but breaks on other input. `actionable`: more idiomatic or
 * clearer. `celebratory`: something done well, worth saying.
 */
export type ReviewSeverity = "essential" | "actionable" | "celebratory";

/** One thing a teacher would say about code that passes its tests (server/tutor/review/). */
export interface ReviewSuggestion {
  id: string;
  title: string;
  line: number;
  severity: ReviewSeverity;
  /** Markdown for a beginner, naming the code in backticks. The code passed, so it never says it is wrong. */
  message: string;
  /** `detector`: a reviewer found it in the code. `model`: the model added it, with no detector behind it. */
  source: "detector" | "model";
}

export interface ReviewFacts {
  exercise: { id: string; title: string } | null;
  code: string;
  /** What the reviewers found, after the exercise's wishes, in the order a learner sees them. */
  suggestions: ReviewSuggestion[];
}

export interface CodeReview {
  suggestions: ReviewSuggestion[];
  engine: "offline" | "model";
  note: string | null;
}

// ---- answers ------------------------------------------------------------------------------------------------

export interface ConceptRef {
  id: string;
  title: string;
}

export interface RankedConcept extends ConceptRef {
  score: number;
  /** Why this concept: short sentences naming lines, values or the exception. */
  evidence: string[];
}

export interface Concept extends ConceptRef {
  /** A short markdown lesson: the idea, a tiny example, the usual mistake. */
  lesson: string;
}

export interface FailureExplanation {
  /** A few sentences of markdown a beginner understands: what went wrong, where, and why. */
  explanation: string;
  concepts: RankedConcept[];
  engine: "offline" | "model";
  /** Set when the model was configured but its answer could not be used. */
  note: string | null;
}

export type HintLevel = 1 | 2 | 3;

export interface Hint {
  level: HintLevel;
  /** Level 1: a nudge. Level 2: the concept and where to look. Level 3: a step-by-step plan. Never the solution. */
  text: string;
  concept: string | null;
  engine: "offline" | "model";
  note: string | null;
}

export interface FunctionExplanation {
  function: string;
  summary: string;
  steps: { line: number; text: string }[];
  inputs: { name: string; description: string }[];
  output: string;
  /** Run in the sandbox: the call and what it returned (or raised). */
  example: { call: string; result: string } | null;
  engine: "offline" | "model";
  note: string | null;
}

export interface DocstringRequest {
  fn: FunctionFacts;
  code: string;
  /** Calls run in the sandbox and what they returned, for the Examples section. */
  examples: { call: string; result: string }[];
}

/**
 * What both engines do. The model engine grounds its prompts in the same facts and falls back to the offline
 * engine's answer (with a `note`) whenever the model is slow, down, rate-limited or says something unusable.
 */
export interface TutorEngine {
  readonly kind: "offline" | "model";
  /** `onText` receives the explanation as it is produced (the model streams; the offline engine sends it whole). */
  explainFailure(facts: TutorFacts, onText?: (textSoFar: string) => void): Promise<FailureExplanation>;
  /** `referenceSolution` is used only to check that a hint does not give it away; it is never shown or prompted. */
  hint(facts: TutorFacts, level: HintLevel, referenceSolution: string | null): Promise<Hint>;
  explainFunction(analysis: CodeAnalysis, fn: FunctionFacts, code: string, example: { call: string; result: string } | null): Promise<FunctionExplanation>;
  /** The docstring's text (no quotes, no indentation): summary, Args, Returns, Raises, Examples. */
  docstring(request: DocstringRequest): Promise<string>;
  /**
   * A review of working code. The model may only reword the reviewers' suggestions or add its own (marked
   * `source: "model"`); `referenceSolution` is used only to check that no answer quotes it.
   */
  review(facts: ReviewFacts, referenceSolution: string | null): Promise<CodeReview>;
}
