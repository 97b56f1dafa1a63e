// recursion base case: a function that calls itself needs a case where it stops calling itself.
import { defineConcept, signal, type Signal } from "./concept-module";
import { entryFunction, repairedAspect, thrownMatching } from "./reading-facts";
import { code } from "./wording";

export default defineConcept({
  lesson: `
**The idea.** A recursive function calls itself on a *smaller* problem. It needs a **base case**: an input so
small that it answers straight away, without calling itself. Every call must get closer to the base case.

\`\`\`python
def countdown(n):
    if n == 0:              # base case: stop here
        return "liftoff"
    return countdown(n - 1) # smaller problem: n - 1
\`\`\`

**The usual mistake.** No base case, a base case that some inputs skip past (like \`n == 0\` when \`n\` is
negative), or calling itself with the same input instead of a smaller one. Python gives up with a
\`RecursionError\`.
`,
  detect(facts) {
    const found: Signal[] = [];
    const tooDeep = thrownMatching(facts, ["RecursionError"]);
    if (tooDeep) {
      found.push(signal(0.9, "Your function called itself again and again without stopping (RecursionError): it never reached a base case, a case that answers without calling itself.", tooDeep.line));
    }
    const fn = entryFunction(facts);
    const repaired = repairedAspect(facts, ["boundary", "condition", "number", "variable"]);
    const around = repaired ? facts.analysis.functions.find((f) => f.recursive && f.line < repaired.line && repaired.line <= f.endLine) : undefined;
    // A condition or an answer that does not call the function again: the base case, where the recursion stops.
    if (repaired && around && !new RegExp(`\\b${around.name}\\s*\\(`).test(repaired.text ?? "")) {
      found.push(signal(0.85, `Running your code with small changes points at line ${repaired.line}${repaired.text ? ` (${code(repaired.text.trim())})` : ""}, in \`${around.name}\`'s base case: when the recursion stops, or what it answers there.`, repaired.line));
    }
    if (fn?.recursive && facts.failure?.status === "timeout") {
      // Without a loop in the function, the recursion is the only thing that can run forever.
      found.push(signal(fn.loops === 0 ? 0.55 : 0.35, `\`${fn.name}\` calls itself, and it ran out of time: check that every call gets closer to the base case.`, fn.line));
    }
    return found;
  },
  hints: {
    nudge: () => "Your function calls itself. For which input does it give an answer without calling itself, and does every input get there?",
    where: () => "Look at the `if` that should stop the recursion (the base case) and at the call your function makes to itself: is its argument smaller, moving towards the base case?",
    plan: () => [
      "Write down the smallest input your function could get, and what it should return for it: that's your base case.",
      "Make sure the function checks for the base case first and returns without calling itself.",
      "In the call to itself, check that the argument gets smaller (for example one less, or a shorter list).",
      "Follow the failing input by hand: every call should move closer to the base case.",
    ],
  },
});
