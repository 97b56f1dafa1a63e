// What one suggestion of the review is: a lesson and a short before/after example. One file per suggestion in
// suggestions/, named after its id in the suggestion manifest (runner-image/tutor_analysis/manifests/
// suggestions.json), which gives its title, the severity it usually has and its place in the order;
// catalogue.ts puts the two together. Pure data: no I/O.
import type { ReviewSeverity } from "../contracts";
import { concept } from "../concepts/catalogue";

export interface SuggestionSpec {
  /** Short markdown: the idea, why it is better, and when it matters. */
  lesson: string;
  /** A tiny program of our own (never the learner's code): the habit, then the better way. */
  example: { before: string; after: string };
}

/** A suggestion as the catalogue holds it: its manifest entry and its module, put together. */
export interface SuggestionModule extends SuggestionSpec {
  id: string;
  title: string;
  /** How serious this suggestion usually is; a reviewer can make one occurrence essential, and so can an exercise. */
  severity: ReviewSeverity;
}

/** Types a suggestion's file. The catalogue gives it its id and title from the manifest. */
export function defineSuggestion(spec: SuggestionSpec): SuggestionSpec {
  return spec;
}

/** The lesson of the failure concept of the same name, for a suggestion that teaches exactly that concept. */
export function conceptLesson(id: string): string {
  const c = concept(id);
  if (!c) throw new Error(`there is no concept ${id} whose lesson a suggestion could use`);
  return c.lesson;
}

export function isSuggestionSpec(x: unknown): x is SuggestionSpec {
  const spec = x as Partial<SuggestionSpec> | null;
  return (
    typeof spec === "object" &&
    spec !== null &&
    typeof spec.lesson === "string" &&
    spec.lesson.trim() !== "" &&
    typeof spec.example?.before === "string" &&
    typeof spec.example.after === "string"
  );
}
