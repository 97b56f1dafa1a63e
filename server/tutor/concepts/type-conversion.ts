// type conversion: text and numbers mixed without converting (str(), int(), float()).
import type { PyValue } from "../../grading/values";
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf } from "./python-literals";
import { failureValues, thrown } from "./reading-facts";
import { code } from "./wording";

const NUMBER = new Set(["int", "float"]);

/** A number returned as its text (or text as a number), possibly inside a list. */
function numberTextMixup(expected: PyValue, actual: PyValue): Signal | null {
  const shown = `You returned ${code(pyRepr(actual))} and the test expected ${code(pyRepr(expected))}`;
  if (actual.t === "str" && NUMBER.has(expected.t)) {
    if (actual.v === pyRepr(expected)) return signal(0.85, `${shown}: the right number, but as text (a str) instead of a number. The quotes show it is text.`);
    if (/^-?\d+(\.\d+)?$/.test(actual.v)) return signal(0.55, `${shown}: text made of digits instead of a number. Adding texts with \`+\` glues them together ("1" + "2" is "12") instead of adding them.`);
  }
  if (expected.t === "str" && NUMBER.has(actual.t) && expected.v === pyRepr(actual)) {
    return signal(0.8, `${shown}: the right digits, but as a number instead of text (a str).`);
  }
  const e = itemsOf(expected);
  const a = itemsOf(actual);
  if (e && a && e.length === a.length) {
    const i = e.findIndex((item, j) => !pyEquals(item, a[j]!));
    if (i >= 0) {
      const inner = numberTextMixup(e[i]!, a[i]!);
      if (inner) return signal(inner.score * 0.95, `Item ${i + 1} of your list is ${code(pyRepr(a[i]!))} but should be ${code(pyRepr(e[i]!))}: a number and its text look alike but are different types.`);
    }
  }
  return null;
}

interface MessageRule {
  pattern: RegExp;
  score: number;
  evidence: string;
}

// Exceptions that mix None into an operation belong to none-value, not here.
const RULES: MessageRule[] = [
  {
    pattern: /can only concatenate str \(not "(?:int|float)"\) to str/,
    score: 0.85,
    evidence: "Python can't join text and a number with `+`: it doesn't know whether you mean adding or gluing. Convert one of them first, with `str(...)` or `int(...)`.",
  },
  {
    pattern: /unsupported operand type\(s\) for .{1,3}: '(?:str|int|float)' and '(?:str|int|float)'/,
    score: 0.8,
    evidence: "Python can't do arithmetic between text (str) and a number. Convert the text to a number with `int(...)` or `float(...)`, or the number to text with `str(...)`.",
  },
  {
    pattern: /'[<>]=?' not supported between instances of '(?:str|int|float)' and '(?:str|int|float)'/,
    score: 0.75,
    evidence: "Python can't compare text with a number using `<` or `>`. Convert them to the same type first.",
  },
  {
    pattern: /can't multiply sequence by non-int of type '(?:str|float)'/,
    score: 0.7,
    evidence: "Text or a list can only be multiplied by a whole number (`'ab' * 3` repeats it). The other side was text or a float: convert it first.",
  },
  {
    pattern: /invalid literal for int\(\)|could not convert string to float/,
    score: 0.75,
    evidence: "`int()` or `float()` was given text that isn't a number (it may have spaces, letters or be empty). Only convert text that holds just a number.",
  },
  {
    pattern: /'(?:int|float)' object is not (?:iterable|subscriptable)|object of type '(?:int|float)' has no len\(\)/,
    score: 0.55,
    evidence: "A number can't be looped over, measured with `len()` or indexed like text. To work with a number's digits, turn it into text first with `str(...)`, or use `%` and `//`.",
  },
];

export default defineConcept({
  lesson: `
**The idea.** \`"5"\` (text, a \`str\`) and \`5\` (a number, an \`int\`) look alike but behave differently. Python
never converts between them by itself: you do it with \`int()\`, \`float()\` and \`str()\`.

\`\`\`python
"5" + "5"        # "55"   (text is glued together)
5 + 5            # 10
int("5") + 5     # 10
"Age: " + str(5) # "Age: 5"
\`\`\`

**The usual mistake.** Adding text to a number (\`TypeError\`), or returning \`"10"\` when the number \`10\` was
expected. The quotes in a result show it is text.
`,
  detect(facts) {
    const found: Signal[] = [];
    const { expected, actual } = failureValues(facts);
    const mixup = expected && actual ? numberTextMixup(expected, actual) : null;
    if (mixup) found.push(mixup);
    const e = thrown(facts);
    if (e && (e.type === "TypeError" || e.type === "ValueError")) {
      const rule = RULES.find((r) => r.pattern.test(e.message));
      if (rule) found.push(signal(rule.score, `${e.type}: ${rule.evidence}`, e.line));
    }
    return found;
  },
  hints: {
    nudge: () => "At the moment it went wrong, was each value text or a number? How could you check?",
    where: () => "Look at the values on both sides of the operation: one is text (a `str`) and the other a number, or the result has the wrong type. Python never converts between them for you.",
    plan: () => [
      "Find the line where text and numbers meet (or where the result is built).",
      "For each value there, decide: is it text or a number right now, and which should it be?",
      "Convert the one that is wrong, with `int(...)`, `float(...)` or `str(...)`, before it's used.",
      "Check that your function returns the type the exercise asks for: quotes around a result mean it's text.",
    ],
  },
});
