// accumulator reset: the running total (or result list) is set back to its start value inside the loop, so
// only the last round survives. The reset line itself is the analyzer's finding (runner-image/tutor_analysis/
// detectors/accumulator_reset.py); this module reads what the failing case's values show.
import type { PyValue } from "../../grading/values";
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf, numberValue } from "./python-literals";
import { failureValues, movedStatement, repairedAspect } from "./reading-facts";
import { code } from "./wording";

function onlyLastRound(expected: PyValue, actual: PyValue, input: PyValue[] | null): Signal | null {
  const shown = `You returned ${code(pyRepr(actual))} but the test expected ${code(pyRepr(expected))}`;
  const e = itemsOf(expected);
  const a = itemsOf(actual);
  if (e && a && e.length > 1 && a.length === 1 && pyEquals(a[0]!, e[e.length - 1]!)) {
    return signal(0.75, `${shown}: only the result of the last round of the loop is left, as if the list was started afresh inside the loop.`);
  }
  if (e && a && input && e.length === a.length && a.length > 1 && pyEquals(actual, { t: "list", items: input })) {
    return signal(0.55, `${shown}: the numbers you were given, unchanged, as if the running total started again from zero in each round.`);
  }
  const last = input?.at(-1);
  if (input && input.length > 1 && last && numberValue(actual) !== null && pyEquals(actual, last) && !pyEquals(actual, expected)) {
    return signal(0.55, `${shown}, the last item you were given: only the last round of the loop counted, as if the total was reset inside the loop.`);
  }
  if (expected.t === "dict" && actual.t === "dict" && expected.items.length === actual.items.length) {
    const allOnes = actual.items.every(([, v]) => numberValue(v) === 1);
    const someMore = expected.items.some(([, v]) => (numberValue(v) ?? 0) > 1);
    if (allOnes && someMore) return signal(0.5, `${shown}: every count is 1, although some appear more often. Is each count set to 1 again instead of increased?`);
  }
  return null;
}

export default defineConcept({
  lesson: `
**The idea.** To build up a result in a loop (a total, a count, a list), create it *once, before the loop*,
and add to it in each round. This variable is often called an accumulator.

\`\`\`python
total = 0              # once, before the loop
for n in [1, 2, 3]:
    total = total + n  # each round adds to it
# total is 6
\`\`\`

**The usual mistake.** Putting \`total = 0\` (or \`result = []\`) *inside* the loop: every round starts over from
scratch, and only the last round's value survives. Setting a count with \`= 1\` instead of adding 1 has the
same effect.
`,
  detect(facts) {
    if (!facts.failure || facts.verdict === "syntax-error") return [];
    const { parsedCall, expected, actual } = failureValues(facts);
    const fromValues = expected && actual ? onlyLastRound(expected, actual, itemsOf(parsedCall?.args[0] ?? null)) : null;
    const found = fromValues ? [fromValues] : [];
    const moved = repairedAspect(facts, ["placement"]);
    if (moved && movedStatement(moved.text) === "reset") {
      const what = moved.text ? ` (${code(moved.text.trim())})` : "";
      found.push(signal(0.8, `Running your code with small changes points at line ${moved.line}${what}: where it sits decides whether the variable starts over once or every round of a loop.`, moved.line));
    }
    return found;
  },
  hints: {
    nudge: () => "Where does your running total (or result list) get its starting value, and how many times does that happen?",
    where: () => "Look for the line that gives your total or result list its starting value. If it's inside the loop, every round starts over and only the last round survives.",
    plan: () => [
      "Find the variable that collects the result.",
      "Give it its starting value once, before the loop begins.",
      "Inside the loop, only add to it (or append to it); never set it back to the start.",
      "After the loop, return it, and check the result with the failing input by hand.",
    ],
  },
});
