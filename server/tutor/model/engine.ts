// The model engine: asks an OpenAI-compatible model for each answer, grounded in the same facts as the offline
// engine, and checks what comes back. Whatever goes wrong (slow, down, rate-limited, unreadable, off-schema,
// endless, or an answer that gives too much away) it answers with the fallback engine's answer and a note saying
// what happened. It never throws.
import type { CodeAnalysis, CodeReview, ConceptRef, DocstringRequest, FailureExplanation, FunctionExplanation, FunctionFacts, Hint, HintLevel, RankedConcept, ReviewFacts, ReviewSuggestion, TutorEngine, TutorFacts } from "../contracts";
import { type ChatMessage, chatCompletion, ModelError, type ModelFailureKind, ModelHttpError, ModelRateLimitedError, redact, type ResponseSchema } from "./client";
import type { ModelConfig } from "./config";
import { avoidedTermsIn, explanationLeaksHidden, hintLeaksSolution, longestCodeBlock, sharedSolutionLines, shownRepairs } from "../guardrails";
import { bySeverityThenLine } from "../review/review";
import { partialStringField } from "./partial-json";
import { docstringMessages, failureMessages, functionMessages, hintMessages, type PromptOptions, reviewMessages } from "./prompts";
import {
  type DocstringAnswer,
  docstringAnswer,
  docstringResponseSchema,
  explanationAnswer,
  explanationResponseSchema,
  functionAnswer,
  functionResponseSchema,
  hintAnswer,
  hintResponseSchema,
  knownConcepts,
  parseAnswer,
  reviewAnswer,
  reviewResponseSchema,
} from "./schemas";
import type { z } from "zod";

export interface ModelEngineOptions {
  /** The concepts the model may name (the offline catalogue's list); other ids in its answers are dropped. */
  concepts?: ConceptRef[];
  /** One line per fallback, saying why (never containing the API key). */
  log?: (line: string) => void;
  /** Whose values are kept out of prompts; process.env unless given. */
  env?: NodeJS.ProcessEnv;
}

/** Why the model's answer was not used. */
export type FallbackReason =
  | { kind: Exclude<ModelFailureKind, "http" | "rate-limited"> }
  | { kind: "rate-limited"; retryAfterSeconds: number | null }
  | { kind: "http"; status: number | null }
  | { kind: "invalid" | "off-topic" | "hidden-leak" | "fix-leak" | "avoided" };

export const HINT_LEAK_NOTE = "The model's hint gave too much away, so here is the built-in hint.";

/** The note shown with a fallback answer: what happened, in plain words. `what` is e.g. "explanation". */
export function fallbackNote(reason: FallbackReason, what: string): string {
  const tail = `so this is the built-in ${what}.`;
  switch (reason.kind) {
    case "timeout":
      return `The AI tutor did not answer in time, ${tail}`;
    case "rate-limited":
      return `The AI tutor is busy right now (too many requests), ${tail}${reason.retryAfterSeconds ? ` It should be available again in about ${reason.retryAfterSeconds} seconds.` : ""}`;
    case "http":
      return `The AI tutor's server reported a problem${reason.status !== null ? ` (HTTP ${reason.status})` : ""}, ${tail}`;
    case "network":
      return `The AI tutor could not be reached, ${tail}`;
    case "too-long":
      return `The AI tutor's answer went on far too long, ${tail}`;
    case "aborted":
      return `The request to the AI tutor was cancelled, ${tail}`;
    case "malformed":
    case "invalid":
      return `The AI tutor's answer could not be understood, ${tail}`;
    case "off-topic":
      return `The AI tutor's answer did not fit your code, ${tail}`;
    case "hidden-leak":
      return `The AI tutor's answer mentioned details of a hidden test, ${tail}`;
    case "avoided":
      return `The AI tutor's answer suggested something this exercise asks you to do without, ${tail}`;
    case "fix-leak":
      return `The AI tutor's answer gave away the fix, ${tail}`;
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: FallbackReason; detail: string };

const MAX_BLOCK_SECONDS = 600;
const DEFAULT_BLOCK_SECONDS = 5;

export class ModelEngine implements TutorEngine {
  readonly kind = "model" as const;
  /** After a 429, the model is not asked again until then (honouring Retry-After). */
  private rateLimitedUntil = 0;
  private rateLimitedRetry: number | null = null;

  constructor(
    private readonly config: ModelConfig,
    private readonly fallback: TutorEngine,
    private readonly options: ModelEngineOptions = {},
  ) {}

  // ---- explain a failure --------------------------------------------------------------------------------------

  async explainFailure(facts: TutorFacts, onText?: (textSoFar: string) => void): Promise<FailureExplanation> {
    let lastSent: string | null = null;
    const send = (text: string) => {
      if (!onText || text === lastSent) return;
      lastSent = text;
      try {
        onText(text);
      } catch {
        // the listener's problem, not the answer's
      }
    };
    try {
      const offline = await this.safely(() => this.fallback.explainFailure(facts), () => lastResortExplanation(facts));
      const allowed = this.allowedConcepts(offline.concepts, facts.exercise?.avoid ?? []);
      const outcome = await this.ask(
        "explanation",
        () => failureMessages(facts, offline.concepts, allowed, this.promptOptions()),
        explanationResponseSchema(allowed.map((c) => c.id)),
        explanationAnswer,
        (soFar) => {
          const partial = partialStringField(soFar, "explanation");
          if (partial !== null && partial !== "") send(partial);
        },
      );
      const answer = outcome.ok ? this.groundExplanation(outcome.value, facts, offline.concepts, allowed) : outcome;
      if (!answer.ok) {
        this.logFallback("explanation", answer);
        send(offline.explanation);
        return { ...offline, note: fallbackNote(answer.reason, "explanation") };
      }
      send(answer.value.explanation);
      return answer.value;
    } catch (error) {
      this.logFallback("explanation", { reason: { kind: "invalid" }, detail: `unexpected: ${String(error)}` });
      const last = lastResortExplanation(facts);
      send(last.explanation);
      return last;
    }
  }

  private groundExplanation(answer: z.infer<typeof explanationAnswer>, facts: TutorFacts, ranked: RankedConcept[], allowed: ConceptRef[]): Outcome<FailureExplanation> {
    const explanation = answer.explanation.trim();
    if (!explanation) return { ok: false, reason: { kind: "invalid" }, detail: "the explanation was empty" };
    if (explanationLeaksHidden(explanation, facts)) return { ok: false, reason: { kind: "hidden-leak" }, detail: "the explanation repeated hidden-test data" };
    if (shownRepairs(explanation, facts.repairedLines, facts.code).length > 0) return { ok: false, reason: { kind: "fix-leak" }, detail: "the explanation showed a repaired line" };
    const avoided = avoidedTermsIn(explanation, facts.exercise?.avoid ?? []);
    if (avoided.length > 0) return { ok: false, reason: { kind: "avoided" }, detail: `the explanation used ${avoided.join(", ")}, which the exercise avoids` };
    const ids = knownConcepts(answer.concepts, allowed.map((c) => c.id));
    const concepts: RankedConcept[] = ids.map((id) => {
      const offline = ranked.find((c) => c.id === id);
      if (offline) return offline;
      const ref = allowed.find((c) => c.id === id)!;
      return { id, title: ref.title, score: 0, evidence: [] };
    });
    return { ok: true, value: { explanation, concepts: concepts.length > 0 ? concepts : ranked, engine: "model", note: null } };
  }

  // ---- hints ----------------------------------------------------------------------------------------------------

  async hint(facts: TutorFacts, level: HintLevel, referenceSolution: string | null): Promise<Hint> {
    try {
      const [offline, ranked] = await Promise.all([
        this.safely(() => this.fallback.hint(facts, level, referenceSolution), () => lastResortHint(level)),
        this.safely(
          () => this.fallback.explainFailure(facts).then((e) => e.concepts),
          () => [] as RankedConcept[],
        ),
      ]);
      const concept = offline.concept ?? ranked[0]?.id ?? null;
      const outcome = await this.ask("hint", () => hintMessages(facts, level, ranked, concept, this.promptOptions()), hintResponseSchema, hintAnswer);
      if (!outcome.ok) {
        this.logFallback("hint", outcome);
        return { ...offline, note: fallbackNote(outcome.reason, "hint") };
      }
      const text = outcome.value.text.trim();
      if (!text) {
        this.logFallback("hint", { reason: { kind: "invalid" }, detail: "the hint was empty" });
        return { ...offline, note: fallbackNote({ kind: "invalid" }, "hint") };
      }
      if (hintLeaksSolution(text, referenceSolution, facts.code, facts.repairedLines)) {
        this.log("tutor model: hint fell back: the hint gave the solution away");
        return { ...offline, note: HINT_LEAK_NOTE };
      }
      if (explanationLeaksHidden(text, facts)) {
        this.log("tutor model: hint fell back: the hint repeated hidden-test data");
        return { ...offline, note: fallbackNote({ kind: "hidden-leak" }, "hint") };
      }
      const avoided = avoidedTermsIn(text, facts.exercise?.avoid ?? []);
      if (avoided.length > 0) {
        this.log(`tutor model: hint fell back: the hint used ${avoided.join(", ")}, which the exercise avoids`);
        return { ...offline, note: fallbackNote({ kind: "avoided" }, "hint") };
      }
      return { level, text, concept, engine: "model", note: null };
    } catch (error) {
      this.log(`tutor model: hint failed unexpectedly: ${this.clean(String(error))}`);
      return lastResortHint(level);
    }
  }

  // ---- explain a function ---------------------------------------------------------------------------------------

  async explainFunction(analysis: CodeAnalysis, fn: FunctionFacts, code: string, example: { call: string; result: string } | null): Promise<FunctionExplanation> {
    try {
      const offline = await this.safely(() => this.fallback.explainFunction(analysis, fn, code, example), () => lastResortFunction(fn, example));
      const outcome = await this.ask("function explanation", () => functionMessages(analysis, fn, code, example, this.promptOptions()), functionResponseSchema, functionAnswer);
      const answer = outcome.ok ? groundFunction(outcome.value, fn, offline, example) : outcome;
      if (!answer.ok) {
        this.logFallback("function explanation", answer);
        return { ...offline, note: fallbackNote(answer.reason, "explanation of this function") };
      }
      return answer.value;
    } catch (error) {
      this.log(`tutor model: function explanation failed unexpectedly: ${this.clean(String(error))}`);
      return lastResortFunction(fn, example);
    }
  }

  // ---- docstrings ---------------------------------------------------------------------------------------------

  async docstring(request: DocstringRequest): Promise<string> {
    try {
      const outcome = await this.ask("docstring", () => docstringMessages(request, this.promptOptions()), docstringResponseSchema, docstringAnswer);
      const answer = outcome.ok ? assembleDocstring(outcome.value, request) : outcome;
      if (answer.ok) return answer.value;
      // The contract's docstring is a bare string, so there is no note to carry the reason: it is logged.
      this.logFallback("docstring", answer);
    } catch (error) {
      this.log(`tutor model: docstring failed unexpectedly: ${this.clean(String(error))}`);
    }
    return this.safely(() => this.fallback.docstring(request), () => lastResortDocstring(request));
  }

  // ---- review of working code ----------------------------------------------------------------------------------

  async review(facts: ReviewFacts, referenceSolution: string | null): Promise<CodeReview> {
    const offline = () => this.safely(() => this.fallback.review(facts, referenceSolution), (): CodeReview => ({ suggestions: facts.suggestions, engine: "offline", note: null }));
    try {
      const outcome = await this.ask("review", () => reviewMessages(facts, this.promptOptions()), reviewResponseSchema, reviewAnswer);
      const answer = outcome.ok ? groundReview(outcome.value, facts, referenceSolution) : outcome;
      if (!answer.ok) {
        this.logFallback("review", answer);
        return { ...(await offline()), note: fallbackNote(answer.reason, "review") };
      }
      return answer.value;
    } catch (error) {
      this.log(`tutor model: review failed unexpectedly: ${this.clean(String(error))}`);
      return offline();
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------------------------

  private async ask<T>(what: string, build: () => ChatMessage[], schema: ResponseSchema, validator: z.ZodType<T>, onDelta?: (textSoFar: string) => void): Promise<Outcome<T>> {
    if (Date.now() < this.rateLimitedUntil) {
      return { ok: false, reason: { kind: "rate-limited", retryAfterSeconds: this.rateLimitedRetry }, detail: `not asking the model for a ${what}: still rate-limited` };
    }
    let text: string;
    try {
      text = (await chatCompletion(this.config, build(), schema, { onDelta })).text;
    } catch (error) {
      if (!(error instanceof ModelError)) return { ok: false, reason: { kind: "invalid" }, detail: this.clean(String(error)) };
      if (error instanceof ModelRateLimitedError) {
        const seconds = Math.min(error.retryAfterSeconds ?? DEFAULT_BLOCK_SECONDS, MAX_BLOCK_SECONDS);
        this.rateLimitedUntil = Date.now() + seconds * 1000;
        this.rateLimitedRetry = error.retryAfterSeconds;
        return { ok: false, reason: { kind: "rate-limited", retryAfterSeconds: error.retryAfterSeconds }, detail: this.clean(error.message) };
      }
      if (error instanceof ModelHttpError) return { ok: false, reason: { kind: "http", status: error.status }, detail: this.clean(error.message) };
      return { ok: false, reason: { kind: error.kind } as FallbackReason, detail: this.clean(error.message) };
    }
    const parsed = parseAnswer(validator, text);
    if (!parsed.ok) return { ok: false, reason: { kind: "invalid" }, detail: parsed.problem };
    return { ok: true, value: parsed.value };
  }

  /** The concepts the model may name: the catalogue's and the offline ranking's, less those the exercise avoids. */
  private allowedConcepts(ranked: RankedConcept[], avoid: readonly string[]): ConceptRef[] {
    const out: ConceptRef[] = [];
    for (const c of [...(this.options.concepts ?? []), ...ranked]) if (!avoid.includes(c.id) && !out.some((o) => o.id === c.id)) out.push({ id: c.id, title: c.title });
    return out;
  }

  private promptOptions(): PromptOptions {
    return { secrets: [this.config.apiKey], env: this.options.env };
  }

  private async safely<T>(run: () => Promise<T>, lastResort: () => T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.log(`tutor model: the built-in engine failed too: ${this.clean(String(error))}`);
      return lastResort();
    }
  }

  private clean(text: string): string {
    return redact(text, this.config.apiKey);
  }

  private log(line: string): void {
    try {
      this.options.log?.(this.clean(line));
    } catch {
      // logging must not break an answer
    }
  }

  private logFallback(what: string, failure: { reason: FallbackReason; detail: string }): void {
    this.log(`tutor model: ${what} fell back to the built-in engine (${failure.reason.kind}): ${failure.detail}`);
  }
}

// ---- grounding the structured answers ---------------------------------------------------------------------------

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function groundFunction(answer: z.infer<typeof functionAnswer>, fn: FunctionFacts, offline: FunctionExplanation, example: { call: string; result: string } | null): Outcome<FunctionExplanation> {
  const summary = answer.summary.trim();
  const output = answer.output.trim();
  if (!summary || !output) return { ok: false, reason: { kind: "invalid" }, detail: "the summary or output was empty" };
  const steps = answer.steps
    .filter((s) => s.line >= fn.line && s.line <= fn.endLine && s.text.trim() !== "")
    .map((s) => ({ line: s.line, text: s.text.trim() }))
    .sort((a, b) => a.line - b.line);
  if (steps.length === 0 && answer.steps.length > 0) return { ok: false, reason: { kind: "off-topic" }, detail: "no step was on a line of the function" };
  const inputs = fn.params.map((p) => {
    const mine = answer.inputs.find((i) => i.name.trim() === p.name && i.description.trim() !== "");
    const theirs = offline.inputs.find((i) => i.name === p.name);
    return { name: p.name, description: mine?.description.trim() ?? theirs?.description ?? "" };
  });
  return { ok: true, value: { function: fn.name, summary, steps: steps.length > 0 ? steps : offline.steps, inputs, output, example, engine: "model", note: null } };
}

/** Suggestions the model may add on top of the reviewers'. */
const MAX_MODEL_SUGGESTIONS = 3;
const MAX_SUGGESTION_CHARS = 600;
const MAX_TITLE_CHARS = 80;
/** The code passed its tests: a review that calls it wrong would teach the opposite of the truth. */
const CALLS_IT_WRONG = /\b(wrong|incorrect|mistakes?|bugs?|buggy|broken)\b/i;

function usableMessage(text: string): string | null {
  const message = text.trim();
  if (!message || message.length > MAX_SUGGESTION_CHARS || longestCodeBlock(message) > 1 || CALLS_IT_WRONG.test(message)) return null;
  return message;
}

/**
 * The model may reword the reviewers' suggestions and add a few of its own (marked as its own); it can neither drop
 * one nor change its id, line or severity. A message it words badly keeps the reviewer's; an answer that quotes the
 * reference solution is not used at all.
 */
export function groundReview(answer: z.infer<typeof reviewAnswer>, facts: ReviewFacts, referenceSolution: string | null): Outcome<CodeReview> {
  const lineCount = facts.code.split("\n").length;
  const used = new Set<number>();
  const pick = (s: ReviewSuggestion) => {
    let at = answer.suggestions.findIndex((a, i) => !used.has(i) && a.id === s.id && a.line === s.line);
    if (at < 0) at = answer.suggestions.findIndex((a, i) => !used.has(i) && a.id === s.id);
    if (at >= 0) used.add(at);
    return at >= 0 ? answer.suggestions[at]! : null;
  };
  const reworded = facts.suggestions.map((s): ReviewSuggestion => {
    const theirs = pick(s);
    return { ...s, message: (theirs && usableMessage(theirs.message)) ?? s.message };
  });
  const added: ReviewSuggestion[] = [];
  answer.suggestions.forEach((a, i) => {
    if (used.has(i) || added.length >= MAX_MODEL_SUGGESTIONS || facts.suggestions.some((s) => s.id === a.id)) return;
    const message = usableMessage(a.message);
    const title = oneLine(a.title).slice(0, MAX_TITLE_CHARS);
    if (!message || !title || a.line < 1 || a.line > lineCount) return;
    added.push({ id: "model", title, line: a.line, severity: "actionable", message, source: "model" });
  });
  const suggestions = [...reworded, ...added].sort(bySeverityThenLine);
  if (suggestions.some((s) => sharedSolutionLines(s.message, referenceSolution, facts.code).length > 0)) {
    return { ok: false, reason: { kind: "fix-leak" }, detail: "the review quoted the reference solution" };
  }
  return { ok: true, value: { suggestions, engine: "model", note: null } };
}

const SELF = new Set(["self", "cls"]);

/** Google-style docstring text from the model's parts; Examples come only from real runs. */
export function assembleDocstring(answer: DocstringAnswer, request: DocstringRequest): Outcome<string> {
  const { fn } = request;
  const safe = (text: string) => oneLine(text).replace(/"""/g, "'''");
  const summary = safe(answer.summary);
  if (!summary) return { ok: false, reason: { kind: "invalid" }, detail: "the summary was empty" };
  const params = fn.params.filter((p) => !SELF.has(p.name));
  const args: string[] = [];
  for (const p of params) {
    const arg = answer.args.find((a) => a.name.trim() === p.name && a.description.trim() !== "");
    if (!arg) return { ok: false, reason: { kind: "off-topic" }, detail: `the docstring did not describe the parameter ${p.name}` };
    args.push(`    ${p.name}: ${safe(arg.description)}`);
  }
  const ran = request.examples.map((e) => e.result).join("\n");
  const raises = answer.raises.filter((r) => {
    const name = r.exception.trim();
    return /^[A-Za-z_][\w.]*$/.test(name) && (fn.raises.includes(name) || new RegExp(`\\b${name.replace(/\./g, "\\.")}\\b`).test(ran));
  });
  const sections = [summary.endsWith(".") || summary.endsWith("!") || summary.endsWith("?") ? summary : `${summary}.`];
  if (args.length > 0) sections.push(`Args:\n${args.join("\n")}`);
  const returns = fn.returnsValue ? (answer.returns && safe(answer.returns)) || null : "None.";
  if (returns === null) return { ok: false, reason: { kind: "invalid" }, detail: "the docstring did not say what the function returns" };
  sections.push(`Returns:\n    ${returns}`);
  if (raises.length > 0) sections.push(`Raises:\n${raises.map((r) => `    ${r.exception.trim()}: ${safe(r.when)}`).join("\n")}`);
  if (request.examples.length > 0) {
    const examples = request.examples.map((e) => `    >>> ${e.call}\n${e.result.split(/\r?\n/).map((l) => `    ${l}`).join("\n")}`);
    sections.push(`Examples:\n${examples.join("\n")}`);
  }
  return { ok: true, value: sections.join("\n\n") };
}

// ---- when even the built-in engine fails ---------------------------------------------------------------------

function lastResortExplanation(facts: TutorFacts): FailureExplanation {
  const line = facts.failure?.exception?.line;
  const explanation = facts.verdict === "passed"
    ? "All the tests passed."
    : `Your code did not pass every test (${facts.passedCount} of ${facts.totalCount} passed).${line ? ` Start by looking at line ${line}.` : " Start with the first test that failed and compare what it expected with what your code gave."}`;
  return { explanation, concepts: [], engine: "offline", note: "The tutor could not prepare a full explanation this time." };
}

function lastResortHint(level: HintLevel): Hint {
  return { level, text: "Read the first failing test again, then follow your code line by line with that input and see where it goes a different way than you expected.", concept: null, engine: "offline", note: "The tutor could not prepare a full hint this time." };
}

function lastResortFunction(fn: FunctionFacts, example: { call: string; result: string } | null): FunctionExplanation {
  return {
    function: fn.name,
    summary: `\`${fn.name}\` takes ${fn.params.length === 0 ? "no inputs" : fn.params.map((p) => `\`${p.name}\``).join(", ")}${fn.returnsValue ? " and returns a value" : " and returns None"}.`,
    steps: fn.steps,
    inputs: fn.params.map((p) => ({ name: p.name, description: p.inferredType === "unknown" ? "" : `probably a ${p.inferredType}` })),
    output: fn.returnsValue ? "A value (see the return statements)." : "None.",
    example,
    engine: "offline",
    note: "The tutor could not prepare a full explanation this time.",
  };
}

function lastResortDocstring(request: DocstringRequest): string {
  return `${request.fn.name.replace(/_/g, " ")}.`;
}
