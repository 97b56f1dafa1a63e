// indentation: in Python the spaces at the start of a line decide which block the line belongs to.
import { defineConcept, signal, type Signal } from "./concept-module";
import { movedStatement, repairedAspect, thrown } from "./reading-facts";
import { code } from "./wording";

function whatPythonSaw(type: string, message: string, line: string): string {
  if (type === "TabError") return `Your code mixes tabs and spaces to indent (line ${line}). Use spaces only: 4 per level.`;
  if (/expected an indented block/.test(message)) return `After a line ending in \`:\`, Python expected the next line to be indented (pushed to the right), but line ${line} isn't.`;
  if (/unexpected indent/.test(message)) return `Line ${line} is pushed further right than Python expected: it isn't inside anything that needs indenting.`;
  if (/unindent does not match/.test(message)) return `Line ${line} doesn't line up with any line above it: each block must use exactly the same indentation.`;
  return `Python found a problem with the indentation at line ${line}.`;
}

export default defineConcept({
  lesson: `
**The idea.** Python uses the spaces at the start of a line to know which lines belong together. Everything
inside a \`def\`, \`if\`, \`for\` or \`while\` (a line ending in \`:\`) is indented by the same amount, usually 4
spaces. When the indentation ends, the block ends.

\`\`\`python
for n in numbers:
    total = total + n   # inside the loop: runs for every n
return total            # after the loop: runs once
\`\`\`

**The usual mistake.** A line indented one level too far or not far enough: a \`return\` inside the loop
instead of after it, or a missing indent after a \`:\`. Mixing tabs and spaces also confuses Python.
`,
  detect(facts) {
    const found: Signal[] = [];
    const moved = repairedAspect(facts, ["placement"]);
    if (moved && movedStatement(moved.text) === "other") {
      const what = moved.text ? ` (${code(moved.text.trim())})` : "";
      found.push(signal(0.75, `Running your code with small changes points at where line ${moved.line}${what} sits: its indentation decides which block it belongs to, and so when it runs.`, moved.line));
    }
    const e = thrown(facts);
    if (!e) return found;
    const line = e.line !== null ? String(e.line) : "?";
    if (e.type === "IndentationError" || e.type === "TabError") found.push(signal(0.95, whatPythonSaw(e.type, e.message, line), e.line));
    else if (e.type === "SyntaxError" && /'return' outside function/.test(e.message)) {
      found.push(signal(0.7, `The \`return\` on line ${line} isn't indented inside the function, so Python sees it outside any function.`, e.line));
    }
    return found;
  },
  hints: {
    nudge: () => "Look at how far each line is pushed to the right. Which block does each line belong to?",
    where: () => "Compare the spaces at the start of that line with the lines above it. Lines in the same block need exactly the same indentation, and lines after a `:` one level more.",
    plan: () => [
      "Go to the line Python points at and the few lines above it.",
      "For each line, decide which block it belongs to: the function, a loop, or an `if`.",
      "Indent every line of the same block by the same amount: 4 spaces per level, no tabs.",
      "Check that lines meant to run once (like a final `return`) sit after the loop, not inside it.",
    ],
  },
});
