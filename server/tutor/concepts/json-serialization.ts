// hand-made record format: fields joined with "|" or "," and split again break as soon as a field contains the
// separator. The json module already solves this. The hand-made format itself is the analyzer's finding
// (runner-image/tutor_analysis/detectors/json_serialization.py); this module only lets a failing case confirm it:
// unpacking the split pieces went wrong. When the analysis could not run, this concept has no evidence; no second
// reading of the code is kept here as a fallback.
import { defineConcept, signal } from "./concept-module";
import { thrownMatching } from "./reading-facts";

export default defineConcept({
  lesson: `
**The idea.** To turn data into text (to save it or send it) and back again, don't invent your own format
with \`"|".join(...)\` and \`.split("|")\`. As soon as a value itself contains a \`|\` (or a comma), splitting cuts
it in the wrong place. **Use JSON here**: Python's \`json\` module writes and reads lists, dictionaries, text and
numbers safely.

\`\`\`python
import json
text = json.dumps(["Ada", "a|b", 36])   # '["Ada", "a|b", 36]'
back = json.loads(text)                 # ['Ada', 'a|b', 36]  (numbers stay numbers)
\`\`\`

**The usual mistake.** Joining fields with a separator and splitting them again: it breaks on values that
contain the separator, and every number comes back as text.
`,
  detect(facts, findings) {
    if (findings.length === 0) return [];
    const unpack = thrownMatching(facts, ["ValueError"], /(not enough|too many) values to unpack/);
    return unpack ? [signal(0.5, "Splitting gave a different number of pieces than your code expected: a value probably contained the separator.", unpack.line)] : [];
  },
  hints: {
    nudge: () => "What happens to your format if one of the values itself contains the character you split on?",
    where: () => "Look at where you join values with a separator and where you split them again. Instead of your own format, use JSON: `json.dumps` turns data into text and `json.loads` turns it back.",
    plan: () => [
      "Add `import json` at the top of your file.",
      "Where you join the values into one text, hand the whole list or dictionary to `json.dumps` instead.",
      "Where you split the text apart, give the text to `json.loads` to get the list or dictionary back.",
      "Test with a value that contains your old separator, and check that numbers come back as numbers.",
    ],
  },
});
