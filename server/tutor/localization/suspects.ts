// The suspect lines, from the three kinds of evidence, strongest first: a repair (a one-token edit of the line makes
// the failing cases pass and breaks none), the line Python stopped at, and the spectrum. One entry per line, under
// its strongest evidence. Pure.
import type { SuspectAspect, SuspectEvidence, SuspectLine } from "../contracts";
import { type LineScore, singledOut } from "./spectrum";

/** A line one repair pins. When edits of several lines repair the code, the tests leave more open: a little less. */
const REPAIR_SCORE = 0.9;
const SEVERAL_REPAIRS_SCORE = 0.8;
/** Python stopping at a line says where the failure showed, not always where the bug is. */
const EXCEPTION_SCORE = 0.7;
/** The spectrum alone, scaled from its Ochiai score. */
const SPECTRUM_WEIGHT = 0.6;
const MAX_SPECTRUM_LINES = 3;

const STRENGTH: Record<SuspectEvidence, number> = { repair: 3, exception: 2, spectrum: 1 };

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A repair the search found: its line and the kind of edit (runner-image/tutor_analysis/edits.py). */
export interface FoundRepair {
  line: number;
  kind: string;
}

const ASPECTS: Record<string, SuspectAspect> = {
  boundary: "boundary",
  comparison: "condition",
  boolean: "condition",
  range: "range",
  "plus-one": "number",
  operator: "operation",
  method: "operation",
  update: "update",
  keep: "discarded",
  swap: "order",
  return: "output",
  variable: "variable",
  indentation: "placement",
};

export function suspectLines(evidence: { repairs: readonly FoundRepair[]; exceptionLine: number | null; spectrum: readonly LineScore[] }): SuspectLine[] {
  const byLine = new Map<number, SuspectLine>();
  const add = (line: SuspectLine) => {
    const known = byLine.get(line.line);
    if (!known || STRENGTH[line.evidence] > STRENGTH[known.evidence]) byLine.set(line.line, { ...line, score: round3(line.score) });
  };
  const ochiaiOf = new Map(evidence.spectrum.map((l) => [l.line, l.score]));
  const repairLines = new Set(evidence.repairs.map((r) => r.line));
  const base = repairLines.size === 1 ? REPAIR_SCORE : SEVERAL_REPAIRS_SCORE;
  // The first repair of a line (the search tries the commonest slips first) names its aspect; the spectrum orders
  // lines that repairs tie on.
  for (const r of evidence.repairs) {
    const aspect = ASPECTS[r.kind];
    add({ line: r.line, score: base + 0.1 * (ochiaiOf.get(r.line) ?? 0), evidence: "repair", ...(aspect ? { aspect } : {}) });
  }
  if (evidence.exceptionLine !== null) add({ line: evidence.exceptionLine, score: EXCEPTION_SCORE, evidence: "exception" });
  for (const l of singledOut(evidence.spectrum, MAX_SPECTRUM_LINES)) add({ line: l.line, score: SPECTRUM_WEIGHT * l.score, evidence: "spectrum" });
  return [...byLine.values()].sort((a, b) => b.score - a.score || a.line - b.line);
}
