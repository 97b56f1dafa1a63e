// What one concept of the catalogue is: a lesson, the signs of it in a failure's facts, and hints at three levels.
// One file per concept, named after its id in the concept manifest (runner-image/tutor_analysis/manifests/
// concepts.json), which also gives its title and its place in the order; catalogue.ts puts the two together.
// Everything here is pure: a concept reads TutorFacts and returns text and numbers, nothing else.
import type { Finding, TutorFacts } from "../contracts";
import type { ManifestEntry } from "../manifest";

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

/** A concept as the catalogue holds it: its manifest entry and its module, put together. */
export interface ConceptModule {
  id: string;
  title: string;
  /** Short markdown: the idea, a tiny example, the usual mistake. */
  lesson: string;
  /** Every sign of this concept in the facts: runtime evidence and the analyzer's static findings. */
  signals(facts: TutorFacts): Signal[];
  hints: ConceptHints;
}

/** What a concept's file gives: `export default defineConcept({ lesson, detect, hints })`. */
export interface ConceptSpec {
  lesson: string;
  /**
   * The runtime evidence: what the failing case's exception, values and output say. `findings` are the
   * analyzer's findings for this concept, which count as signals on their own (added for you); a concept may let
   * runtime evidence confirm them, but never looks for the same pattern in the source again: the analysis tool's
   * detector (runner-image/tutor_analysis/detectors/) is the one place that reads the code for it.
   */
  detect(facts: TutorFacts, findings: Finding[]): Signal[];
  hints: ConceptHints;
}

/** Types a concept's file. The catalogue gives it its id and title from the manifest. */
export function defineConcept(spec: ConceptSpec): ConceptSpec {
  return spec;
}

export function isConceptSpec(x: unknown): x is ConceptSpec {
  const spec = x as Partial<ConceptSpec> | null;
  return (
    typeof spec === "object" &&
    spec !== null &&
    typeof spec.lesson === "string" &&
    typeof spec.detect === "function" &&
    typeof spec.hints?.nudge === "function" &&
    typeof spec.hints.where === "function" &&
    typeof spec.hints.plan === "function"
  );
}

// A finding is the analyzer pointing at this exact concept in the learner's code, so it counts as strong
// evidence on its own; more findings of the same concept add little (they usually repeat one mistake).
const FIRST_FINDING_SCORE = 0.7;
const FINDING_AT_CRASH_LINE_SCORE = 0.8;
const MORE_FINDINGS_SCORE = 0.2;

/** The analyzer's findings (for one concept) as signals. A finding on the line where the code crashed counts a little more. */
function findingSignals(findings: Finding[], facts: TutorFacts): Signal[] {
  const crashLine = facts.failure?.exception?.line ?? null;
  return findings.map((f, i) => ({
    score: i > 0 ? MORE_FINDINGS_SCORE : f.line === crashLine ? FINDING_AT_CRASH_LINE_SCORE : FIRST_FINDING_SCORE,
    evidence: `Line ${f.line}: ${f.message}`,
    line: f.line,
  }));
}

/** A concept of the catalogue, from its manifest entry and its file. */
export function assembleConcept(entry: ManifestEntry, spec: ConceptSpec): ConceptModule {
  return {
    id: entry.id,
    title: entry.title,
    lesson: spec.lesson.trim(),
    hints: spec.hints,
    signals: (facts) => {
      const findings = facts.analysis.findings.filter((f) => f.concept === entry.id);
      return [...spec.detect(facts, findings), ...findingSignals(findings, facts)];
    },
  };
}

export function signal(score: number, evidence: string, line?: number | null): Signal {
  return line ? { score, evidence, line } : { score, evidence };
}
