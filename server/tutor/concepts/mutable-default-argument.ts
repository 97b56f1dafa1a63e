// mutable default argument: `def f(items=[])` makes one list that every call shares and keeps changing.
// The shared default that the function changes is the analyzer's finding (runner-image/tutor_analysis/
// detectors/mutable_default_argument.py); this module only lets the failing case confirm it: the result has the
// expected items plus leftovers from an earlier call. When the analysis could not run, this concept has no
// evidence; no second reading of the code is kept here as a fallback.
import { type PyValue, pyEquals, pyRepr } from "../../grading/values";
import { defineConcept, signal } from "./concept-module";
import { itemsOf } from "./python-literals";
import { failureValues } from "./reading-facts";
import { code } from "./wording";

/** What one call can leave behind for the next: a list's, tuple's or set's items, a dictionary's key-value pairs. */
function contentsOf(v: PyValue | null): PyValue[] | null {
  if (v?.t === "dict") return v.items.map(([key, value]): PyValue => ({ t: "tuple", items: [key, value] }));
  if (v?.t === "set" || v?.t === "frozenset") return v.items;
  return itemsOf(v);
}

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
  detect(facts, findings) {
    if (findings.length === 0 || !facts.failure) return [];
    const { expected, actual } = failureValues(facts);
    const e = contentsOf(expected);
    const a = contentsOf(actual);
    if (!e || !a || a.length <= e.length || !e.every((item) => a.some((x) => pyEquals(x, item)))) return [];
    return [signal(0.6, `Your result ${code(pyRepr(actual!))} has extra items on top of the expected ${code(pyRepr(expected!))}: leftovers from an earlier call?`)];
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
