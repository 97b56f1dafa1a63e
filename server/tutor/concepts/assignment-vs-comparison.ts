// assignment vs comparison: `=` stores a value, `==` asks whether two values are equal. Python's own syntax
// error ("Maybe you meant '=='") is read here; the line that holds the slip, in a condition that doesn't parse or
// as `count == count + 1` on its own, is the analyzer's finding (runner-image/tutor_analysis/detectors/
// assignment_vs_comparison.py).
import { defineConcept, signal } from "./concept-module";
import { thrownMatching } from "./reading-facts";

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
    const meant = thrownMatching(facts, ["SyntaxError"], /Maybe you meant '=='/);
    return meant ? [signal(0.95, `On line ${meant.line ?? "?"}, a single \`=\` tries to store a value inside a condition. To compare two values, use \`==\`.`, meant.line)] : [];
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
