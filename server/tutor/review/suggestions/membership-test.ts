// Teaches the `in` operator in place of a loop that only checks whether a value is among the items.
// Found by runner-image/tutor_analysis/reviewers/membership_test.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** To ask "is this value one of the items?", write \`value in items\`. It is \`True\` or \`False\`,
and \`value not in items\` asks the opposite. It works on lists, tuples, text (\`"a" in word\`), sets and
dictionaries (where it looks at the keys).

**Why it is better.** A loop with a flag or an early \`return True\` takes four to six lines to say what \`in\`
says in three words, and leaves room for slips (a missing \`break\`, a \`return False\` one level too deep).

**When it matters.** For a long collection that is checked again and again, keep it in a **set**: \`in\` on a set
answers at once, however many items it holds.
`,
  example: {
    before: `def is_allowed(colour):
    for c in ALLOWED_COLOURS:
        if c == colour:
            return True
    return False`,
    after: `def is_allowed(colour):
    return colour in ALLOWED_COLOURS`,
  },
});
