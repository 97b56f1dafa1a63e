// identity vs equality: `is` asks "the very same object?", `==` asks "equal values?".
// The evidence is the analyzer's finding alone (`x is 1000`, `answer is "yes"`: runner-image/tutor_analysis/
// detectors/identity_vs_equality.py): a wrong answer at runtime looks like any other. When the analysis could not
// run, this concept has no evidence; no second reading of the code is kept here as a fallback.
import { defineConcept } from "./concept-module";

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
  detect: () => [],
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
