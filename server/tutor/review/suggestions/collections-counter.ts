// Teaches counting with collections.Counter instead of a dictionary whose missing keys are checked by hand.
// Found by runner-image/tutor_analysis/reviewers/collections_counter.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** \`Counter\`, from the \`collections\` module, is a dictionary made for counting:
\`Counter(colours)\` counts every item of a list in one step, and in a \`Counter()\` every key starts at 0, so
\`counts[colour] += 1\` needs no "is it there yet?" check.

**Why it is better.** The counting is one line instead of four, and a Counter adds handy extras:
\`counts.most_common(3)\` gives the three most frequent items, and a key you never saw counts as 0 instead of
raising a \`KeyError\`.

It is still a dictionary: \`counts["red"]\`, \`counts.items()\` and \`for colour in counts\` all work as before.
`,
  example: {
    before: `counts = {}
for colour in colours:
    if colour in counts:
        counts[colour] += 1
    else:
        counts[colour] = 1`,
    after: `from collections import Counter

counts = Counter(colours)`,
  },
});
