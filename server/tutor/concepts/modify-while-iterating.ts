// modifying a collection while looping over it: items get skipped, or the loop never ends. This module reads
// Python's RuntimeError for a dictionary or set that changed size; a list changed inside the loop over it raises
// nothing, and is the analyzer's finding (runner-image/tutor_analysis/detectors/modify_while_iterating.py); a
// case that runs out of time or memory confirms it.
import { defineConcept, signal } from "./concept-module";
import { thrownMatching } from "./reading-facts";

export default defineConcept({
  lesson: `
**The idea.** A \`for\` loop walks through a list position by position. If you remove items while it walks,
everything after shifts left and the loop skips the next item. If you add items, the loop may never reach
the end. Dictionaries and sets refuse outright (\`RuntimeError\`).

\`\`\`python
numbers = [2, 4, 5]
for n in numbers:
    if n % 2 == 0:
        numbers.remove(n)   # skips 4: numbers ends up [4, 5]

evens_removed = [n for n in numbers if n % 2 != 0]   # build a new list instead
\`\`\`

**The usual mistake.** Calling \`remove\`, \`append\` or \`pop\` on the very list the loop goes through. Build a
new list, or loop over a copy.
`,
  detect(facts, findings) {
    const changed = thrownMatching(facts, ["RuntimeError"], /changed size during iteration/);
    if (changed) return [signal(0.9, "Python stopped because a dictionary or set changed size while a loop was going through it.", changed.line)];
    const f = facts.failure;
    if (findings.length > 0 && (f?.status === "timeout" || f?.status === "memory-limit")) {
      // The analyzer saw the loop change its own list, and the case never finished: the list kept growing.
      const ran = f.status === "timeout" ? "ran out of time" : "used up all its memory";
      return [signal(0.5, `Your code ${ran}: a loop that adds to the list it goes through keeps finding new items, so it never reaches the end.`)];
    }
    return [];
  },
  hints: {
    nudge: () => "While your loop walks through the list, is anything adding to it or taking from it at the same time?",
    where: () => "Look for `append`, `remove`, `pop` or `del` on the same list (or dictionary) that the `for` loop is going through.",
    plan: () => [
      "Find the loop and the list (or dictionary) it goes through.",
      "Leave that list alone inside the loop: create a new, empty list before the loop instead.",
      "Inside the loop, add the items you want to keep to the new list.",
      "After the loop, use (or return) the new list.",
    ],
  },
});
