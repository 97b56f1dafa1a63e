// The messages sent to the model, grounded in the facts program analysis computed. What never goes in: a reference
// solution (no builder takes one), a hidden case's call, values, output or exception message (only its
// description), and any environment value or secret (scrubbed from the finished messages as a last line of defence).
import type { CodeAnalysis, ConceptRef, DocstringRequest, FailureFacts, FunctionFacts, HintLevel, RankedConcept, ReviewFacts, TutorFacts } from "../contracts";
import type { ChatMessage } from "./client";
import { hiddenNeedles } from "../guardrails";

export interface PromptOptions {
  /** Values to keep out of the prompt besides the environment's (the API key, say). */
  secrets?: (string | null | undefined)[];
  env?: NodeJS.ProcessEnv;
}

export const SYSTEM_PROMPT = [
  "You are a patient programming tutor for people who are just starting to learn Python.",
  "Rules:",
  "- Ground everything in the facts you are given: the learner's code (with line numbers), the test that failed, the exception and the analysis findings. Do not invent inputs, values or error messages.",
  "- `suspectLines` come from running the code: `repair` means a one-token change of that line makes the failing tests pass (`aspect` says which part of the line), `spectrum` that the failing tests run it and the passing ones mostly don't, `exception` that Python stopped there. Name the most likely line and ask about it; never say what to change it to.",
  "- Explain; never write the solution. Do not give corrected code, a fixed version of a line, or a block of code. You may quote a few words of the learner's own code inline.",
  "- Some tests are hidden. For a hidden test you only get a description of its kind: do not guess its input or its expected value.",
  "- Use plain words a beginner understands and say what any technical term means. Be kind, encouraging and brief.",
  "- Answer only with one JSON object that follows the JSON schema you were given, with nothing before or after it.",
].join("\n");

const MAX_CODE_CHARS = 12_000;
const MAX_TEXT_CHARS = 1_000;

function clip(text: string | null, max = MAX_TEXT_CHARS): string | null {
  if (text === null) return null;
  return text.length > max ? `${text.slice(0, max)}… (cut)` : text;
}

/** The code with a line number before each line (`  7| total += n`), cut at a size a prompt can hold. */
export function numberedCode(code: string): string {
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const width = String(lines.length).length;
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    const line = `${String(i + 1).padStart(width)}| ${lines[i]}\n`;
    if (out.length + line.length > MAX_CODE_CHARS) return `${out}… (the rest of the code, from line ${i + 1}, is cut)\n`;
    out += line;
  }
  return out;
}

/** What the model may know of the failing case: everything for a visible case, only its kind for a hidden one. */
export function groundedFailure(failure: FailureFacts | null): Record<string, unknown> | null {
  if (!failure) return null;
  if (failure.hidden) {
    return {
      hidden: true,
      status: failure.status,
      description: failure.hiddenDescription,
      // The learner sees the exception's type and line for a hidden case; its message could quote the input.
      exception: failure.exception ? { type: failure.exception.type, line: failure.exception.line, lineText: failure.exception.lineText } : null,
    };
  }
  return {
    hidden: false,
    test: failure.caseName,
    status: failure.status,
    call: failure.call,
    expected: failure.expected,
    actual: failure.actual,
    expectedType: failure.expectedType,
    actualType: failure.actualType,
    printed: clip(failure.stdout),
    exception: failure.exception ? { ...failure.exception, message: clip(failure.exception.message) } : null,
  };
}

function functionOutline(fn: FunctionFacts): Record<string, unknown> {
  return {
    name: fn.name,
    lines: `${fn.line}-${fn.endLine}`,
    params: fn.params.map((p) => ({ name: p.name, default: p.default, annotation: p.annotation, looksLike: p.inferredType })),
    returnAnnotation: fn.returnAnnotation,
    returnsValue: fn.returnsValue,
    printCalls: fn.printCalls,
    loops: fn.loops,
    recursive: fn.recursive,
    raises: fn.raises,
    calls: fn.calls,
  };
}

function groundedAnalysis(analysis: CodeAnalysis): Record<string, unknown> {
  return {
    parsed: analysis.parsed,
    syntaxError: analysis.syntaxError,
    functions: analysis.functions.map(functionOutline),
    findings: analysis.findings,
    shadowedBuiltins: analysis.shadowedBuiltins,
    imports: analysis.imports,
  };
}

function candidates(ranked: RankedConcept[]): Record<string, unknown>[] {
  return ranked.map((c) => ({ id: c.id, title: c.title, score: Math.round(c.score * 100) / 100, evidence: c.evidence }));
}

/** The lines running the code points at, most likely first, with their text: never how a repair changed them. */
function groundedSuspects(facts: TutorFacts): Record<string, unknown>[] {
  const lines = facts.code.replace(/\r\n?/g, "\n").split("\n");
  return facts.suspectLines.map((s) => ({
    line: s.line,
    text: clip(lines[s.line - 1]?.trim() ?? null, 200),
    evidence: s.evidence,
    score: Math.round(s.score * 100) / 100,
    ...(s.aspect ? { aspect: s.aspect } : {}),
  }));
}

/** The facts as the model sees them (also what tests inspect). */
export function groundedFacts(facts: TutorFacts): Record<string, unknown> {
  return {
    exercise: facts.exercise ? { title: facts.exercise.title, function: facts.exercise.entry, concepts: facts.exercise.concepts } : null,
    code: numberedCode(facts.code),
    verdict: facts.verdict,
    testsPassed: `${facts.passedCount} of ${facts.totalCount}`,
    failingTest: groundedFailure(facts.failure),
    analysis: groundedAnalysis(facts.analysis),
    suspectLines: groundedSuspects(facts),
  };
}

// ---- secrets --------------------------------------------------------------------------------------------------

const MIN_ENV_VALUE_CHARS = 8;

/**
 * Replaces every environment value (of 8 characters or more) and every given secret with [redacted], and each
 * hidden-test piece with [hidden]. Prompts are built only from facts, so this should never find anything; it is
 * here so that a mistake upstream (a secret printed into a visible case's output, say) cannot reach the model.
 */
export function scrub(text: string, secrets: string[], hidden: string[] = []): string {
  let out = text;
  const replaceAll = (needle: string, by: string) => {
    if (!needle) return;
    out = out.split(needle).join(by);
    const escaped = JSON.stringify(needle).slice(1, -1); // as it appears inside a JSON string
    if (escaped !== needle) out = out.split(escaped).join(by);
  };
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) replaceAll(s, "[redacted]");
  for (const h of hidden) replaceAll(h, "[hidden]");
  return out;
}

function secretsFrom(options: PromptOptions): string[] {
  const env = options.env ?? process.env;
  const values = Object.values(env).filter((v): v is string => typeof v === "string" && v.trim().length >= MIN_ENV_VALUE_CHARS);
  const extra = (options.secrets ?? []).filter((v): v is string => typeof v === "string" && v.length >= 4);
  return [...new Set([...values, ...extra])];
}

function finish(task: string, data: Record<string, unknown>, options: PromptOptions, hidden: string[] = []): ChatMessage[] {
  const secrets = secretsFrom(options);
  const user = `${task}\n\nFacts (JSON):\n${JSON.stringify(data)}`;
  return [
    { role: "system", content: scrub(SYSTEM_PROMPT, secrets) },
    { role: "user", content: scrub(user, secrets, hidden) },
  ];
}

// ---- the prompts ---------------------------------------------------------------------------------------

/** exercise.yaml's `tutor.avoid`, as an instruction; answers are checked against it too (model/engine.ts). */
function avoidInstruction(facts: TutorFacts): string {
  const avoid = facts.exercise?.avoid ?? [];
  return avoid.length > 0 ? `This exercise asks the learner to do without these, so never suggest or mention them: ${avoid.map((t) => `\`${t}\``).join(", ")}.` : "";
}

export function failureMessages(facts: TutorFacts, ranked: RankedConcept[], allowed: ConceptRef[], options: PromptOptions = {}): ChatMessage[] {
  const task = [
    "Task: explain to the learner why their submission did not pass.",
    "In `explanation`, write 2 to 5 short sentences of markdown: what went wrong, on which line, and why. Point at the idea they are missing, not at the exact fix.",
    "In `concepts`, give the ids of the concepts this mistake is about, most relevant first, using only ids from `allowedConceptIds`. `candidateConcepts` is what a rule-based checker found, with its evidence: start from it, but judge for yourself.",
    avoidInstruction(facts),
  ]
    .filter(Boolean)
    .join("\n");
  const data = { ...groundedFacts(facts), candidateConcepts: candidates(ranked), allowedConceptIds: allowed.map((c) => c.id) };
  return finish(task, data, options, hiddenNeedles(facts));
}

const HINT_LEVELS: Record<HintLevel, string> = {
  1: "Level 1, a nudge: one or two sentences that make the learner look in the right place, without naming the fix.",
  2: "Level 2: name the concept involved and the line or lines to look at, and ask a question that leads there.",
  3: "Level 3: a short numbered plan, in words, of the steps the learner should take (at most 5 steps). No code, and not the finished answer.",
};

export function hintMessages(facts: TutorFacts, level: HintLevel, ranked: RankedConcept[], concept: string | null, options: PromptOptions = {}): ChatMessage[] {
  const task = [
    `Task: give the learner a hint. ${HINT_LEVELS[level]}`,
    "Never include code blocks or a corrected line. The learner should still do the thinking.",
    concept ? `The hint should be about the concept \`${concept}\`.` : "",
    avoidInstruction(facts),
  ]
    .filter(Boolean)
    .join("\n");
  const data = { ...groundedFacts(facts), candidateConcepts: candidates(ranked) };
  return finish(task, data, options, hiddenNeedles(facts));
}

export function functionMessages(analysis: CodeAnalysis, fn: FunctionFacts, code: string, example: { call: string; result: string } | null, options: PromptOptions = {}): ChatMessage[] {
  const task = [
    `Task: explain the function \`${fn.name}\` (lines ${fn.line} to ${fn.endLine}) to a beginner.`,
    "`summary`: one or two sentences on what it is for. `steps`: one entry per line worth explaining, with its line number (between " +
      `${fn.line} and ${fn.endLine}), in order. \`inputs\`: one entry per parameter, by its exact name. \`output\`: what it gives back, or that it returns None.`,
    "`analysisSteps` is what a rule-based reader says each line does: use it to stay accurate.",
  ].join("\n");
  const data = {
    code: numberedCode(code),
    function: { ...functionOutline(fn), docstring: clip(fn.docstring) },
    analysisSteps: fn.steps,
    findings: analysis.findings.filter((f) => f.function === fn.name || (f.line >= fn.line && f.line <= fn.endLine)),
    exampleRun: example,
  };
  return finish(task, data, options);
}

export function docstringMessages(request: DocstringRequest, options: PromptOptions = {}): ChatMessage[] {
  const { fn } = request;
  const task = [
    `Task: write the parts of a docstring for the function \`${fn.name}\` (lines ${fn.line} to ${fn.endLine}).`,
    "`summary`: one line in the imperative (\"Return the number of vowels in text.\"). `args`: one entry per parameter, by its exact name. `returns`: what it returns, or null when it returns nothing. `raises`: only exceptions the code raises itself, with when.",
    "The examples are added from real runs; do not write any.",
  ].join("\n");
  const data = {
    code: numberedCode(request.code),
    function: functionOutline(fn),
    analysisSteps: fn.steps,
    exampleRuns: request.examples,
  };
  return finish(task, data, options);
}

export function reviewMessages(facts: ReviewFacts, options: PromptOptions = {}): ChatMessage[] {
  const task = [
    "Task: review code that already passes every test, as a teacher would after the tests pass.",
    "`suggestions` are what program analysis found in the code. Give back every one of them, by its `id` and `line`, with its `message` reworded for this learner if that helps; you may not drop or change one's meaning.",
    'You may add at most 3 suggestions of your own with `"id": "model"`, only for something real in this code (clearer names, a simpler expression). Never call the code wrong, never write a block of code, and never give the whole rewritten function.',
  ].join("\n");
  const data = {
    exercise: facts.exercise ? { title: facts.exercise.title } : null,
    code: numberedCode(facts.code),
    suggestions: facts.suggestions.map(({ id, title, line, severity, message }) => ({ id, title, line, severity, message })),
  };
  return finish(task, data, options);
}
