// Teaches spotting variables that get a value nobody reads, and `_` for a loop variable that isn't needed.
// Found by runner-image/tutor_analysis/reviewers/unused_variable.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** A variable that gets a value but is never read does nothing for your program. It is often left over
from an earlier version, or a sign that you meant to use it and forgot. Either use it or remove it.

**Loops that only repeat.** When a \`for\` loop just runs its body a number of times, call the loop variable
\`_\`: \`for _ in range(3):\` tells the reader the number itself doesn't matter.

**Errors you don't look at.** \`except ValueError as err:\` names the error; if you never use \`err\`,
\`except ValueError:\` is enough.

**Why it matters.** Every name in a function is something a reader tries to follow. Fewer loose ends, clearer code.
`,
  example: {
    before: `def total_price(prices):
    count = len(prices)
    return sum(prices)

for i in range(3):
    print("Hip hip hooray!")`,
    after: `def total_price(prices):
    return sum(prices)

for _ in range(3):
    print("Hip hip hooray!")`,
  },
});
