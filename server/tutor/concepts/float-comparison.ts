// float comparison: decimals are stored approximately, so results can differ in the far decimal places.
// A comparison of floats with `==` that the code itself shows (`total == 0.3`) is the analyzer's finding
// (runner-image/tutor_analysis/detectors/float_comparison.py). This module reads the failing case: values that
// differ far after the decimal point, or a wrong True/False for decimal inputs. Only that last one looks at the
// source, for a line that compares with `==`: the analyzer can't know the inputs were decimals, so it can't
// flag `a * a + b * b == c * c` on its own.
import type { PyValue } from "../../grading/values";
import type { TutorFacts } from "../contracts";
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf, numberValue } from "./python-literals";
import { failureValues, linesMatching } from "./reading-facts";
import { code } from "./wording";

/** The first pair of numbers (at the same place) that differ, with at least one float among them. */
function firstFloatPair(expected: PyValue, actual: PyValue): [PyValue, PyValue] | null {
  if ((expected.t === "float" || actual.t === "float") && numberValue(expected) !== null && numberValue(actual) !== null) return [expected, actual];
  const e = itemsOf(expected);
  const a = itemsOf(actual);
  if (!e || !a || e.length !== a.length) return null;
  const i = e.findIndex((item, j) => !pyEquals(item, a[j]!));
  return i >= 0 ? firstFloatPair(e[i]!, a[i]!) : null;
}

// `a + b == c`, `x != y`: an equality test between two computed values (not with None, True/False or text).
const COMPUTED_EQUALITY = /[\w)\]]\s*(==|!=)\s*(?!None\b|True\b|False\b|["'])[\w(-]/;

function numbersIn(v: PyValue): PyValue[] {
  const items = itemsOf(v);
  return items ? items.flatMap(numbersIn) : [v];
}

/**
 * The test gave the function decimal numbers, it answered True/False wrongly, and the code compares values with
 * `==` or `!=`: arithmetic on those decimals came out a tiny bit off, so the exact comparison went the wrong way.
 */
function wrongAnswerOnDecimals(facts: TutorFacts): Signal | null {
  const { parsedCall, expected, actual } = failureValues(facts);
  if (!parsedCall || expected?.t !== "bool" || actual?.t !== "bool" || expected.v === actual.v) return null;
  const decimals = [...parsedCall.args, ...Object.values(parsedCall.keywords)].flatMap(numbersIn).filter((v) => v.t === "float" && !Number.isInteger(v.v));
  if (decimals.length === 0) return null;
  const line = linesMatching(facts, COMPUTED_EQUALITY)[0];
  if (!line) return null;
  return signal(
    0.5,
    `The test gives your function decimal numbers (${decimals.slice(0, 2).map((v) => code(pyRepr(v))).join(", ")}) and line ${line} compares with \`==\` or \`!=\`. Calculations with decimals can come out a tiny bit off, so an exact comparison says ${code(pyRepr(actual))} where ${code(pyRepr(expected))} was right.`,
    line,
  );
}

export default defineConcept({
  lesson: `
**The idea.** Computers store most decimal numbers (floats) only approximately, so sums can come out a
tiny bit off. Comparing two floats with \`==\` can fail even when they "should" be equal.

\`\`\`python
0.1 + 0.2                    # 0.30000000000000004
0.1 + 0.2 == 0.3             # False
abs((0.1 + 0.2) - 0.3) < 1e-9  # True: "close enough"
round(2.675, 2)              # 2.67 (2.675 is stored as 2.67499999...)
\`\`\`

**The usual mistake.** Comparing floats with \`==\`, or rounding too early (in the middle of a calculation)
instead of once at the end.
`,
  detect(facts) {
    const found: Signal[] = [];
    const { expected, actual } = failureValues(facts);
    const pair = expected && actual ? firstFloatPair(expected, actual) : null;
    if (pair) {
      const [e, a] = pair;
      const x = numberValue(e)!;
      const y = numberValue(a)!;
      const gap = Math.abs(x - y);
      const shown = `You returned ${code(pyRepr(a))} and the test expected ${code(pyRepr(e))}`;
      if (gap > 0 && gap <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y))) {
        found.push(signal(0.8, `${shown}: they differ only far after the decimal point. Computers store most decimals slightly inaccurately, so tiny differences like this appear.`));
      } else if (gap > 0 && gap <= 0.0100001) {
        found.push(signal(0.4, `${shown}: they differ only in the last decimal place. Check how and when your code rounds: rounding once, at the end, is safest.`));
      }
    }
    const decimals = facts.failure && facts.verdict !== "syntax-error" ? wrongAnswerOnDecimals(facts) : null;
    if (decimals) found.push(decimals);
    return found;
  },
  hints: {
    nudge: () => "Your number is very close to the right one. Where could a tiny difference in the decimals come from?",
    where: () => "Look at where your code calculates with decimals, rounds, or compares decimals with `==`. Floats are approximate: round once at the end, and compare with a small tolerance.",
    plan: () => [
      "Find each place where the result is calculated, rounded or compared.",
      "Do the whole calculation first, and round only once, at the very end, if the exercise asks for rounding.",
      "Where you compare decimals, check whether they are close (their difference is tiny) instead of exactly equal.",
      "Run the failing test again and compare the digits of your result with the expected ones.",
    ],
  },
});
