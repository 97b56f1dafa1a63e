// Teaches handing a function's result back with `return` instead of assigning a variable declared `global`.
// Found by runner-image/tutor_analysis/reviewers/global_statement.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** A function should hand its result back with \`return\`, and the caller decides where it goes:
\`total = add_up(prices)\`.

**Why it is better.** With \`global total\` inside the function, a call like \`add_up(prices)\` quietly changes a
variable somewhere else in the program, and nothing on that line says so. A function that returns its result can
be called twice, on other data, or tested on its own, without one call disturbing the next.

**When \`global\` is fine.** Reading a module-level constant needs no \`global\` at all. Keeping state that many
functions share (a game's settings, a cache filled once) is sometimes reasonable; a class is often the tidier home.
`,
  example: {
    before: `def count_vowels(word):
    global vowels
    vowels = sum(1 for ch in word if ch in "aeiou")`,
    after: `def count_vowels(word):
    return sum(1 for ch in word if ch in "aeiou")

vowels = count_vowels("banana")`,
  },
});
