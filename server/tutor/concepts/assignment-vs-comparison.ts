// assignment vs comparison: `=` stores a value, `==` asks whether two values are equal.
import { defineConcept, signal, type Signal } from "./concept-module";
import { linesMatching, thrownMatching, withoutCommentsAndStrings } from "./reading-facts";

// A line that compares and throws the answer away, like `total == total + 1`.
const DISCARDED_COMPARISON = /^\s*[A-Za-z_][\w.]*(\[[^\]]*\])?\s*==[^=]/;

export default defineConcept({
  lesson: `
**The idea.** One \`=\` *stores* a value in a variable. Two \`==\` *ask a question*: are these equal? The
answer is \`True\` or \`False\`.

\`\`\`python
age = 14          # store 14 in age
if age == 14:     # ask: is age equal to 14?
    print("yes")
\`\`\`

**The usual mistake.** Writing \`if age = 14:\`. Python stops with a \`SyntaxError\` because a condition can't
store anything. The opposite slip, \`count == count + 1\` on its own line, asks a question and throws the
answer away, so \`count\` never changes.
`,
  detect(facts) {
    const found: Signal[] = [];
    const meant = thrownMatching(facts, ["SyntaxError"], /Maybe you meant '=='/);
    if (meant) {
      found.push(signal(0.95, `On line ${meant.line ?? "?"}, a single \`=\` tries to store a value inside a condition. To compare two values, use \`==\`.`, meant.line));
    } else {
      const syntax = thrownMatching(facts, ["SyntaxError"]);
      if (syntax?.lineText && /^\s*(if|elif|while)\b[^=]*[^=!<>:]=[^=]/.test(withoutCommentsAndStrings(syntax.lineText))) {
        found.push(signal(0.75, `Line ${syntax.line ?? "?"} has a single \`=\` inside a condition. To compare, use \`==\`.`, syntax.line));
      }
    }
    if (facts.failure && facts.verdict !== "syntax-error") {
      const line = linesMatching(facts, DISCARDED_COMPARISON)[0];
      if (line) found.push(signal(0.55, `Line ${line} compares with \`==\` but doesn't store anything, so nothing changes. To give a variable a new value, use a single \`=\`.`, line));
    }
    return found;
  },
  hints: {
    nudge: () => "On that line, do you want to store a value or ask whether two values are equal?",
    where: () => "Check every `=` and `==` on that line. One `=` stores a value; two `==` compare and give `True` or `False`.",
    plan: () => [
      "Go to the line Python points at (or the line that should change a variable).",
      "Decide what that line should do: store a value, or ask a yes/no question.",
      "Use `=` to store and `==` to compare.",
      "Run the tests again to see whether the error or the wrong value is gone.",
    ],
  },
});
