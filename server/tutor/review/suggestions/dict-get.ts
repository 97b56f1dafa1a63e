// Teaches `d.get(key, default)` for reading a key that may be missing, instead of an `if key in d` / `else` or a
// `try` / `except KeyError` that only picks a fallback. Found by runner-image/tutor_analysis/reviewers/dict_get.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** \`capitals.get(country, "unknown")\` gives the value for \`country\` when the dictionary has that key,
and \`"unknown"\` when it doesn't. Leave out the second value and you get \`None\` for a missing key.

**Why it is better.** Four lines of \`if\`/\`else\` (or \`try\`/\`except KeyError\`) become one expression that
says exactly what you mean: "this key, or else this default".

**When to keep the \`if\`.** When a missing key needs more than a default value (a message, a new entry in the
dictionary), an \`if key in d:\` says so more clearly.
`,
  example: {
    before: `if country in capitals:
    capital = capitals[country]
else:
    capital = "unknown"`,
    after: `capital = capitals.get(country, "unknown")`,
  },
});
