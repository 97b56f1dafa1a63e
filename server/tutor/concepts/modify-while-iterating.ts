// modifying a collection while looping over it: items get skipped, or the loop never ends.
import { defineConcept, signal, type Signal } from "./concept-module";
import { loopBodies, thrownMatching } from "./reading-facts";
import { code } from "./wording";

/** A line inside `for x in items:` that adds to or removes from `items` itself. */
function changesWhileLooping(source: string): { line: number; name: string; grows: boolean } | null {
  for (const loop of loopBodies(source)) {
    if (!loop.iterable) continue;
    const name = loop.iterable.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const change = new RegExp(`(^|[^\\w.])${name}\\.(append|insert|extend|remove|pop|clear)\\(|^del\\s+${name}\\[`);
    const hit = loop.body.find((l) => change.test(l.text));
    if (hit) return { line: hit.line, name: loop.iterable, grows: /\.(append|insert|extend)\(/.test(hit.text) };
  }
  return null;
}

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
  detect(facts) {
    const found: Signal[] = [];
    const changed = thrownMatching(facts, ["RuntimeError"], /changed size during iteration/);
    if (changed) found.push(signal(0.9, "Python stopped because a dictionary or set changed size while a loop was going through it.", changed.line));
    const f = facts.failure;
    if (!f || facts.verdict === "syntax-error") return found;
    const change = changesWhileLooping(facts.code);
    if (change) {
      const effect = change.grows
        ? "the list keeps growing, so the loop may never reach its end"
        : "items shift when one is removed, so the loop skips some";
      found.push(signal(0.7, `Line ${change.line} changes ${code(change.name)} while the loop is still going through it: ${effect}.`, change.line));
    }
    return found;
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
