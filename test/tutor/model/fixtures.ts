// Shared facts, settings and a fallback engine (the real offline engine, recorded) for the model engine's tests.
import type { CodeAnalysis, ConceptRef, FailureExplanation, FunctionExplanation, FunctionFacts, Hint, TutorEngine, TutorFacts, CodeReview } from "../../../server/tutor/contracts";
import type { ModelConfig } from "../../../server/tutor/model/config";
import { offlineEngine } from "../../../server/tutor/offline/engine";

export const CODE = [
  "def count_vowels(text):",
  "    count = 0",
  "    for i in range(len(text) - 1):",
  '        if text[i] in "aeiou":',
  "            count += 1",
  "    return count",
  "",
].join("\n");

export const REFERENCE_SOLUTION = [
  "def count_vowels(text):",
  '    """Count the vowels."""',
  "    count = 0",
  "    for ch in text.lower():",
  '        if ch in "aeiou":',
  "            count += 1",
  "    return count",
].join("\n");

export const FN: FunctionFacts = {
  name: "count_vowels",
  line: 1,
  endLine: 6,
  params: [{ name: "text", default: null, annotation: null, inferredType: "str" }],
  returnAnnotation: null,
  docstring: null,
  returnsValue: true,
  printCalls: 0,
  loops: 1,
  recursive: false,
  raises: ["ValueError"],
  calls: ["range", "len"],
  steps: [
    { line: 2, text: "Start a counter at 0." },
    { line: 3, text: "Loop over the positions of text, except the last one." },
    { line: 6, text: "Give back the count." },
  ],
  candidateCalls: [{ kind: "typical", call: "count_vowels('hello')" }],
};

export const ANALYSIS: CodeAnalysis = {
  parsed: true,
  syntaxError: null,
  functions: [FN],
  findings: [{ concept: "off-by-one", line: 3, function: "count_vowels", message: "range(len(text) - 1) stops before the last character." }],
  shadowedBuiltins: [],
  imports: [],
  lineCount: 6,
};

export function visibleFacts(overrides: Partial<TutorFacts> = {}): TutorFacts {
  return {
    exercise: { id: "count-vowels", title: "Count the vowels", entry: "count_vowels", concepts: ["loops", "strings"] },
    code: CODE,
    verdict: "failed",
    failure: {
      caseName: "counts the vowels in hello",
      hidden: false,
      status: "failed",
      call: "count_vowels('hello')",
      stdin: null,
      expected: "2",
      actual: "1",
      expectedType: "int",
      actualType: "int",
      stdout: null,
      exception: null,
      hiddenDescription: null,
    },
    passedCount: 1,
    totalCount: 3,
    analysis: ANALYSIS,
    suspectLines: [],
    localizationMs: null,
    repairedLines: [],
    ...overrides,
  };
}

/** Hidden-case data that must never reach a prompt (facts should not even carry it; these do, to prove the point). */
export const HIDDEN = {
  input: "QUIXOTIC-HIDDEN-INPUT",
  call: "count_vowels('QUIXOTIC-HIDDEN-INPUT')",
  expected: "4217",
  actual: "'ACTUAL-HIDDEN-VALUE'",
  stdout: "debug print of ZANZIBAR-HIDDEN-STDOUT",
  exceptionMessage: "invalid literal for int() with base 10: 'QUIXOTIC-HIDDEN-INPUT'",
  description: "a word in capital letters",
};

export function hiddenFacts(): TutorFacts {
  return visibleFacts({
    verdict: "error",
    failure: {
      caseName: "hidden test 3",
      hidden: true,
      status: "error",
      call: HIDDEN.call,
      stdin: null,
      expected: HIDDEN.expected,
      actual: HIDDEN.actual,
      expectedType: "int",
      actualType: "str",
      stdout: HIDDEN.stdout,
      exception: { type: "ValueError", message: HIDDEN.exceptionMessage, line: 4, lineText: '        if text[i] in "aeiou":' },
      hiddenDescription: HIDDEN.description,
    },
  });
}

export const CATALOGUE: ConceptRef[] = [
  { id: "off-by-one", title: "Off-by-one errors" },
  { id: "loops", title: "Loops" },
  { id: "string-case", title: "Upper and lower case" },
];

/**
 * The model engine's fallback in these tests: the real offline engine, every call delegated to it. It records which
 * methods were called, and with `throws` set every call fails after being recorded, to reach the model engine's
 * last-resort answers. Tests compute the answers they expect by asking `offlineEngine` about the same facts.
 */
export class RecordingOfflineEngine implements TutorEngine {
  readonly kind = "offline" as const;
  readonly calls: (keyof Omit<TutorEngine, "kind">)[] = [];
  throws = false;

  explainFailure(...args: Parameters<TutorEngine["explainFailure"]>): Promise<FailureExplanation> {
    return this.call("explainFailure", () => offlineEngine.explainFailure(...args));
  }

  hint(...args: Parameters<TutorEngine["hint"]>): Promise<Hint> {
    return this.call("hint", () => offlineEngine.hint(...args));
  }

  explainFunction(...args: Parameters<TutorEngine["explainFunction"]>): Promise<FunctionExplanation> {
    return this.call("explainFunction", () => offlineEngine.explainFunction(...args));
  }

  docstring(...args: Parameters<TutorEngine["docstring"]>): Promise<string> {
    return this.call("docstring", () => offlineEngine.docstring(...args));
  }

  review(...args: Parameters<TutorEngine["review"]>): Promise<CodeReview> {
    return this.call("review", () => offlineEngine.review(...args));
  }

  private async call<T>(method: RecordingOfflineEngine["calls"][number], run: () => Promise<T>): Promise<T> {
    this.calls.push(method);
    if (this.throws) throw new Error("offline engine broke");
    return run();
  }
}

export function testConfig(baseUrl: string, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return { baseUrl, model: "tutor-test-model", apiKey: null, timeoutMs: 1000, temperature: 0, maxTokens: 800, maxAnswerChars: 4000, maxResponseBytes: 256 * 1024, ...overrides };
}
