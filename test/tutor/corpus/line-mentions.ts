// Which lines of the learner's code a tutor text points at: "line 4", "**line 4**:", "Line 4", "lines 3 and 7",
// "lines 3, 5 and 7", "lines 3–5" (its two ends). The corpus counts a quiet bug as located when the explanation or
// the level-2 hint names one of its labelled lines; this is the reading of "names", kept pure so it is tested
// on its own (test/tutor/line-mentions.test.ts).

/** Markdown a tutor wraps around a line number ("**line 4**", "`line 4`"), read as spacing. */
const DECORATION = String.raw`[\s*_\x60]*`;
const JOINER = String.raw`(?:,\s*(?:and|or)?|and|or|&|to|-|–|—)`;
const NUMBER = String.raw`(\d+)(?![\d\w]|\.\d)`;
/** "line(s)" followed by a number, and then any further numbers joined to it by commas, "and", "or" or a dash. */
const MENTION = new RegExp(String.raw`\blines?${DECORATION}${NUMBER}((?:${DECORATION}${JOINER}${DECORATION}\d+(?![\d\w]|\.\d))*)`, "gi");
/** What makes a number a line of the output rather than of the code: "Line 2 differs: expected ...". */
const OUTPUT_LINE = new RegExp(String.raw`^${DECORATION}(?:differs\b|of\s+(?:the|your)\s+(?:\w+\s+)?output\b)`, "i");

/** The code lines a text names, ascending and without repeats. */
export function linesNamed(text: string): number[] {
  const lines = new Set<number>();
  for (const match of text.matchAll(MENTION)) {
    const after = text.slice(match.index + match[0].length);
    if (OUTPUT_LINE.test(after)) continue;
    const numbers = [match[1]!, ...(match[2]!.match(/\d+/g) ?? [])].map(Number);
    for (const n of numbers) if (n > 0) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Whether a text names one of the given lines. */
export function namesAnyLine(text: string, wanted: readonly number[]): boolean {
  const named = linesNamed(text);
  return wanted.some((line) => named.includes(line));
}
