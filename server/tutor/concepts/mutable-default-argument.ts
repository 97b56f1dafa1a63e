// mutable default argument: `def f(items=[])` makes one list that every call shares and keeps changing.
import { pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal, type Signal } from "./concept-module";
import { itemsOf } from "./python-literals";
import { failureValues } from "./reading-facts";
import { code } from "./wording";

const MUTABLE_DEFAULT = /^(\[.*\]|\{.*\}|set\(\)|list\(\)|dict\(\))$/s;

export default defineConcept({
  lesson: `
**The idea.** A default value is created *once*, when Python reads the \`def\` line, not each time the function
is called. For a number or text that doesn't matter. For a list or dictionary it does: every call that uses
the default shares the same list, so what one call adds is still there in the next.

\`\`\`python
def add(item, items=[]):
    items.append(item)
    return items

add(1)   # [1]
add(2)   # [1, 2]   the list remembered the 1!
\`\`\`

**The usual mistake.** Writing \`=[]\` or \`={}\` as a default. Use \`None\` as the default and create a new list
inside the function when it is \`None\`.
`,
  detect(facts) {
    const found: Signal[] = [];
    const withMutableDefault = facts.analysis.functions.flatMap((fn) =>
      fn.params.filter((p) => p.default !== null && MUTABLE_DEFAULT.test(p.default.trim())).map((p) => ({ fn, p })),
    );
    const first = withMutableDefault[0];
    if (!first || !facts.failure) return found;
    found.push(
      signal(
        0.5,
        `\`${first.fn.name}\` gives \`${first.p.name}\` the default ${code(first.p.default!)}: that one object is made once and shared by every call, so changes pile up from call to call.`,
        first.fn.line,
      ),
    );
    const { expected, actual } = failureValues(facts);
    const e = itemsOf(expected);
    const a = itemsOf(actual);
    if (e && a && a.length > e.length && e.every((item) => a.some((x) => pyEquals(x, item)))) {
      found.push(signal(0.6, `Your result ${code(pyRepr(actual!))} has extra items on top of the expected ${code(pyRepr(expected!))}: leftovers from an earlier call?`));
    }
    return found;
  },
  hints: {
    nudge: () => "What happens if you call your function twice in a row? Does the second call start fresh?",
    where: () => "Look at the default values in your `def` line. A list or dictionary used as a default is made only once and shared by every call.",
    plan: () => [
      "In the `def` line, change the list or dictionary default to `None`.",
      "At the start of the function, check whether that parameter is `None`.",
      "If it is, create a new, empty list or dictionary right there, so every call gets its own.",
      "Call your function twice in a row to check the second result doesn't remember the first.",
    ],
  },
});
