// Teaches Python's built-in sum(), max() and min() in place of a loop that only adds up or only keeps the
// largest or smallest item. Found by runner-image/tutor_analysis/reviewers/builtin_sum_max_min.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** Adding up a list, or finding its largest or smallest item, is so common that Python does it for
you: \`sum(prices)\`, \`max(scores)\`, \`min(times)\`.

**More than plain items.** A generator inside the brackets adds up something computed from each item:
\`sum(q * p for q, p in order)\`. \`key=\` tells \`max\` and \`min\` what to compare: \`max(words, key=len)\` is
the longest word.

**Why it is better.** One line says what you want instead of how to do it, and there is no start value to get
right (\`best = 0\` fails if every number is negative). On an empty list, \`max\` and \`min\` stop with an error;
\`max(scores, default=0)\` gives a value instead.
`,
  example: {
    before: `song_minutes = [3.5, 4.2, 2.8]
longest = 0
for song in song_minutes:
    if song > longest:
        longest = song`,
    after: `song_minutes = [3.5, 4.2, 2.8]
longest = max(song_minutes)`,
  },
});
