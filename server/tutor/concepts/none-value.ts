// None: Python's "nothing", given back by a function that ends without `return value` and by methods such as
// list.sort() that change something in place.
import { defineConcept, signal, type Signal } from "./concept-module";
import { entryFunction, failureValues, thrown } from "./reading-facts";

function noneOperation(message: string): string | null {
  const attr = /'NoneType' object has no attribute '(\w+)'/.exec(message);
  if (attr) return `Your code called \`.${attr[1]}\` on \`None\` (nothing). A variable there holds \`None\` instead of the value you expected, often because a function or a method like \`sort()\` gave back \`None\`.`;
  if (/'NoneType' object is not subscriptable/.test(message)) return "Your code used `[ ]` on `None` (nothing) instead of a list, text or dictionary. Where did that `None` come from?";
  if (/'NoneType' object is not iterable/.test(message)) return "Your code tried to loop over `None` (nothing) instead of a list or text. Where did that `None` come from?";
  if (/NoneType/.test(message)) return "Your code used `None` (nothing) in a calculation or call as if it were a real value. A function without `return`, or a method like `sort()`, gives back `None`.";
  return null;
}

export default defineConcept({
  lesson: `
**The idea.** \`None\` is Python's value for "nothing". A function gives back \`None\` when it ends without
\`return value\`. Methods that change a list in place, such as \`sort()\`, \`append()\` and \`reverse()\`, also give
back \`None\`.

\`\`\`python
numbers = [3, 1, 2]
result = numbers.sort()     # result is None; numbers is now [1, 2, 3]
result = sorted(numbers)    # sorted() gives back a new sorted list
\`\`\`

**The usual mistake.** Forgetting \`return\` (on some path through the function), or storing what \`sort()\` or
\`append()\` gives back and then using it.
`,
  detect(facts) {
    const found: Signal[] = [];
    const e = thrown(facts);
    if (e && (e.type === "AttributeError" || e.type === "TypeError")) {
      const words = noneOperation(e.message);
      if (words) found.push(signal(e.type === "AttributeError" ? 0.9 : 0.85, words, e.line));
    }
    const f = facts.failure;
    if (!f || f.status !== "failed") return found;
    const fn = entryFunction(facts);
    const printed = (f.stdout ?? "").trim() !== "";
    // A function that prints belongs to return-vs-print.
    if (fn && !fn.returnsValue && fn.printCalls === 0) {
      found.push(signal(0.75, `\`${fn.name}\` has no \`return\` with a value, so it always gives back \`None\`.`, fn.line));
    } else if (failureValues(facts).actualText === "None" && !printed) {
      found.push(signal(0.5, "Your function gave back `None`: for this input it reached its end (or a bare `return`) without returning a value."));
    }
    return found;
  },
  hints: {
    nudge: () => "Where does the `None` come from? Which function or method gave it back?",
    where: () => "Follow the value back to where it was made: a function that ends without `return value`, or a method like `sort()` or `append()` that changes a list and gives back `None`.",
    plan: () => [
      "Find the variable or result that is `None`.",
      "Trace it back: which line gave it its value?",
      "If it's your own function, make sure every way through it ends with `return` and a value.",
      "If it's a method like `sort()` or `append()`, don't store its result: use the list itself afterwards (or `sorted(...)` for a new list).",
    ],
  },
});
