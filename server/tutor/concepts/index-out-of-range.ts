// index out of range: asking for a position that a list or string doesn't have.
import { defineConcept, signal, type Signal } from "./concept-module";
import { thrownMatching } from "./reading-facts";

export default defineConcept({
  lesson: `
**The idea.** Positions in a list or string start at 0, so the last position is \`len(x) - 1\`. Asking for a
position that isn't there raises an \`IndexError\`. An empty list or string has no positions at all, not even 0.

\`\`\`python
letters = ["a", "b", "c"]
letters[2]    # "c": the last one
letters[3]    # IndexError: list index out of range
""[0]         # IndexError: an empty string has no first character
\`\`\`

**The usual mistake.** Looping one step too far (\`range(len(x) + 1)\`), reading \`x[i + 1]\` on the last round,
or reading \`x[0]\` or \`x[-1]\` without checking that \`x\` isn't empty.
`,
  detect(facts) {
    const found: Signal[] = [];
    const e = thrownMatching(facts, ["IndexError"]);
    if (!e) return found;
    const what = /string index/.test(e.message) ? "text" : /tuple index/.test(e.message) ? "tuple" : "list";
    const popEmpty = /pop from empty/.test(e.message);
    const empty = /empty/i.test(facts.failure?.hiddenDescription ?? "");
    const evidence = popEmpty
      ? "Your code took an item out of an empty list with `pop()` (IndexError)."
      : `Your code asked for a position that the ${what} doesn't have (IndexError). Positions go from 0 to the length minus 1.`;
    found.push(signal(0.85, empty ? `${evidence} This test's input is empty, so it has no positions at all, not even 0.` : evidence, e.line));
    return found;
  },
  hints: {
    nudge: () => "On that line, how long is the list or text, and which position is your code asking for?",
    where: () => "Look at the position inside the `[ ]` on that line. It must be at least 0 and less than the length; an empty list or text has no positions at all.",
    plan: () => [
      "Find the `[ ]` on the line Python points at.",
      "For the failing input, work out the length of the list or text and the position being asked for.",
      "If the position can reach the length, stop the loop one step earlier; if the input can be empty, handle that case first.",
      "Try an empty input and a one-item input to check.",
    ],
  },
});
