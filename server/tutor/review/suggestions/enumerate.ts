// Teaches looping over the items themselves, with enumerate when the position is needed too, instead of
// `for i in range(len(xs))` and `xs[i]`. Found by runner-image/tutor_analysis/reviewers/enumerate.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** A \`for\` loop can hand you each item directly: \`for city in cities:\`. When you also need the
position, \`enumerate\` gives both at once: \`for i, city in enumerate(cities):\`.

**Why it is better.** \`range(len(cities))\` and \`cities[i]\` make the reader work out that \`i\` only walks the
list. With \`enumerate\` the item has a name, there is no index to get out of range, and \`enumerate(cities, start=1)\`
counts from 1 when you want to number things for people.

**When to keep indexes.** To change the list in place (\`cities[i] = ...\`) or to look at a neighbour
(\`cities[i + 1]\`), positions are the right tool; two lists side by side are a job for \`zip\`.
`,
  example: {
    before: `for i in range(len(planets)):
    print(i + 1, planets[i])`,
    after: `for number, planet in enumerate(planets, start=1):
    print(number, planet)`,
  },
});
