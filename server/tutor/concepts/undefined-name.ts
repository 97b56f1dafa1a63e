// undefined name: a name Python doesn't know, usually a typo, a wrong capital letter, or a variable that only
// exists in another function.
import { defineConcept, signal, type Signal } from "./concept-module";
import { entryFunction, thrownMatching } from "./reading-facts";

const PYTHON_SPELLING: Record<string, string> = { true: "True", false: "False", none: "None", null: "None", nil: "None", TRUE: "True", FALSE: "False", NONE: "None" };

/** Edit distance up to 2, enough to spot typos; larger distances come back as 3. */
function closeness(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return Math.min(prev[b.length]!, 3);
}

export default defineConcept({
  lesson: `
**The idea.** Python only knows a name (a variable or function) after it has been created: assigned with
\`=\`, defined with \`def\`, imported, or built in. Names are case-sensitive: \`Total\` and \`total\` are different.

\`\`\`python
def greet(name):
    return "Hi " + nmae   # NameError: name 'nmae' is not defined (a typo)
\`\`\`

**The usual mistake.** A typo, a different capital letter (\`true\` instead of \`True\`), text without quotes
(\`hello\` instead of \`"hello"\`), or a variable that only exists inside another function.
`,
  detect(facts) {
    const found: Signal[] = [];
    const e = thrownMatching(facts, ["NameError"], /name '(\w+)' is not defined/);
    const name = e?.match?.[1];
    if (!e || !name) return found;
    const spelled = PYTHON_SPELLING[name];
    const fn = entryFunction(facts);
    const known = [...(fn?.params.map((p) => p.name) ?? []), ...facts.analysis.functions.map((f) => f.name)];
    const suggestion = /Did you mean: '(\w+)'/.exec(e.message)?.[1] ?? known.find((k) => k !== name && closeness(k, name) <= (name.length > 3 ? 2 : 1));
    const evidence = spelled
      ? `Python doesn't know the name \`${name}\` (NameError). Python writes it \`${spelled}\`, with a capital letter.`
      : suggestion
        ? `Python doesn't know the name \`${name}\` (NameError). Did you mean \`${suggestion}\`?`
        : `Python doesn't know the name \`${name}\` (NameError) at line ${e.line ?? "?"}: it was never created, is spelled differently, or needs quotes if it's meant to be text.`;
    found.push(signal(0.9, evidence, e.line));
    return found;
  },
  hints: {
    nudge: () => "Where in your code is that name created? Is it spelled exactly the same there, with the same capital letters?",
    where: () => "Compare the name Python complains about with the names your code creates: parameters, variables, functions. A typo or a different capital letter makes it a different name.",
    plan: () => [
      "Read the name in the error carefully, letter by letter.",
      "Search your code for where that name should be created (a parameter, a variable assigned with `=`, a `def`).",
      "If it's a typo or a wrong capital letter, make both spellings the same. If it's meant to be text, put it in quotes.",
      "If it's created only inside another function, pass it in as an argument or return it from there.",
    ],
  },
});
