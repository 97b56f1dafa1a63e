// string immutability: text can't be changed in place; string methods give back a new string.
// This module reads the failing case: the TypeError or AttributeError of changing a string in place, or the
// input text given back unchanged. A string method whose result is thrown away (`text.upper()` on its own line)
// is the analyzer's finding (runner-image/tutor_analysis/detectors/string_immutability.py); a wrong text result
// confirms it.
import { pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { failureValues, repairedAspect, thrownMatching } from "./reading-facts";
import { code } from "./wording";

export default defineConcept({
  lesson: `
**The idea.** Once a string (text) is made, it can't be changed. Methods like \`upper()\`, \`replace()\` and
\`strip()\` don't change the text: they give you back a *new* string, which you must store or use.

\`\`\`python
name = "ada"
name.upper()          # makes "ADA" and throws it away: name is still "ada"
name = name.upper()   # keep it: name is now "ADA"
name[0] = "A"         # TypeError: a string can't be changed letter by letter
\`\`\`

**The usual mistake.** Calling \`text.upper()\` on its own line and expecting \`text\` to change, or assigning to
one position of a string. Build a new string instead.
`,
  detect(facts, findings) {
    const found: Signal[] = [];
    const assign = thrownMatching(facts, ["TypeError"], /'str' object does not support item (assignment|deletion)/);
    if (assign) found.push(signal(0.95, `Line ${assign.line ?? "?"} tries to change one character of a string. Strings can't be changed in place: build a new string instead.`, assign.line));
    const listMethod = thrownMatching(facts, ["AttributeError"], /'str' object has no attribute '(append|remove|insert|pop|sort|reverse|extend|clear)'/);
    if (listMethod) {
      found.push(signal(0.75, `Strings have no \`${listMethod.match?.[1]}()\`: that's a list method. Text can't be changed in place; you build a new string (for example with \`+\`).`, listMethod.line));
    }
    if (!facts.failure || facts.verdict === "syntax-error") return found;
    const lost = repairedAspect(facts, ["discarded"]);
    if (lost) {
      found.push(signal(0.8, `Running your code with small changes points at line ${lost.line}${lost.text ? ` (${code(lost.text.trim())})` : ""}: it makes a new string, and nothing keeps it.`, lost.line));
    }
    const { parsedCall, expected, actual } = failureValues(facts);
    const input = parsedCall?.args[0];
    if (input?.t === "str" && actual?.t === "str" && expected?.t === "str" && actual.v === input.v && expected.v !== input.v) {
      found.push(signal(0.6, `Your function gave back ${code(pyRepr(actual))}, exactly the text it was given: string methods such as \`upper()\` make a new string and leave the original as it was.`));
    } else if (findings.length > 0 && actual?.t === "str" && expected?.t === "str" && actual.v !== expected.v) {
      // The analyzer saw a string method's result thrown away, and the text that came back is wrong: that's it.
      found.push(signal(0.55, `Your function gave back ${code(pyRepr(actual))} instead of ${code(pyRepr(expected))}: the new string a string method made was thrown away, so its change never reached the result.`));
    }
    return found;
  },
  hints: {
    nudge: () => "When you call a method like `upper()` on your text, where does the new text go? Does the original change?",
    where: () => "Look for string methods (`upper`, `replace`, `strip`, …) whose result isn't stored, or for an attempt to change one character of a string. Strings never change: methods give back a new one.",
    plan: () => [
      "Find each place where you call a string method or try to change part of a string.",
      "Remember that the original text stays the same: the method's answer is a brand-new string.",
      "Store that new string in a variable (it may be the same name), or use it directly.",
      "To change characters one by one, build a new string piece by piece instead.",
    ],
  },
});
