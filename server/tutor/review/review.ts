// From what the reviewers found to what a learner reads: each suggestion gets its title and severity from the
// catalogue, the exercise's wishes are applied (`review: {expect, avoid}` in exercise.yaml: an expected suggestion
// is essential there, an avoided one is never made), and the list is ordered essential first. Pure.
import type { DetectedSuggestion } from "../analysis-schema";
import type { ReviewSeverity, ReviewSuggestion } from "../contracts";
import { suggestionModule, suggestionOrder } from "./catalogue";

/** An exercise's wishes for the review of its solutions (exercise.yaml's `review`). */
export interface ReviewWishes {
  /** Suggestions this exercise teaches: essential whenever they apply. */
  expect: string[];
  /** Suggestions that go against what this exercise practises (a hand-written sum in a loops exercise): never made. */
  avoid: string[];
}

const RANK: Record<ReviewSeverity, number> = { essential: 0, actionable: 1, celebratory: 2 };

export function bySeverityThenLine(a: ReviewSuggestion, b: ReviewSuggestion): number {
  return RANK[a.severity] - RANK[b.severity] || a.line - b.line || suggestionOrder(a.id) - suggestionOrder(b.id);
}

export function reviewSuggestions(detected: readonly DetectedSuggestion[], wishes: ReviewWishes | null): ReviewSuggestion[] {
  const out: ReviewSuggestion[] = [];
  for (const d of detected) {
    const module = suggestionModule(d.id);
    // An id the catalogue does not know comes from a newer or older image than this server: say nothing about it.
    if (!module || wishes?.avoid.includes(d.id)) continue;
    const severity: ReviewSeverity = wishes?.expect.includes(d.id) && module.severity !== "celebratory" ? "essential" : (d.severity ?? module.severity);
    out.push({ id: d.id, title: module.title, line: d.line, severity, message: d.message, source: "detector" });
  }
  return out.sort(bySeverityThenLine);
}
