// infinite loop: a loop whose condition never becomes false, so the code runs until it is stopped.
// This module reads how the failing case stopped (time, output or memory ran out); the loop that can't end, a
// `while True` with no way out or a condition nothing in the loop changes, is the analyzer's finding
// (runner-image/tutor_analysis/detectors/infinite_loop.py).
import { defineConcept, signal, type Signal } from "./concept-module";
import { entryFunction } from "./reading-facts";
import { code } from "./wording";

export default defineConcept({
  lesson: `
**The idea.** A \`while\` loop repeats as long as its condition is \`True\`. Something inside the loop must
change, so that one day the condition becomes \`False\` and the loop stops.

\`\`\`python
n = 5
while n > 0:
    print(n)
    n = n - 1     # without this line, n stays 5 and the loop never ends
\`\`\`

**The usual mistake.** Forgetting to update the variable in the condition, updating the wrong variable, or a
condition that can never be false for some inputs (like \`n != 0\` when \`n\` goes past 0, or negative input).
`,
  detect(facts) {
    const found: Signal[] = [];
    const f = facts.failure;
    if (!f) return found;
    const fn = entryFunction(facts);
    const on = f.call ? ` on ${code(f.call)}` : "";
    if (f.status === "timeout") {
      const onlyRecursion = fn !== null && fn.loops === 0 && fn.recursive;
      found.push(signal(onlyRecursion ? 0.4 : 0.7, `Your code was still running${on} when time ran out: a loop that never ends is the usual reason.`));
    } else if (f.status === "output-limit") {
      found.push(signal(0.55, `Your code printed without stopping${on}: that usually means a loop with a \`print\` inside never ends.`));
    } else if (f.status === "memory-limit") {
      found.push(signal(0.4, `Your code used up all its memory${on}: a loop that never ends while it keeps adding to a list or text can do that.`));
    }
    return found;
  },
  hints: {
    nudge: () => "Pick the loop in your code and ask: what has to happen for it to stop? Does that always happen?",
    where: () => "Look at your loop's condition and at the variables it uses. Something inside the loop must change them so the condition eventually becomes false.",
    plan: () => [
      "Find the loop and write down the condition that keeps it going.",
      "Take the failing input and follow the loop by hand for two or three rounds, noting the variables each time.",
      "Check that each round moves the variables closer to making the condition false, for every kind of input (zero, negative, empty).",
      "Change the update or the condition so the loop is sure to finish.",
    ],
  },
});
