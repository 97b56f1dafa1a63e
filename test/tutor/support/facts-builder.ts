// Hand-built TutorFacts for the tutor's unit tests: sensible defaults for everything, overridden per test.
import type { Status } from "../../../server/grading/judge";
import type { CodeAnalysis, FailureFacts, Finding, FunctionFacts, ParamFacts, SuspectLine, TutorFacts } from "../../../server/tutor/contracts";

export function aParam(name: string, overrides: Partial<ParamFacts> = {}): ParamFacts {
  return { name, default: null, annotation: null, inferredType: "unknown", ...overrides };
}

export function aFunction(overrides: Partial<FunctionFacts> = {}): FunctionFacts {
  return {
    name: "solve",
    line: 1,
    endLine: 3,
    params: [],
    returnAnnotation: null,
    docstring: null,
    returnsValue: true,
    printCalls: 0,
    loops: 0,
    recursive: false,
    raises: [],
    calls: [],
    steps: [],
    candidateCalls: [],
    ...overrides,
  };
}

export function aFinding(concept: string, line: number, message: string, fn: string | null = null): Finding {
  return { concept, line, function: fn, message };
}

export function anAnalysis(overrides: Partial<CodeAnalysis> = {}): CodeAnalysis {
  return { parsed: true, syntaxError: null, functions: [], findings: [], shadowedBuiltins: [], imports: [], lineCount: 0, ...overrides };
}

export function aFailure(overrides: Partial<FailureFacts> = {}): FailureFacts {
  return {
    caseName: "a test",
    hidden: false,
    status: "failed",
    call: null,
    stdin: null,
    expected: null,
    actual: null,
    expectedType: null,
    actualType: null,
    stdout: null,
    exception: null,
    hiddenDescription: null,
    ...overrides,
  };
}

/** A case that returned the wrong value. Values are Python reprs, as the judge shows them. */
export function wrongValue(call: string, expected: string, actual: string, overrides: Partial<FailureFacts> = {}): FailureFacts {
  return aFailure({ caseName: "the first example", status: "failed", call, expected, actual, ...overrides });
}

/** A case that stopped with an exception at `line` of the learner's code. */
export function raised(call: string, type: string, message: string, line: number | null, overrides: Partial<FailureFacts> = {}): FailureFacts {
  return aFailure({
    caseName: "the first example",
    status: "error",
    call,
    expected: null,
    actual: `raised ${type}`,
    exception: { type, message, line, lineText: null },
    ...overrides,
  });
}

/** A case that hit a limit (timeout, memory or output). */
export function stopped(call: string, status: Status, overrides: Partial<FailureFacts> = {}): FailureFacts {
  return aFailure({ caseName: "the first example", status, call, ...overrides });
}

/** The same failure on a hidden case, described only by its kind. */
export function asHidden(f: FailureFacts, hiddenDescription = "a short list"): FailureFacts {
  return { ...f, caseName: "a hidden case", hidden: true, hiddenDescription };
}

export interface FactsInput {
  code: string;
  failure?: FailureFacts | null;
  verdict?: Status;
  exercise?: TutorFacts["exercise"];
  /** Analysis overrides; functions default to the entry function with what the fields below say. */
  analysis?: Partial<CodeAnalysis>;
  fn?: Partial<FunctionFacts>;
  passedCount?: number;
  totalCount?: number;
  /** What localization found (none by default). */
  suspectLines?: SuspectLine[];
  repairedLines?: string[];
}

/** Facts for one graded submission. The entry function's name is taken from the code's first `def`. */
export function factsFor(input: FactsInput): TutorFacts {
  const failure = input.failure ?? null;
  const name = /def\s+(\w+)/.exec(input.code)?.[1] ?? "solve";
  const lineCount = input.code.split("\n").length;
  const verdict = input.verdict ?? failure?.status ?? "passed";
  return {
    exercise: input.exercise === undefined ? { id: `practice/${name}`, title: "Practice", entry: name, concepts: [] } : input.exercise,
    code: input.code,
    verdict,
    failure,
    passedCount: input.passedCount ?? 0,
    totalCount: input.totalCount ?? 4,
    analysis: anAnalysis({
      lineCount,
      functions: input.code.includes("def ") ? [aFunction({ name, endLine: lineCount, ...input.fn })] : [],
      ...input.analysis,
    }),
    suspectLines: input.suspectLines ?? [],
    localizationMs: input.suspectLines ? 0 : null,
    repairedLines: input.repairedLines ?? [],
  };
}

/** Python source from an indented template literal: the common indentation and the first newline are removed. */
export function py(source: string): string {
  const lines = source.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
