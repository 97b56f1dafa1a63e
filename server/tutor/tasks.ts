// The tutor's tasks, each a short sequence of named steps over the sandbox and an engine: a submission's facts
// (which an engine explains, or hints from), explain a function, write docstrings, generate tests. No database
// here: the CLI calls these directly, and the service adds caching, budgets and records on top.
import type { Exercise } from "../exercises/exercise";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { CaseObservation } from "../grading/observation";
import { decodeObservedValue, pyEquals, pyRepr } from "../grading/values";
import type { CodeAnalysis, CodeReview, FailureExplanation, FunctionExplanation, FunctionFacts, TutorEngine, TutorFacts } from "./contracts";
import { type GradedSubmission, tutorFacts } from "./facts";
import { localizeBug, type LocalizationOptions } from "./localization/localize";
import { reviewSuggestions } from "./review/review";
import { analyseCode, AnalysisFailedError, insertDocstrings, mutantsOf, reviewOf, runVariants } from "./sandbox-analysis";
import { casesYaml, type GeneratedCase, pytestFile } from "./test-output";

/** The learner's input cannot be worked with (no function, a syntax error): say what to change. */
export class TutorInputError extends Error {}

const SNIPPET_FILE = "snippet.py";

/** Analysis of code the server must not parse itself; if the sandbox cannot answer, the facts say so. */
async function analysisOrEmpty(sandbox: Sandbox, file: string, code: string): Promise<CodeAnalysis> {
  try {
    return await analyseCode(sandbox, file, code);
  } catch (e) {
    if (!(e instanceof AnalysisFailedError)) throw e;
    return { parsed: false, syntaxError: null, functions: [], findings: [], shadowedBuiltins: [], imports: [], lineCount: code.split("\n").length };
  }
}

/** The facts of a graded submission: the code's analysis and, at the same time, where the bug is (localization). */
export async function submissionFacts(sandbox: Sandbox, exercise: Exercise | null, submission: GradedSubmission, options?: LocalizationOptions): Promise<TutorFacts> {
  const [analysis, located] = await Promise.all([analysisOrEmpty(sandbox, exercise?.file ?? SNIPPET_FILE, submission.code), localizeBug(sandbox, exercise, submission, options)]);
  return tutorFacts(exercise, submission, analysis, located.localization);
}

export async function explainSubmission(sandbox: Sandbox, engine: TutorEngine, exercise: Exercise | null, submission: GradedSubmission, onText?: (text: string) => void): Promise<FailureExplanation> {
  return engine.explainFailure(await submissionFacts(sandbox, exercise, submission), onText);
}

/**
 * The review of working code: the reviewers read it in the sandbox (only the file's name and the code go in), the
 * exercise's wishes decide what is stressed or left out, and the engine words it. The reference solution goes to
 * the engine only so that it can refuse an answer quoting it.
 */
export async function reviewCode(sandbox: Sandbox, engine: TutorEngine, code: string, exercise: Exercise | null): Promise<CodeReview> {
  if (!code.trim()) throw new TutorInputError("There is no code to review: paste some Python.");
  const found = await reviewOf(sandbox, exercise?.file ?? SNIPPET_FILE, code);
  if (found.syntaxError) {
    const e = found.syntaxError;
    throw new TutorInputError(`Python cannot read this code${e.line ? ` (line ${e.line})` : ""}: ${e.message}. The review is for code that runs: fix it first, then ask again.`);
  }
  const suggestions = reviewSuggestions(found.suggestions, exercise?.review ?? null);
  return engine.review({ exercise: exercise ? { id: exercise.id, title: exercise.title } : null, code, suggestions }, exercise?.solution ?? null);
}

async function analysedFunctions(sandbox: Sandbox, code: string): Promise<CodeAnalysis> {
  if (!code.trim()) throw new TutorInputError("There is no code to work with: paste a Python function (a `def ...:` block).");
  const analysis = await analyseCode(sandbox, SNIPPET_FILE, code);
  if (analysis.syntaxError) {
    const e = analysis.syntaxError;
    throw new TutorInputError(`Python cannot read this code${e.line ? ` (line ${e.line})` : ""}: ${e.message}. Fix it first, then ask again.`);
  }
  if (analysis.functions.length === 0) throw new TutorInputError("This code has no function in it: paste a Python function (a `def ...:` block).");
  return analysis;
}

function pickFunction(analysis: CodeAnalysis, name: string | undefined): FunctionFacts {
  if (!name) return analysis.functions[0]!;
  const fn = analysis.functions.find((f) => f.name === name);
  if (!fn) throw new TutorInputError(`There is no function called ${name} here. The code defines: ${analysis.functions.map((f) => f.name).join(", ")}.`);
  return fn;
}

function describeResult(obs: CaseObservation | null | undefined): string | null {
  if (obs?.outcome === "returned") {
    try {
      return pyRepr(decodeObservedValue(obs.value));
    } catch {
      return null;
    }
  }
  if (obs?.outcome === "raised") return `raises ${obs.exception.type}${obs.exception.message ? `: ${obs.exception.message}` : ""}`;
  return null;
}

/** Runs calls against the code in the sandbox and returns each result as a learner would see it. */
async function runExamples(sandbox: Sandbox, code: string, calls: string[]): Promise<(CaseObservation | null)[]> {
  if (calls.length === 0) return [];
  const run = await runVariants(sandbox, SNIPPET_FILE, [{ id: "code", source: code }], calls);
  return run.get("code") ?? calls.map(() => null);
}

export async function explainFunction(sandbox: Sandbox, engine: TutorEngine, code: string, functionName?: string): Promise<FunctionExplanation> {
  const analysis = await analysedFunctions(sandbox, code);
  const fn = pickFunction(analysis, functionName);
  const call = fn.candidateCalls.find((c) => c.kind === "typical")?.call ?? fn.candidateCalls[0]?.call;
  const [observation] = call ? await runExamples(sandbox, code, [call]) : [];
  const result = describeResult(observation);
  return engine.explainFunction(analysis, fn, code, call && result !== null ? { call, result } : null);
}

export interface DocumentedCode {
  code: string;
  functions: string[];
  /** The new code parses to the same program as the old, docstrings aside (checked in the sandbox). */
  sameAst: boolean;
}

const EXAMPLES_PER_FUNCTION = 2;

export async function writeDocstrings(sandbox: Sandbox, engine: TutorEngine, code: string): Promise<DocumentedCode> {
  const analysis = await analysedFunctions(sandbox, code);
  const callsByFunction = analysis.functions.map((fn) => fn.candidateCalls.filter((c) => c.kind !== "error").slice(0, EXAMPLES_PER_FUNCTION).map((c) => c.call));
  const observations = await runExamples(sandbox, code, callsByFunction.flat());
  let next = 0;
  const docstrings: Record<string, string> = {};
  for (const [i, fn] of analysis.functions.entries()) {
    const examples = callsByFunction[i]!.map((call) => ({ call, result: describeResult(observations[next++]) })).filter((e): e is { call: string; result: string } => e.result !== null);
    docstrings[fn.name] = await engine.docstring({ fn, code, examples });
  }
  const inserted = await insertDocstrings(sandbox, code, docstrings);
  if (!inserted.sameAst) throw new Error("inserting docstrings changed the program; nothing was changed");
  return { code: inserted.source, functions: inserted.inserted, sameAst: inserted.sameAst };
}

export interface GeneratedTests {
  function: string;
  cases: GeneratedCase[];
  casesYaml: string;
  pytest: string;
  /** Proposed calls dropped because the function did not finish them (timeout, crash). */
  dropped: string[];
  mutation: { total: number; killed: number; survivors: { description: string; line: number | null }[] };
}

function expectationOf(obs: CaseObservation | null): GeneratedCase["expectation"] | null {
  if (obs?.outcome === "returned") {
    try {
      return { kind: "value", value: decodeObservedValue(obs.value) };
    } catch {
      return null;
    }
  }
  if (obs?.outcome === "raised") return { kind: "raises", exception: obs.exception.type };
  return null;
}

function meets(obs: CaseObservation | null, expectation: GeneratedCase["expectation"]): boolean {
  const got = expectationOf(obs);
  if (!got) return false;
  if (expectation.kind === "raises") return got.kind === "raises" && got.exception === expectation.exception;
  return got.kind === "value" && pyEquals(got.value, expectation.value);
}

/**
 * Proposes typical, edge and error cases for a function, keeps those whose expected values come from actually
 * running it (the reference) in the sandbox, and measures how many automatic mutants of it the kept cases catch.
 */
export async function generateTests(sandbox: Sandbox, code: string, options: { functionName?: string; moduleName?: string } = {}): Promise<GeneratedTests> {
  const analysis = await analysedFunctions(sandbox, code);
  const fn = pickFunction(analysis, options.functionName);
  const proposed = [...new Map(fn.candidateCalls.map((c) => [c.call, c])).values()];
  const observations = await runExamples(sandbox, code, proposed.map((c) => c.call));
  const cases: GeneratedCase[] = [];
  const dropped: string[] = [];
  const counts = { typical: 0, edge: 0, error: 0 };
  proposed.forEach((candidate, i) => {
    const expectation = expectationOf(observations[i] ?? null);
    if (!expectation) {
      dropped.push(candidate.call);
      return;
    }
    counts[candidate.kind] += 1;
    cases.push({ name: `${candidate.kind} ${counts[candidate.kind]}: ${candidate.call}`.slice(0, 120), kind: candidate.kind, call: candidate.call, expectation });
  });

  const mutants = await mutantsOf(sandbox, code, fn.name);
  const survivors: GeneratedTests["mutation"]["survivors"] = [];
  let killed = 0;
  if (mutants.length && cases.length) {
    const results = await runVariants(sandbox, SNIPPET_FILE, mutants.map((m) => ({ id: m.id, source: m.source })), cases.map((c) => c.call));
    for (const m of mutants) {
      const row = results.get(m.id) ?? [];
      if (cases.some((c, i) => !meets(row[i] ?? null, c.expectation))) killed += 1;
      else survivors.push({ description: m.description, line: m.line ?? null });
    }
  } else survivors.push(...mutants.map((m) => ({ description: m.description, line: m.line ?? null })));
  return {
    function: fn.name,
    cases,
    casesYaml: casesYaml(cases),
    pytest: pytestFile(options.moduleName ?? "solution", fn.name, cases),
    dropped,
    mutation: { total: mutants.length, killed, survivors },
  };
}
