// Teaches building text from many pieces with `separator.join(pieces)` instead of `+=` in a loop.
// Found by runner-image/tutor_analysis/reviewers/string_join.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** \`", ".join(names)\` glues a list of strings together with \`", "\` between them. It works on any
iterable of strings, so \`" ".join(word.title() for word in words)\` joins changed pieces too.

**Why it is better.** Adding \`name + ", "\` in a loop leaves a separator after the last item that you must trim
(or an \`if\` to skip the first one); \`join\` puts separators only *between* the pieces. It also makes the text in
one go instead of a new, longer string on every turn of the loop.

Remember that \`join\` needs strings: use \`str(n)\` (or an f-string) for numbers.
`,
  example: {
    before: `line = ""
for city in cities:
    line += city + " - "
line = line[:-3]`,
    after: `line = " - ".join(cities)`,
  },
});
