// off by one: a loop, range or slice that starts or stops one step too early or too late. This module reads the
// failing case: a result one away, or one item or character short or long, and an IndexError. A loop over
// positions that goes one step too far or stops one short (`range(len(x) - 1)` and the like) is the analyzer's
// finding (runner-image/tutor_analysis/detectors/off_by_one.py).
import type { PyValue } from "../../grading/values";
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf } from "./python-literals";
import { failureValues, repairedAspect, thrownMatching } from "./reading-facts";
import { code } from "./wording";

function isPrefix(short: PyValue[], long: PyValue[]): boolean {
  return short.every((item, i) => pyEquals(item, long[i]!));
}
function isSuffix(short: PyValue[], long: PyValue[]): boolean {
  const offset = long.length - short.length;
  return short.every((item, i) => pyEquals(item, long[i + offset]!));
}

/** How a result of one item or character too many or too few differs, in words, or null. */
function oneStepOff(expected: PyValue, actual: PyValue): { score: number; evidence: string } | null {
  const shown = `You returned ${code(pyRepr(actual))} and the test expected ${code(pyRepr(expected))}`;
  if (expected.t === "int" && actual.t === "int") {
    const diff = actual.v - expected.v;
    if (diff === 1n || diff === -1n) return { score: 0.6, evidence: `${shown}: just one away, the classic sign of a loop or count that goes one step too far or stops one step short.` };
  }
  const e = itemsOf(expected);
  const a = itemsOf(actual);
  if (e && a && expected.t === actual.t && Math.abs(e.length - a.length) === 1) {
    const [short, long] = a.length < e.length ? [a, e] : [e, a];
    const what = a.length < e.length ? "one item short" : "one item too many";
    const end = isPrefix(short, long) ? " at the end" : isSuffix(short, long) ? " at the start" : "";
    const score = a.length < e.length ? (end ? 0.7 : 0.45) : end ? 0.5 : 0.35;
    return { score, evidence: `${shown}: your list is ${what}${end}, as if the loop or slice stopped one step too early or went one step too far.` };
  }
  if (expected.t === "str" && actual.t === "str" && Math.abs(expected.v.length - actual.v.length) === 1) {
    const [short, long] = actual.v.length < expected.v.length ? [actual.v, expected.v] : [expected.v, actual.v];
    if (long.startsWith(short) || long.endsWith(short)) {
      const what = actual.v.length < expected.v.length ? "one character short" : "one character too long";
      return { score: 0.5, evidence: `${shown}: your text is ${what}. Check where your slice or loop over the characters starts and stops.` };
    }
  }
  return null;
}

export default defineConcept({
  lesson: `
**The idea.** Loops and slices have a start and a stop, and it is easy to be one step off. In Python,
\`range(n)\` gives 0, 1, …, n-1 (it stops *before* n), and \`text[a:b]\` stops *before* position b.

\`\`\`python
for i in range(1, 4):   # i is 1, 2, 3 (not 4)
    print(i)
\`\`\`

**The usual mistake.** Writing \`range(1, n)\` when you need 1 to n (that is \`range(1, n + 1)\`), or using \`<=\`
where \`<\` was needed. The result is one too small, one too big, or one item short.
`,
  detect(facts) {
    const found: Signal[] = [];
    const { expected, actual } = failureValues(facts);
    if (expected && actual) {
      const off = oneStepOff(expected, actual);
      if (off) found.push(signal(off.score, off.evidence));
    }
    const repaired = repairedAspect(facts, ["boundary", "range", "number"]);
    if (repaired) {
      const where = `line ${repaired.line}${repaired.text ? ` (${code(repaired.text.trim())})` : ""}`;
      found.push(
        signal(
          0.8,
          repaired.aspect === "boundary"
            ? `Running your code with small changes points at the comparison on ${where}: whether its boundary value itself counts decides the failing tests.`
            : `Running your code with small changes points at ${where}: a start, an end or a count there is one step off.`,
          repaired.line,
        ),
      );
    }
    const indexError = thrownMatching(facts, ["IndexError"]);
    if (indexError) {
      found.push(signal(0.35, "An IndexError often means a loop went one step further than the list or text is long.", indexError.line));
    }
    return found;
  },
  hints: {
    nudge: () => "Your answer is only one step away from the right one. How many times does your loop run, and how many times should it?",
    where: () => "Check where your loop, `range` or slice starts and where it stops. Remember that `range(n)` counts 0, 1, … up to n-1: it stops just before n.",
    plan: () => [
      "Take the failing test's input and write down, on paper, every value your loop variable takes.",
      "Compare the first and the last value with the ones you actually need.",
      "Move the start or the end by one (or let a comparison include or leave out its boundary), whichever fixes the first or last step.",
      "Try an input with a single item and an empty input too: they show these mistakes quickly.",
    ],
  },
});
