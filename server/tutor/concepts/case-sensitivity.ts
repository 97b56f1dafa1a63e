// case sensitivity: "Hello" and "hello" are different strings to Python.
import type { PyValue } from "../../grading/values";
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { numberValue } from "./python-literals";
import { failureValues } from "./reading-facts";
import { code } from "./wording";

function lowercased(v: PyValue): PyValue {
  switch (v.t) {
    case "str":
      return { ...v, v: v.v.toLowerCase() };
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      return { ...v, items: v.items.map(lowercased) };
    case "dict":
      return { ...v, items: v.items.map(([k, x]) => [lowercased(k), lowercased(x)] as [PyValue, PyValue]) };
    default:
      return v;
  }
}

/** A dictionary of counts whose keys, once lowercased and merged, give the expected dictionary. */
function countsSplitByCase(expected: PyValue, actual: PyValue): boolean {
  if (expected.t !== "dict" || actual.t !== "dict") return false;
  const merged = new Map<string, number>();
  for (const [k, v] of actual.items) {
    const n = numberValue(v);
    if (k.t !== "str" || n === null) return false;
    merged.set(k.v.toLowerCase(), (merged.get(k.v.toLowerCase()) ?? 0) + n);
  }
  const wanted: PyValue = { t: "dict", items: [...merged].map(([k, n]) => [{ t: "str", v: k }, { t: "int", v: BigInt(Math.round(n)) }]) };
  return merged.size < actual.items.length && pyEquals(wanted, expected);
}

export default defineConcept({
  lesson: `
**The idea.** To Python, \`"A"\` and \`"a"\` are different characters, so \`"Hello" == "hello"\` is \`False\`. When
case shouldn't matter, convert both sides to the same case first with \`.lower()\` (or \`.upper()\`).

\`\`\`python
"Hello" == "hello"                  # False
"Hello".lower() == "hello".lower()  # True
\`\`\`

**The usual mistake.** Comparing or counting words without converting them first, so "The" and "the" are
treated as two different words, or returning text in the wrong case.
`,
  detect(facts) {
    const found: Signal[] = [];
    const { expected, actual } = failureValues(facts);
    if (!expected || !actual || pyEquals(expected, actual)) return found;
    if (pyEquals(lowercased(expected), lowercased(actual))) {
      found.push(signal(actual.t === "str" ? 0.8 : 0.85, `You returned ${code(pyRepr(actual))} and the test expected ${code(pyRepr(expected))}: the same letters, but in different upper/lower case. Python treats "A" and "a" as different.`));
    } else if (countsSplitByCase(expected, actual)) {
      found.push(signal(0.85, `Your dictionary ${code(pyRepr(actual))} counts the same word written in different upper/lower case as different words. Python treats "The" and "the" as different unless you convert them.`));
    }
    return found;
  },
  hints: {
    nudge: () => "Look closely at the letters in your answer and in the expected one. Is there any difference in capital letters?",
    where: () => "Look at where you compare, count or return text. Python treats upper and lower case letters as different unless you convert them with `.lower()` or `.upper()`.",
    plan: () => [
      "Find the point where the text enters your function, or where words are compared or counted.",
      "Decide which case the result should use (the exercise says so).",
      "Convert the text to that case once, before comparing or counting, and use the converted text from then on.",
      "Test with the same word written in different cases.",
    ],
  },
});
