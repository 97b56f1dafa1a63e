// identity vs equality: `is` asks "the very same object?", `==` asks "equal values?".
// The evidence is the analyzer's finding (`x is 1000`, `answer is "yes"`: runner-image/tutor_analysis/
// detectors/identity_vs_equality.py), and localization's: a wrong answer at runtime looks like any other, unless a
// one-token change of a comparison that uses `is` repairs it. No second reading of the code is kept here.
import { defineConcept, signal } from "./concept-module";
import { repairedAspect, withoutCommentsAndStrings } from "./reading-facts";
import { code } from "./wording";

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
    const repaired = repairedAspect(facts, ["condition"]);
    if (!repaired?.text || !/\bis\b/.test(withoutCommentsAndStrings(repaired.text))) return [];
    return [signal(0.8, `Running your code with small changes points at the comparison on line ${repaired.line} (${code(repaired.text.trim())}): it uses \`is\`, which asks for the very same object, not an equal value.`, repaired.line)];
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
