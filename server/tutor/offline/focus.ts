// Where a learner should look, shared by the explanation and the hints: a line a repair pinned (localization), else
// the line Python stopped at, else the line the strongest concept evidence names, else the line the spectrum singles
// out; with that line's text from the learner's own code.
import type { Signal } from "../concepts/concept-module";
import { codeLine, thrown } from "../concepts/reading-facts";
import type { SuspectLine, TutorFacts } from "../contracts";
import type { RankedModule } from "./rank";

export interface Focus {
  line: number;
  text: string | null;
  /** Python stopped there (an exception or syntax error), rather than evidence pointing there. */
  crashed: boolean;
  /** The suspect line behind this focus, when localization found it by running the code. */
  suspect: SuspectLine | null;
}

/** The signal to build hints and the "why" on: the strongest one, for the top concept. */
export function leadSignal(ranked: RankedModule[]): Signal | null {
  return ranked[0]?.signals[0] ?? null;
}

export function focusOf(facts: TutorFacts, ranked: RankedModule[]): Focus | null {
  const e = thrown(facts);
  const top = facts.suspectLines[0];
  const at = (line: number, suspect: SuspectLine | null, text = codeLine(facts, line)): Focus => ({ line, text, crashed: e?.line === line, suspect });
  if (top?.evidence === "repair") return at(top.line, top);
  if (e?.line) return at(e.line, null, e.lineText ?? codeLine(facts, e.line));
  const line = ranked[0]?.signals.find((s) => s.line)?.line;
  if (line) return at(line, null);
  const spectrum = facts.suspectLines.find((s) => s.evidence === "spectrum");
  return spectrum ? at(spectrum.line, spectrum) : null;
}
