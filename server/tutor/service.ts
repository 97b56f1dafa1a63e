// The tutor as the platform offers it: who may ask about what, answers cached by the request's content, a daily
// budget per learner (requests, and model answers within them), and every answer recorded (hints with their
// submission). The work itself is in tasks.ts.
import { createHash } from "node:crypto";
import type { Database, Prisma } from "../database/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { Status, TestResult } from "../grading/judge";
import { storableJson } from "../grading/observation";
import { pyRepr } from "../grading/values";
import { renderMarkdown } from "../markdown";
import { concept } from "./concepts/catalogue";
import type { CodeReview, FailureExplanation, FunctionExplanation, Hint, HintLevel, ReviewSuggestion, SuspectLine, TutorEngine, TutorFacts } from "./contracts";
import { engineLabel } from "./engine";
import type { GradedSubmission } from "./facts";
import { offlineEngine } from "./offline/engine";
import { suggestionModule } from "./review/catalogue";
import { type DocumentedCode, explainFunction, type GeneratedTests, generateTests, reviewCode, submissionFacts, writeDocstrings } from "./tasks";

export interface TutorEvents {
  progress(userId: string, requestId: string, stage: string, message: string): void;
  text(userId: string, requestId: string, text: string): void;
}

export interface TutorLimits {
  /** Tutor requests that do work (not served from the cache) per learner per UTC day. */
  dailyRequests: number;
  /** Of those, how many the model may answer; after that the offline engine answers, with a note. */
  dailyModelAnswers: number;
}

export class TutorRequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 429,
    message: string,
  ) {
    super(message);
  }
}

export interface Rendered {
  markdown: string;
  html: string;
}
const rendered = (markdown: string): Rendered => ({ markdown, html: renderMarkdown(markdown) });

/**
 * Bumped when what an answer holds or how the tutor reaches it changes (2: localization, and the suspect lines in
 * feedback), so that answers cached before are worked out again instead of being served without it.
 */
const ANSWER_SHAPE = 2;

export interface FeedbackView {
  explanation: Rendered;
  concepts: FailureExplanation["concepts"];
  engine: FailureExplanation["engine"];
  note: string | null;
  /**
   * Where localization points (line, score, evidence), for the stepper to mark: the explanation names the top one
   * already. Never what a repair changed.
   */
  suspectLines: Pick<SuspectLine, "line" | "score" | "evidence">[];
}

export interface HintView {
  level: HintLevel;
  text: Rendered;
  concept: string | null;
  engine: Hint["engine"];
  note: string | null;
}

export interface GeneratedTestsView extends Omit<GeneratedTests, "cases"> {
  cases: { name: string; kind: string; call: string; expected: string | null; raises: string | null }[];
}

export interface ReviewSuggestionView extends Omit<ReviewSuggestion, "message"> {
  message: Rendered;
  /** The suggestion's lesson and a before/after example of our own; null for a suggestion the model added. */
  lesson: Rendered | null;
  example: { before: string; after: string } | null;
}

export interface ReviewView {
  /** Essential first, then actionable, then celebratory; by line within each. */
  suggestions: ReviewSuggestionView[];
  engine: CodeReview["engine"];
  note: string | null;
}

function reviewView(review: CodeReview): ReviewView {
  return {
    engine: review.engine,
    note: review.note,
    suggestions: review.suggestions.map((s) => {
      const module = s.source === "detector" ? suggestionModule(s.id) : null;
      return { ...s, message: rendered(s.message), lesson: module ? rendered(module.lesson) : null, example: module ? module.example : null };
    }),
  };
}

/** An answer as the routes return it: what the tutor said, and the id of its record, which the learner rates. */
export type Answered<T> = T & { answerId: string };

type Kind = "explanation" | "hint" | "explain-function" | "docstrings" | "tests" | "review";

interface Deps {
  db: Database;
  catalog: ExerciseCatalog;
  sandbox: () => Promise<Sandbox>;
  engine: TutorEngine;
  events: TutorEvents;
  limits: TutorLimits;
}

function startOfUtcDay(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function hintView(h: Hint): HintView {
  return { level: h.level, text: rendered(h.text), concept: h.concept, engine: h.engine, note: h.note };
}

/** Submissions whose facts are kept in memory: the explanation and the three hints of one share one localization. */
const FACTS_KEPT = 100;

export class TutorService {
  private readonly factsBySubmission = new Map<string, Promise<TutorFacts>>();

  constructor(private readonly deps: Deps) {}

  /** A graded submission's facts (analysis and localization, in the sandbox), computed once per submission here. */
  private facts(submissionId: string, exercise: ReturnType<ExerciseCatalog["get"]> | null, graded: GradedSubmission): Promise<TutorFacts> {
    const key = `${submissionId}:${exercise?.contentHash ?? ""}`;
    const known = this.factsBySubmission.get(key);
    if (known) return known;
    const facts = this.deps.sandbox().then((sandbox) => submissionFacts(sandbox, exercise ?? null, graded));
    facts.catch(() => this.factsBySubmission.delete(key));
    this.factsBySubmission.set(key, facts);
    if (this.factsBySubmission.size > FACTS_KEPT) this.factsBySubmission.delete(this.factsBySubmission.keys().next().value!);
    return facts;
  }

  private cacheKey(kind: Kind, engine: TutorEngine, parts: unknown[]): string {
    return createHash("sha256").update(JSON.stringify([kind, engineLabel(engine), ANSWER_SHAPE, ...parts])).digest("hex");
  }

  /** The engine for this learner now: the configured one, or offline once the day's model answers are spent. */
  private async engineFor(userId: string): Promise<{ engine: TutorEngine; note: string | null }> {
    const { db, engine, limits } = this.deps;
    const since = startOfUtcDay();
    const used = await db.tutorAnswer.count({ where: { userId, fromCache: false, createdAt: { gte: since } } });
    if (used >= limits.dailyRequests) {
      throw new TutorRequestError(429, `You have asked the tutor ${used} times today, which is the daily limit. It resets at midnight UTC; until then, re-read the explanations and hints you already have.`);
    }
    if (engine.kind === "model") {
      const modelUsed = await db.tutorAnswer.count({ where: { userId, fromCache: false, engine: "model", createdAt: { gte: since } } });
      if (modelUsed >= limits.dailyModelAnswers) {
        return { engine: offlineEngine, note: `You have used today's ${limits.dailyModelAnswers} answers from the AI tutor, so this one comes from the built-in tutor.` };
      }
    }
    return { engine, note: null };
  }

  /**
   * Answers from the cache when the same request was answered before, else does the work and records it. A
   * learner given this answer before gets their own record back, so that what they rated stays one answer.
   * `answerId` is the record's id, for the learner to rate (ratings.ts).
   */
  private async answer<T extends object>(
    request: { userId: string; submissionId: string | null; kind: Kind; level?: number; code?: string; parts: unknown[] },
    work: (engine: TutorEngine) => Promise<T>,
  ): Promise<Answered<T>> {
    const { db } = this.deps;
    const { engine: chosen, note: budgetNote } = await this.engineFor(request.userId);
    const cacheKey = this.cacheKey(request.kind, chosen, [request.level ?? null, ...request.parts]);
    const given = await db.tutorAnswer.findFirst({ where: { cacheKey, userId: request.userId }, orderBy: { createdAt: "asc" } });
    if (given) return { ...(given.content as unknown as T), answerId: given.id };
    const cached = await db.tutorAnswer.findFirst({ where: { cacheKey, fromCache: false }, orderBy: { createdAt: "desc" } });
    const record = async (content: T, fromCache: boolean): Promise<Answered<T>> => {
      const said = content as { engine?: string; note?: string | null };
      const row = await db.tutorAnswer.create({
        data: {
          userId: request.userId,
          submissionId: request.submissionId,
          kind: request.kind,
          level: request.level ?? null,
          engine: said.engine ?? chosen.kind,
          note: said.note ?? null,
          cacheKey,
          fromCache,
          code: request.code ?? null,
          content: storableJson(content) as unknown as Prisma.InputJsonValue,
        },
      });
      return { ...content, answerId: row.id };
    };
    if (cached) return record(cached.content as unknown as T, true);
    const fresh = await work(chosen);
    return record(budgetNote && "note" in fresh && !fresh.note ? { ...fresh, note: budgetNote } : fresh, false);
  }

  private async ownGradedSubmission(userId: string, submissionId: string) {
    const s = await this.deps.db.submission.findUnique({ where: { id: submissionId } });
    if (!s || s.userId !== userId) throw new TutorRequestError(404, "The submission was not found.");
    if (s.state !== "graded") throw new TutorRequestError(409, "This submission has not been graded yet: the tutor explains it once its results are in.");
    const exercise = this.deps.catalog.get(s.exerciseId) ?? null;
    const graded: GradedSubmission = {
      code: s.code,
      verdict: (s.verdict ?? "internal-error") as Status,
      tests: (s.results ?? []) as unknown as TestResult[],
      observations: (s.observations ?? {}) as Record<string, unknown>,
      passedCount: s.passedCount ?? 0,
      totalCount: s.totalCount ?? 0,
    };
    return { submission: s, exercise, graded };
  }

  async feedback(userId: string, submissionId: string): Promise<Answered<FeedbackView>> {
    const { submission, exercise, graded } = await this.ownGradedSubmission(userId, submissionId);
    const { events } = this.deps;
    return this.answer(
      { userId, submissionId, kind: "explanation", parts: [exercise?.contentHash ?? submission.exerciseId, graded.code, graded.verdict, graded.tests] },
      async (engine) => {
        events.progress(userId, submissionId, "analysing", "The tutor is reading your code and running it to find the bug…");
        const facts = await this.facts(submissionId, exercise, graded);
        if (engine.kind === "model") events.progress(userId, submissionId, "model", "The AI tutor is writing an explanation…");
        const explanation = await engine.explainFailure(facts, (text) => events.text(userId, submissionId, text));
        const suspectLines = facts.suspectLines.map(({ line, score, evidence }) => ({ line, score, evidence }));
        return { explanation: rendered(explanation.explanation), concepts: explanation.concepts, engine: explanation.engine, note: explanation.note, suspectLines };
      },
    );
  }

  async hints(userId: string, submissionId: string): Promise<{ hints: Answered<HintView>[]; nextLevel: HintLevel | null }> {
    await this.ownGradedSubmission(userId, submissionId);
    const rows = await this.deps.db.tutorAnswer.findMany({ where: { submissionId, userId, kind: "hint" }, orderBy: { createdAt: "asc" } });
    const byLevel = new Map<number, Answered<HintView>>();
    for (const r of rows) if (r.level && !byLevel.has(r.level)) byLevel.set(r.level, { ...(r.content as unknown as HintView), answerId: r.id });
    const hints = [...byLevel.entries()].sort(([a], [b]) => a - b).map(([, h]) => h);
    const taken = byLevel.size;
    return { hints, nextLevel: taken >= 3 ? null : ((taken + 1) as HintLevel) };
  }

  async takeHint(userId: string, submissionId: string, level: HintLevel): Promise<Answered<HintView>> {
    const { submission, exercise, graded } = await this.ownGradedSubmission(userId, submissionId);
    if (graded.verdict === "passed") throw new TutorRequestError(409, "This submission passed every test: there is nothing to hint at.");
    const { hints, nextLevel } = await this.hints(userId, submissionId);
    const already = hints.find((h) => h.level === level);
    if (already) return already;
    if (nextLevel === null || level > nextLevel) {
      throw new TutorRequestError(409, `Hints come in order: ask for hint ${nextLevel ?? 3} first.`);
    }
    return this.answer(
      { userId, submissionId, kind: "hint", level, parts: [exercise?.contentHash ?? submission.exerciseId, graded.code, graded.verdict, graded.tests] },
      async (engine) => {
        this.deps.events.progress(userId, submissionId, "hint", `Preparing hint ${level}…`);
        return hintView(await engine.hint(await this.facts(submissionId, exercise, graded), level, exercise?.solution ?? null));
      },
    );
  }

  /** The review of a passing submission: what a teacher would still say about code that works. */
  async review(userId: string, submissionId: string): Promise<Answered<ReviewView>> {
    const { submission, exercise, graded } = await this.ownGradedSubmission(userId, submissionId);
    if (graded.verdict !== "passed") throw new TutorRequestError(409, "The review is for code that passes every test: once this submission passes, the tutor suggests what could make it even better.");
    return this.answer({ userId, submissionId, kind: "review", parts: [exercise?.contentHash ?? submission.exerciseId, exercise?.review ?? null, graded.code] }, async (engine) => {
      this.deps.events.progress(userId, submissionId, "reviewing", "The tutor is reading your working code…");
      return reviewView(await reviewCode(await this.deps.sandbox(), engine, graded.code, exercise ?? null));
    });
  }

  /** The review of pasted code (the Explain code page's Review tab), with no exercise behind it. */
  async reviewSnippet(userId: string, code: string, requestId: string): Promise<Answered<ReviewView>> {
    return this.answer({ userId, submissionId: null, kind: "review", code, parts: [code] }, async (engine) => {
      this.deps.events.progress(userId, requestId, "reviewing", "Reading the code for what could be clearer or safer…");
      return reviewView(await reviewCode(await this.deps.sandbox(), engine, code, null));
    });
  }

  lesson(id: string): { id: string; title: string; lesson: Rendered } {
    const c = concept(id);
    if (!c) throw new TutorRequestError(404, `There is no concept called ${id}.`);
    return { id: c.id, title: c.title, lesson: rendered(c.lesson) };
  }

  async explain(userId: string, code: string, functionName: string | undefined, requestId: string): Promise<Answered<FunctionExplanation>> {
    return this.answer({ userId, submissionId: null, kind: "explain-function", code, parts: [code, functionName ?? null] }, async (engine) => {
      this.deps.events.progress(userId, requestId, "running", "Reading the function and running an example in the sandbox…");
      return explainFunction(await this.deps.sandbox(), engine, code, functionName);
    });
  }

  async docstrings(userId: string, code: string, requestId: string): Promise<Answered<DocumentedCode>> {
    return this.answer({ userId, submissionId: null, kind: "docstrings", code, parts: [code] }, async (engine) => {
      this.deps.events.progress(userId, requestId, "running", "Running each function on examples and writing docstrings…");
      return writeDocstrings(await this.deps.sandbox(), engine, code);
    });
  }

  async tests(userId: string, code: string, functionName: string | undefined, requestId: string): Promise<Answered<GeneratedTestsView>> {
    return this.answer({ userId, submissionId: null, kind: "tests", code, parts: [code, functionName ?? null] }, async () => {
      this.deps.events.progress(userId, requestId, "running", "Running proposed cases and checking them against mutants…");
      const generated = await generateTests(await this.deps.sandbox(), code, { functionName });
      return {
        ...generated,
        engine: "offline",
        cases: generated.cases.map((c) => ({
          name: c.name,
          kind: c.kind,
          call: c.call,
          expected: c.expectation.kind === "value" ? pyRepr(c.expectation.value) : null,
          raises: c.expectation.kind === "raises" ? c.expectation.exception : null,
        })),
      };
    });
  }
}
