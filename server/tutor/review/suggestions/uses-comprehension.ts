// Celebrates a clear, simple list, set or dictionary comprehension. Found by
// runner-image/tutor_analysis/reviewers/uses_comprehension.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**What you did well.** You built a collection with a comprehension: \`[what for item in items if condition]\`. In
one line the reader sees what is collected, from where, and which items are left out.

**Why it is a good habit.** The longer way, an empty list, a loop and an \`append\`, spreads the same idea over
several lines the reader has to piece together. The same shape works for sets (\`{...}\`) and dictionaries
(\`{key: value for ...}\`).

**Keep it simple.** Once a comprehension needs several \`for\`s or a long condition, a plain loop is often
clearer again.
`,
  example: {
    before: `long_words = []
for word in words:
    if len(word) > 6:
        long_words.append(word)`,
    after: `long_words = [word for word in words if len(word) > 6]`,
  },
});
