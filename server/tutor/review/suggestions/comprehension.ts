// Teaches building a list with a list comprehension instead of an empty list and a loop that only appends.
// Found by runner-image/tutor_analysis/reviewers/comprehension.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** When a loop's only job is to fill a new list, a *list comprehension* says it in one line:
\`[item for item in items]\`, with what to put in the list first and, if you want to skip some items, an \`if\` at
the end: \`[w.upper() for w in words if len(w) > 3]\`.

**Why it is better.** The reader sees at once that a list is built, from what, and with which items left out,
without following an empty list, a loop and an \`append\`.

**When to keep the loop.** If the loop also prints, counts, stops early with \`break\` or does anything else, keep
the loop: a comprehension should only build the list.
`,
  example: {
    before: `short = []
for name in names:
    if len(name) <= 4:
        short.append(name.title())`,
    after: `short = [name.title() for name in names if len(name) <= 4]`,
  },
});
