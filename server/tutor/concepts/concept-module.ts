// What one concept of the catalogue is: a lesson, detectors that read a failure's facts for signs of it, and
// hints at three levels. One file per concept (friendly-traceback style), registered in catalogue.ts.
// Everything here is pure: a concept reads TutorFacts and returns text and numbers, nothing else.
import type { TutorFacts } from "../contracts";

/** One piece of evidence that a concept explains the failure. */
export interface Signal {
  /** 0..1: how strongly this piece alone points at the concept. Signals of one concept combine in rank.ts. */
  score: number;
  /** One sentence a beginner understands, naming the line, value or exception it is based on. */
  evidence: string;
  /** The learner's line this evidence is about, when known. */
  line?: number;
}

/**
 * The three hint levels. Each gets the (learner-safe) facts and the concept's strongest signal. They return
 * words only: at most a short inline expression such as `text.upper()`, never a block of code, never the answer.
 */
export interface ConceptHints {
  /** Level 1: a question that makes the learner look, without naming the concept. */
  nudge(facts: TutorFacts, signal: Signal): string;
  /** Level 2: what to look for. The caller adds the concept's title and the line, so these need not. */
  where(facts: TutorFacts, signal: Signal): string;
  /** Level 3: the steps of a plan, in words; the caller numbers them. */
  plan(facts: TutorFacts, signal: Signal): string[];
}

export interface ConceptModule {
  id: string;
  title: string;
  /** Short markdown: the idea, a tiny example, the usual mistake. */
  lesson: string;
  /** Every sign of this concept in the facts: runtime evidence and the analyzer's static findings. */
  signals(facts: TutorFacts): Signal[];
  hints: ConceptHints;
}

export interface ConceptSpec {
  id: string;
  title: string;
  lesson: string;
  /** Runtime (and concept-specific static) evidence; the analyzer's findings for this id are added for you. */
  detect(facts: TutorFacts): Signal[];
  hints: ConceptHints;
}

// A finding is the analyzer pointing at this exact concept in the learner's code, so it counts as strong
// evidence on its own; more findings of the same concept add little (they usually repeat one mistake).
const FIRST_FINDING_SCORE = 0.7;
const FINDING_AT_CRASH_LINE_SCORE = 0.8;
const MORE_FINDINGS_SCORE = 0.2;

/** The analyzer's findings for `id`, as signals. A finding on the line where the code crashed counts a little more. */
export function findingSignals(id: string, facts: TutorFacts): Signal[] {
  const crashLine = facts.failure?.exception?.line ?? null;
  return facts.analysis.findings
    .filter((f) => f.concept === id)
    .map((f, i) => ({
      score: i > 0 ? MORE_FINDINGS_SCORE : f.line === crashLine ? FINDING_AT_CRASH_LINE_SCORE : FIRST_FINDING_SCORE,
      evidence: `Line ${f.line}: ${f.message}`,
      line: f.line,
    }));
}

export function defineConcept(spec: ConceptSpec): ConceptModule {
  return {
    id: spec.id,
    title: spec.title,
    lesson: spec.lesson.trim(),
    hints: spec.hints,
    signals: (facts) => [...spec.detect(facts), ...findingSignals(spec.id, facts)],
  };
}

export function signal(score: number, evidence: string, line?: number | null): Signal {
  return line ? { score, evidence, line } : { score, evidence };
}
