// shadowed builtin: a variable named like one of Python's own functions (list, sum, str, ...) hides it.
import { defineConcept, signal, type Signal } from "./concept-module";
import { linesMatching, thrownMatching } from "./reading-facts";

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
    const found: Signal[] = [];
    const shadowed = facts.analysis.shadowedBuiltins;
    const notCallable = thrownMatching(facts, ["TypeError"], /'(\w+)' object is not callable/);
    if (notCallable) {
      const hidden = shadowed.find((name) => new RegExp(`(^|[^\\w.])${escape(name)}\\s*\\(`).test(notCallable.lineText ?? ""));
      found.push(
        hidden
          ? signal(0.9, `On line ${notCallable.line ?? "?"}, \`${hidden}(...)\` no longer means Python's own \`${hidden}\`: your code gave the name \`${hidden}\` ${withArticle(notCallable.match?.[1] ?? "new")} value, and a value can't be called like a function.`, notCallable.line)
          : signal(0.45, `Something that isn't a function (${withArticle(notCallable.match?.[1] ?? "value")}) was called with \`( )\`. That happens when a variable has the same name as a function.`, notCallable.line),
      );
    }
    if (facts.failure && shadowed.length > 0) {
      const name = shadowed[0]!;
      const line = linesMatching(facts, new RegExp(`(^|[^\\w.])${escape(name)}\\s*(=[^=]|\\+=|-=)|def\\s+\\w+\\(.*\\b${escape(name)}\\b|for\\s+${escape(name)}\\b`))[0];
      found.push(signal(0.4, `Your code uses \`${name}\` as a variable name, which hides Python's own \`${name}\`${shadowed.length > 1 ? ` (and ${shadowed.length - 1} more such name${shadowed.length > 2 ? "s" : ""})` : ""}.`, line));
    }
    return found;
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
