// return vs print: the function shows its answer on the screen instead of giving it back to the caller.
// This module reads the failing case: it printed something and returned None. A function that prints its result
// and never returns a value is the analyzer's finding (runner-image/tutor_analysis/detectors/return_vs_print.py),
// which is all there is to go on when the failing case is hidden and its output kept back.
import { defineConcept, signal } from "./concept-module";
import { failureValues } from "./reading-facts";
import { code } from "./wording";

export default defineConcept({
  lesson: `
**The idea.** \`print()\` shows a value on the screen for a person to read. \`return\` hands the value back to
whoever called the function, so they can use it. A test can only check what your function *returns*.

\`\`\`python
def double(x):
    print(x * 2)     # shows 8 on the screen, but gives back None

def double(x):
    return x * 2     # gives back 8
\`\`\`

**The usual mistake.** Printing the answer instead of returning it. The screen looks right, but the caller
(and the test) receives \`None\`, Python's word for "nothing".
`,
  detect(facts) {
    const values = failureValues(facts);
    const printed = (facts.failure?.stdout ?? "").trim();
    if (values.actualText !== "None" || !printed) return [];
    const exact = values.expected?.t === "str" ? printed === values.expected.v : printed === values.expectedText;
    return [
      signal(
        exact ? 0.9 : 0.85,
        exact
          ? `Your function printed ${code(printed)}, which is exactly the answer the test wanted, but it returned \`None\`: printing shows a value, only \`return\` gives it back.`
          : `Your function printed ${code(printed)} but returned \`None\`: printing shows a value on the screen, only \`return\` gives it back to the test.`,
      ),
    ];
  },
  hints: {
    nudge: () => "When the test calls your function, what does it get back? Is showing a value on the screen the same as handing it back?",
    where: () => "Find where your function shows its result with `print()`. The test never sees the screen: it only receives what the function returns.",
    plan: () => [
      "Find the line where your function prints its result.",
      "Instead of printing that value, hand it back with `return` followed by the value.",
      "Make sure every way through the function ends in a `return` with a value.",
      "Run the failing test again: your function should now give back the value instead of `None`.",
    ],
  },
});
