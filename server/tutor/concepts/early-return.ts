// early return: a `return` that runs too soon (usually inside the loop), so the function stops after the
// first item. The `return` a loop's first pass always reaches is the analyzer's finding (runner-image/
// tutor_analysis/detectors/early_return.py); this module reads what the failing case's values show.
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf } from "./python-literals";
import { entryFunction, failureValues, movedStatement, repairedAspect } from "./reading-facts";
import { code } from "./wording";

export default defineConcept({
  lesson: `
**The idea.** \`return\` ends the function immediately, even in the middle of a loop. A \`return\` that is
indented inside the loop runs during the first round, so the loop never gets to the other items.

\`\`\`python
def total(numbers):
    result = 0
    for n in numbers:
        result += n
        return result   # inside the loop: stops after the first number
    # return result     # here, after the loop, it would see every number
\`\`\`

**The usual mistake.** Indenting the final \`return\` one level too far, or returning in an \`if\` before every
item has been checked.
`,
  detect(facts) {
    const found: Signal[] = [];
    const f = facts.failure;
    if (!f || f.status !== "failed") return found;
    const { parsedCall, expected, actual, actualText } = failureValues(facts);
    const e = itemsOf(expected);
    const a = itemsOf(actual);
    const input = itemsOf(parsedCall?.args[0] ?? null);
    if (e && a && e.length > 1 && a.length === 1 && pyEquals(a[0]!, e[0]!)) {
      found.push(signal(0.7, `You returned ${code(pyRepr(actual!))} but the test expected ${code(pyRepr(expected!))}: your function stopped after the first item, as if a \`return\` ran inside the loop.`));
    } else if (input && input.length > 1 && actual && expected && !pyEquals(actual, expected) && pyEquals(actual, input[0]!)) {
      found.push(signal(0.5, `You returned ${code(pyRepr(actual))}, the very first item you were given: as if the function stopped after one round of the loop.`));
    }
    const moved = repairedAspect(facts, ["placement"]);
    if (moved && movedStatement(moved.text) === "return") {
      found.push(signal(0.8, `Running your code with small changes points at the \`return\` on line ${moved.line}: where it sits decides whether the function stops during the loop or after it.`, moved.line));
    }
    const fn = entryFunction(facts);
    if (actualText === "None" && !(f.stdout ?? "").trim() && fn?.returnsValue) {
      found.push(signal(0.4, `\`${fn.name}\` has a \`return\` with a value, but for this input it ended without reaching it and gave back \`None\`.`, fn.line));
    }
    return found;
  },
  hints: {
    nudge: () => "How many rounds does your loop get through before the function gives back its answer?",
    where: () => "Look at the indentation of your `return`. Inside the loop, it ends the function in the first round; after the loop (less indented), it runs once everything is done.",
    plan: () => [
      "Find every `return` in your function.",
      "For each one, decide: should it run after the whole loop has finished, or only in a special case?",
      "Move the final `return` out of the loop by indenting it at the same level as the `for` or `while`.",
      "Check that every path through the function still ends with a `return` and a value.",
    ],
  },
});
