// unbound local: a variable assigned somewhere in a function is that function's own, so reading it before
// the assignment fails, even if a variable with that name exists outside.
import { defineConcept, signal, type Signal } from "./concept-module";
import { thrown } from "./reading-facts";

const PATTERN = /local variable '(\w+)' referenced before assignment|cannot access local variable '(\w+)'/;

export default defineConcept({
  lesson: `
**The idea.** When a function assigns to a variable anywhere (\`total = ...\` or \`total += ...\`), Python treats
it as the function's *own* variable, from the first line. Reading it before it gets a value is an
\`UnboundLocalError\`, even if a variable with the same name exists outside the function.

\`\`\`python
def add_all(numbers):
    for n in numbers:
        total += n     # UnboundLocalError: total has no value yet
    return total
\`\`\`

**The usual mistake.** Forgetting to give the variable a starting value (\`total = 0\`) at the top of the
function, or only setting it inside an \`if\` that didn't run.
`,
  detect(facts) {
    const e = thrown(facts);
    if (!e || (e.type !== "UnboundLocalError" && e.type !== "NameError")) return [];
    const m = PATTERN.exec(e.message);
    if (!m && e.type !== "UnboundLocalError") return [];
    const name = m?.[1] ?? m?.[2];
    const found: Signal[] = [
      signal(
        0.95,
        name
          ? `Line ${e.line ?? "?"} reads \`${name}\` before it has been given a value inside the function. Because the function assigns to \`${name}\` somewhere, Python treats it as the function's own variable from the start.`
          : `Line ${e.line ?? "?"} reads a variable before it has been given a value inside the function.`,
        e.line,
      ),
    ];
    return found;
  },
  hints: {
    nudge: () => "At the moment that line runs, has the variable been given a value yet, on every path through your function?",
    where: () => "Find where the variable gets its first value. It must happen before any line that reads it, and not only inside an `if` or a loop that might not run.",
    plan: () => [
      "Find the variable Python names in the error.",
      "Decide what its starting value should be (for example 0 for a total, or an empty list).",
      "Give it that value near the top of the function, before the loop or `if` that uses it.",
      "Run the failing test again.",
    ],
  },
});
