// Where a learner should look, shared by the explanation and the hints: the line Python stopped at, or else the
// line the strongest evidence names, with that line's text from the learner's own code.
import type { Signal } from "../concepts/concept-module";
import { codeLine, thrown } from "../concepts/reading-facts";
import type { TutorFacts } from "../contracts";
import type { RankedModule } from "./rank";

export interface Focus {
  line: number;
  text: string | null;
  /** Python stopped there (an exception or syntax error), rather than evidence pointing there. */
  crashed: boolean;
}

/** The signal to build hints and the "why" on: the strongest one, for the top concept. */
export function leadSignal(ranked: RankedModule[]): Signal | null {
  return ranked[0]?.signals[0] ?? null;
}

export function focusOf(facts: TutorFacts, ranked: RankedModule[]): Focus | null {
  const e = thrown(facts);
  if (e?.line) return { line: e.line, text: e.lineText ?? codeLine(facts, e.line), crashed: true };
  const line = ranked[0]?.signals.find((s) => s.line)?.line;
  return line ? { line, text: codeLine(facts, line), crashed: false } : null;
}
