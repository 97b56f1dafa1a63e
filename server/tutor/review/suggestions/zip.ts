// Teaches walking two (or more) lists side by side with zip() instead of indexing both with range(len(...)).
// Found by runner-image/tutor_analysis/reviewers/zip.py (one list read by position is enumerate's lesson).
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** When two lists belong together (names and ages, questions and answers), \`zip\` walks them side by
side and hands you one item of each at a time: \`for name, age in zip(names, ages):\`.

**Why it is better.** \`for i in range(len(names)):\` followed by \`names[i]\` and \`ages[i]\` makes you manage a
position you never needed. With \`zip\` the loop says what it is about, and the items get real names.

**Good to know.** \`zip\` stops at the end of the shorter list. When you need the position as well, combine them:
\`for i, (name, age) in enumerate(zip(names, ages)):\`.
`,
  example: {
    before: `for i in range(len(cities)):
    print(cities[i], temperatures[i])`,
    after: `for city, temperature in zip(cities, temperatures):
    print(city, temperature)`,
  },
});
