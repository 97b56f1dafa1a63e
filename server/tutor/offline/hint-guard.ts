// Keeps hints from giving the answer away: a hint that contains a meaningful line of the reference solution
// (one the learner hasn't already written) reveals it. Pure; used by the offline engine and usable by any other.

/** Whitespace never matters for this comparison: `x=y+1` and `x = y + 1` are the same giveaway. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

/** Solution lines that would give something away: not the signature, docstring, comments or trivial lines. */
function revealingLines(solution: string): string[] {
  const lines: string[] = [];
  let inDocstring = false;
  for (const raw of solution.split("\n")) {
    const line = raw.trim();
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (inDocstring || quotes > 0) {
      if (quotes % 2 === 1) inDocstring = !inDocstring;
      continue;
    }
    if (!line || line.startsWith("#") || /^(def|class|import|from)\b/.test(line)) continue;
    if (/^(return|pass|break|continue|else:|try:|finally:)$/.test(line)) continue;
    const squashed = squash(line.replace(/#.*$/, ""));
    // Short lines (`total = 0`, `return ""`) are what every attempt contains; they reveal nothing.
    if (squashed.length >= 12) lines.push(squashed);
  }
  return lines;
}

/** True when `text` contains a solution line that isn't already in the learner's own code. */
export function revealsSolution(text: string, referenceSolution: string | null, learnerCode = ""): boolean {
  if (!referenceSolution) return false;
  const said = squash(text);
  const written = squash(learnerCode);
  return revealingLines(referenceSolution).some((line) => said.includes(line) && !written.includes(line));
}
