// identity vs equality: `is` asks "the very same object?", `==` asks "equal values?".
import { defineConcept, signal, type Signal } from "./concept-module";
import { linesMatching } from "./reading-facts";

// `x is 5`, `x is "yes"`, `x is []`, `x is not 0`: `is` against a literal value (None is the exception).
const IS_WITH_A_VALUE = /\bis\s+(not\s+)?(-?\d|["'[({])|(\d|["')\]}])\s+is\b/;

export default defineConcept({
  lesson: `
**The idea.** \`==\` asks whether two values are *equal*. \`is\` asks whether they are the very *same object* in
memory. Two equal lists, or two equal big numbers, can be different objects.

\`\`\`python
a = [1, 2]
b = [1, 2]
a == b      # True: equal values
a is b      # False: two different lists
x is None   # fine: there is only one None
\`\`\`

**The usual mistake.** Writing \`if answer is "yes":\` or \`if n is 1000:\`. It may work on small tests and fail
on others. Use \`==\` to compare values; keep \`is\` for \`None\`.
`,
  detect(facts) {
    const found: Signal[] = [];
    if (!facts.failure || facts.verdict === "syntax-error") return found;
    const line = linesMatching(facts, IS_WITH_A_VALUE)[0];
    if (line) found.push(signal(0.65, `Line ${line} uses \`is\` to compare with a value. \`is\` checks for the very same object, not for equal values: use \`==\`.`, line));
    return found;
  },
  hints: {
    nudge: () => "When you compare two values in your code, are you asking whether they're equal, or whether they are the very same object?",
    where: () => "Look for `is` used to compare with a number, text or list. It only checks for the same object; `==` checks for equal values.",
    plan: () => [
      "Find every comparison that uses `is` or `is not`.",
      "Keep `is` only when comparing with `None`.",
      "Everywhere else, use `==` (or `!=` for `is not`).",
      "Run the tests again.",
    ],
  },
});
