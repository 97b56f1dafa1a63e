// shadowed builtin: a variable named like one of Python's own functions (list, sum, str, ...) hides it.
// This module reads the failing case: "'int' object is not callable" on a line that calls a built-in the code
// reuses as a name (the analysis's shadowedBuiltins). The name reused, and where, is the analyzer's finding
// (runner-image/tutor_analysis/detectors/shadowed_builtin.py).
import { defineConcept, signal } from "./concept-module";
import { thrownMatching } from "./reading-facts";

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export default defineConcept({
  lesson: `
**The idea.** Python has built-in functions such as \`list\`, \`str\`, \`sum\`, \`max\`, \`len\` and \`input\`. If you
use one of these names for your own variable, your variable hides the built-in: from then on, that name means
your value.

\`\`\`python
sum = 0
for n in [1, 2, 3]:
    sum = sum + n
sum([4, 5])   # TypeError: 'int' object is not callable
\`\`\`

**The usual mistake.** Naming a variable \`list\`, \`str\`, \`sum\` or \`max\`. Pick a descriptive name instead:
\`numbers\`, \`text\`, \`total\`, \`biggest\`.
`,
  detect(facts) {
    const notCallable = thrownMatching(facts, ["TypeError"], /'(\w+)' object is not callable/);
    if (!notCallable) return [];
    const hidden = facts.analysis.shadowedBuiltins.find((name) => new RegExp(`(^|[^\\w.])${escape(name)}\\s*\\(`).test(notCallable.lineText ?? ""));
    return [
      hidden
        ? signal(0.9, `On line ${notCallable.line ?? "?"}, \`${hidden}(...)\` no longer means Python's own \`${hidden}\`: your code gave the name \`${hidden}\` ${withArticle(notCallable.match?.[1] ?? "new")} value, and a value can't be called like a function.`, notCallable.line)
        : signal(0.45, `Something that isn't a function (${withArticle(notCallable.match?.[1] ?? "value")}) was called with \`( )\`. That happens when a variable has the same name as a function.`, notCallable.line),
    ];
  },
  hints: {
    nudge: () => "Are any of your variable names also the names of Python's own functions, like `list`, `sum` or `str`?",
    where: () => "Look for a variable or parameter named like a built-in function. After you assign to that name, Python can no longer use the built-in.",
    plan: () => [
      "List the names your code assigns to (variables, parameters, loop variables).",
      "Spot any that Python already uses, such as `list`, `str`, `sum`, `max`, `min`, `len` or `input`.",
      "Rename each one to something that describes what it holds, everywhere it's used.",
      "Run the tests again.",
    ],
  },
});
