// missing dictionary key: reading (or adding to) a key that isn't in the dictionary yet raises KeyError.
import { defineConcept, signal, type Signal } from "./concept-module";
import { thrownMatching } from "./reading-facts";
import { code } from "./wording";

export default defineConcept({
  lesson: `
**The idea.** A dictionary maps keys to values. Asking for a key it doesn't have raises a \`KeyError\`. That
includes \`counts[word] += 1\` the first time you see \`word\`: Python must read the old value before adding 1.

\`\`\`python
counts = {}
counts["cat"] += 1                      # KeyError: 'cat'
counts["cat"] = counts.get("cat", 0) + 1  # get() gives 0 when the key is missing
if "dog" in counts:                     # or check first with in
    print(counts["dog"])
\`\`\`

**The usual mistake.** Adding to a count before the key exists. Check with \`in\`, or use \`.get(key, 0)\`.
`,
  detect(facts) {
    const found: Signal[] = [];
    const missing = thrownMatching(facts, ["KeyError"]);
    if (missing) {
      // For hidden tests the key is removed from the message (it would reveal the input).
      const key = missing.message.trim();
      found.push(
        signal(
          0.85,
          key
            ? `Your code asked the dictionary for the key ${code(key)}, which isn't in it (yet), so Python raised a KeyError.`
            : "Your code asked a dictionary for a key that isn't in it (yet), so Python raised a KeyError.",
          missing.line,
        ),
      );
    }
    return found;
  },
  hints: {
    nudge: () => "The first time your code meets a new key, what's in the dictionary for it?",
    where: () => "Look at where you read a value from the dictionary or add to it, like `counts[word] += 1`. The first time, that key doesn't exist yet.",
    plan: () => [
      "Find the line where the dictionary is read or increased.",
      "Ask what should happen the very first time a key shows up.",
      "Before reading it, check whether the key is there with `in`, and if not, start it off (for a count, at 0 or 1).",
      "Or read it with `.get(key, 0)`, which gives 0 instead of an error when the key is missing.",
    ],
  },
});
