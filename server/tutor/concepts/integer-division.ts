// integer division: `/` always gives a float; `//` drops the part after the decimal point.
// This module reads the failing case: a float where a whole number was expected (or the other way round), and
// the TypeError of a float used as a position or a count. A `/` whose result must be whole (a position,
// `range()`, a function promising an int) is the analyzer's finding (runner-image/tutor_analysis/detectors/
// integer_division.py).
import type { PyValue } from "../../grading/values";
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf } from "./python-literals";
import { actualTypeName, expectedTypeName, failureValues, thrownMatching } from "./reading-facts";
import { code } from "./wording";

/** The first pair of numbers, at the same place in both values, where one is an int and the other a float. */
function firstIntFloatPair(expected: PyValue, actual: PyValue): [PyValue, PyValue] | null {
  if ((expected.t === "int" && actual.t === "float") || (expected.t === "float" && actual.t === "int")) return [expected, actual];
  const e = itemsOf(expected);
  const a = itemsOf(actual);
  if (!e || !a || e.length !== a.length) return null;
  for (let i = 0; i < e.length; i++) {
    if (pyEquals(e[i]!, a[i]!)) continue;
    const pair = firstIntFloatPair(e[i]!, a[i]!);
    if (pair) return pair;
  }
  return null;
}

function fromValues(expected: PyValue, actual: PyValue): Signal | null {
  const pair = firstIntFloatPair(expected, actual);
  if (!pair) return null;
  const [e, a] = pair;
  const shown = `You returned ${code(pyRepr(a))} where the test expected ${code(pyRepr(e))}`;
  if (e.t === "int" && a.t === "float") {
    const whole = Number(e.v);
    const truncates = Number.isFinite(a.v) && !Number.isInteger(a.v) && (Math.trunc(a.v) === whole || Math.floor(a.v) === whole || Math.round(a.v) === whole);
    if (truncates) return signal(0.8, `${shown}: a number with a decimal part instead of a whole number. In Python \`/\` always gives a decimal (float); \`//\` divides and drops the remainder.`);
    return signal(0.6, `${shown}: a decimal number (float) instead of a whole number (int). A \`/\` somewhere turns whole numbers into floats.`);
  }
  if (e.t === "float" && a.t === "int" && !Number.isInteger(e.v) && Math.floor(e.v) === Number(a.v)) {
    return signal(0.7, `${shown}: the part after the decimal point is missing. \`//\` drops it; \`/\` keeps it.`);
  }
  return null;
}

const NUMBER_IN_TEXT = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;

/**
 * Text that shows a decimal number (`"2.0833h"`, `"Average: 3.0"`) where the expected text has a whole number at
 * the same place: a `/` result put into the text.
 */
function fromText(expected: PyValue, actual: PyValue): Signal | null {
  if (expected.t !== "str" || actual.t !== "str") return null;
  const e = expected.v.match(NUMBER_IN_TEXT) ?? [];
  const a = actual.v.match(NUMBER_IN_TEXT) ?? [];
  if (e.length === 0 || e.length !== a.length) return null;
  for (let i = 0; i < e.length; i++) {
    if (e[i] === a[i] || !/^-?\d+$/.test(e[i]!) || /^-?\d+$/.test(a[i]!)) continue;
    const whole = Number(e[i]);
    const got = Number(a[i]);
    if (Math.trunc(got) === whole || Math.floor(got) === whole || Math.round(got) === whole) {
      return signal(0.7, `Your text shows ${code(a[i]!)} where the test expected ${code(e[i]!)}: a decimal number (float) instead of a whole number. In Python \`/\` always gives a float; \`//\` divides and drops the remainder.`);
    }
  }
  return null;
}

export default defineConcept({
  lesson: `
**The idea.** Python has two ways to divide. \`/\` always gives a decimal number (a float), even when the
division comes out even. \`//\` divides and drops whatever is after the decimal point, giving a whole number
for whole numbers. \`%\` gives the remainder.

\`\`\`python
7 / 2    # 3.5
7 // 2   # 3
7 % 2    # 1
6 / 2    # 3.0   (still a float)
\`\`\`

**The usual mistake.** Using \`/\` when you need a whole number (to count, to index a list, to use in
\`range()\`), or \`//\` when the answer should keep its decimals.
`,
  detect(facts) {
    const found: Signal[] = [];
    const { expected, actual } = failureValues(facts);
    const fromValue = expected && actual ? (fromValues(expected, actual) ?? fromText(expected, actual)) : null;
    if (fromValue) found.push(fromValue);
    else if (facts.failure?.status === "failed" && expectedTypeName(facts) === "int" && actualTypeName(facts) === "float") {
      found.push(signal(0.6, "Your function gave back a decimal number (float) where a whole number (int) was expected. A `/` somewhere turns whole numbers into floats."));
    }
    const floatIndex = thrownMatching(
      facts,
      ["TypeError"],
      /'float' object cannot be interpreted as an integer|indices must be integers(?: or slices)?, not float|slice indices must be integers/,
    );
    if (floatIndex) {
      found.push(signal(0.8, "Python needed a whole number (to count with `range()` or to pick a position), but got a float. Dividing with `/` gives a float even when it comes out even; `//` keeps it whole.", floatIndex.line));
    }
    return found;
  },
  hints: {
    nudge: () => "Look at every division in your code. What type of number does each one give back: a whole number or a decimal?",
    where: () => "Check which operator you divide with: `/` always gives a float (like `3.0`), `//` gives a whole number and drops the remainder.",
    plan: () => [
      "Find each place where your code divides.",
      "For each one, ask: should the answer be a whole number (for counting, positions or `range()`), or can it have decimals?",
      "Use `//` where you need a whole number and `/` where decimals matter.",
      "Try the failing input in your head and check the type of the final result.",
    ],
  },
});
