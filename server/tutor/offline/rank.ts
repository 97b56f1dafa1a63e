// Ranks the catalogue's concepts for one failure. Each concept's signals (runtime evidence and the analyzer's
// findings) combine like independent pieces of evidence: score = 1 - (1 - s1)(1 - s2)…, so two medium signals
// beat one, and nothing passes 1. The exercise's own concepts add a small prior. Deterministic: ties go to the
// stronger single signal, then to catalogue order.
import { CATALOGUE } from "../concepts/catalogue";
import type { ConceptModule, Signal } from "../concepts/concept-module";
import type { RankedConcept, TutorFacts } from "../contracts";
import { learnerSafeFacts } from "./learner-safe-facts";

/** What the exercise says it practises nudges a concept that already has evidence. */
const PRIOR_BOOST = 0.1;
/** With no evidence at all, the exercise's concepts are still worth suggesting, at a low score. */
const PRIOR_ONLY_SCORE = 0.1;
const MAX_EVIDENCE = 3;
/** Below this a concept is only the exercise's topic, a guess: explanations and hints don't present it as the cause. */
export const CONFIDENT_SCORE = 0.2;

export interface RankedModule {
  module: ConceptModule;
  score: number;
  /** Strongest first. */
  signals: Signal[];
}

/** Verdicts where there is something to explain with concepts. */
function hasConceptsToRank(facts: TutorFacts): boolean {
  return facts.verdict !== "passed" && facts.verdict !== "internal-error";
}

function combine(scores: number[]): number {
  return 1 - scores.reduce((rest, s) => rest * (1 - Math.min(1, Math.max(0, s))), 1);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function validSignal(s: Signal): boolean {
  return Number.isFinite(s.score) && s.score > 0 && s.evidence.trim() !== "";
}

/** The ranking with each concept's module and signals, for the explanation and hints. Learner-safe. */
export function rankModules(rawFacts: TutorFacts): RankedModule[] {
  const facts = learnerSafeFacts(rawFacts);
  if (!hasConceptsToRank(facts)) return [];
  const practised = new Set(facts.exercise?.concepts ?? []);
  // Concepts the exercise asks the tutor not to suggest (exercise.yaml's tutor.avoid) are never ranked.
  const seen = new Set<string>(facts.exercise?.avoid ?? []);
  const ranked: (RankedModule & { index: number; strongest: number })[] = [];
  CATALOGUE.forEach((module, index) => {
    if (seen.has(module.id)) return;
    seen.add(module.id);
    const signals = module.signals(facts).filter(validSignal);
    const sorted = signals.map((s, i) => ({ s, i })).sort((a, b) => b.s.score - a.s.score || a.i - b.i).map((x) => x.s);
    if (sorted.length === 0) return;
    const scores = sorted.map((s) => s.score);
    if (practised.has(module.id)) scores.push(PRIOR_BOOST);
    ranked.push({ module, index, score: round3(combine(scores)), signals: sorted, strongest: sorted[0]!.score });
  });
  if (ranked.length === 0) return priorOnly(facts);
  return ranked.sort((a, b) => b.score - a.score || b.strongest - a.strongest || a.index - b.index).map(({ module, score, signals }) => ({ module, score, signals }));
}

/** No concept found any evidence: offer what the exercise practises, in the exercise's order. */
function priorOnly(facts: TutorFacts): RankedModule[] {
  // A syntax error or a resource limit says nothing about the exercise's topics.
  if (facts.verdict !== "failed" && facts.verdict !== "error") return [];
  const avoided = new Set(facts.exercise?.avoid ?? []);
  const ids = [...new Set(facts.exercise?.concepts ?? [])].filter((id) => !avoided.has(id));
  return ids.flatMap((id) => {
    const module = CATALOGUE.find((m) => m.id === id);
    if (!module) return [];
    return [{ module, score: PRIOR_ONLY_SCORE, signals: [{ score: PRIOR_ONLY_SCORE, evidence: `This exercise practises ${lowerFirst(module.title)}, so that is a good place to start looking.` }] }];
  });
}

function lowerFirst(text: string): string {
  // Keep titles that start with code or a name ("= and ==", "None: …") as they are.
  return /^[A-Z][a-z]/.test(text) && !/^None\b/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function uniqueEvidence(signals: Signal[]): string[] {
  return [...new Set(signals.map((s) => s.evidence))].slice(0, MAX_EVIDENCE);
}

/** The ranking as the contract shows it: id, title, score and up to three evidence sentences. */
export function asRankedConcepts(ranked: RankedModule[]): RankedConcept[] {
  return ranked.map(({ module, score, signals }) => ({ id: module.id, title: module.title, score, evidence: uniqueEvidence(signals) }));
}

/** The concepts that best explain this failure, best first, each with the evidence behind it. */
export function rankConcepts(facts: TutorFacts): RankedConcept[] {
  return asRankedConcepts(rankModules(facts));
}
