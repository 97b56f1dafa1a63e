// hand-made record format: fields joined with "|" or "," and split again break as soon as a field contains the
// separator. The json module already solves this.
import type { TutorFacts } from "../contracts";
import { defineConcept, signal, type Signal } from "./concept-module";
import { stringLiteralsIn, thrownMatching } from "./reading-facts";
import { code } from "./wording";

// Characters people pick to glue fields together by hand.
const SEPARATOR = /^(\||,|;|:|\t|#|\/|~|\^|, |; |::|\|\|)$/;

/** A separator that the code both joins with and splits on, with the two lines. */
function handMadeFormat(facts: TutorFacts): { sep: string; joinLine: number; splitLine: number } | null {
  const lines = facts.code.split("\n");
  const joins = new Map<string, number>();
  const splits = new Map<string, number>();
  lines.forEach((text, i) => {
    const joinSep = /(["'])((?:\\.|(?!\1).)*)\1\s*\.join\(/.exec(text)?.[2];
    if (joinSep !== undefined && SEPARATOR.test(joinSep) && !joins.has(joinSep)) joins.set(joinSep, i + 1);
    const splitSep = /\.split\(\s*(["'])((?:\\.|(?!\1).)*)\1/.exec(text)?.[2];
    if (splitSep !== undefined && SEPARATOR.test(splitSep) && !splits.has(splitSep)) splits.set(splitSep, i + 1);
    // f"{a}|{b}" and a + "|" + b build a record by hand too.
    if (/\+\s*["'][^"']{1,2}["']\s*\+/.test(text) || /f["'][^"']*\}[^"'{}]{1,2}\{/.test(text)) {
      for (const literal of stringLiteralsIn(text)) {
        const m = /\}([^{}]{1,2})\{/.exec(literal)?.[1] ?? literal;
        if (SEPARATOR.test(m) && !joins.has(m)) joins.set(m, i + 1);
      }
    }
  });
  for (const [sep, joinLine] of joins) {
    const splitLine = splits.get(sep);
    if (splitLine !== undefined) return { sep, joinLine, splitLine };
  }
  return null;
}

export default defineConcept({
  lesson: `
**The idea.** To turn data into text (to save it or send it) and back again, don't invent your own format
with \`"|".join(...)\` and \`.split("|")\`. As soon as a value itself contains a \`|\` (or a comma), splitting cuts
it in the wrong place. **Use JSON here**: Python's \`json\` module writes and reads lists, dictionaries, text and
numbers safely.

\`\`\`python
import json
text = json.dumps(["Ada", "a|b", 36])   # '["Ada", "a|b", 36]'
back = json.loads(text)                 # ['Ada', 'a|b', 36]  (numbers stay numbers)
\`\`\`

**The usual mistake.** Joining fields with a separator and splitting them again: it breaks on values that
contain the separator, and every number comes back as text.
`,
  detect(facts) {
    const found: Signal[] = [];
    if (!facts.failure || facts.verdict === "syntax-error" || facts.analysis.imports.includes("json")) return found;
    const format = handMadeFormat(facts);
    if (format) {
      found.push(
        signal(
          0.55,
          `Your code glues fields together with ${code(format.sep)} (line ${format.joinLine}) and splits them apart again on ${code(format.sep)} (line ${format.splitLine}): any value that contains ${code(format.sep)} itself gets cut in the wrong place, and numbers come back as text.`,
          format.splitLine,
        ),
      );
      const unpack = thrownMatching(facts, ["ValueError"], /(not enough|too many) values to unpack/);
      if (unpack) found.push(signal(0.5, "Splitting gave a different number of pieces than your code expected: a value probably contained the separator.", unpack.line));
    }
    return found;
  },
  hints: {
    nudge: () => "What happens to your format if one of the values itself contains the character you split on?",
    where: () => "Look at where you join values with a separator and where you split them again. Instead of your own format, use JSON: `json.dumps` turns data into text and `json.loads` turns it back.",
    plan: () => [
      "Add `import json` at the top of your file.",
      "Where you join the values into one text, hand the whole list or dictionary to `json.dumps` instead.",
      "Where you split the text apart, give the text to `json.loads` to get the list or dictionary back.",
      "Test with a value that contains your old separator, and check that numbers come back as numbers.",
    ],
  },
});
