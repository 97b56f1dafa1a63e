// Teaches using a condition directly instead of comparing it with True or False, or turning it into True and
// False with an `if`. Found by runner-image/tutor_analysis/reviewers/compare_to_bool.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** A condition such as \`age >= 18\` or \`done\` already *is* \`True\` or \`False\`. Use it directly:
\`if done:\` rather than \`if done == True:\`, and \`if not done:\` rather than \`if done == False:\`.

**The same goes for returning one.** An \`if\` that returns \`True\` or \`False\` only repeats its condition:

\`\`\`python
def can_vote(age):
    return age >= 18
\`\`\`

**Why it is better.** Fewer lines, and the code reads like a sentence: \`if can_vote(age):\`. For a value that
is not a comparison (a list, a number), \`bool(...)\` gives \`True\` or \`False\`.
`,
  example: {
    before: `def is_teenager(age):
    if 13 <= age <= 19:
        return True
    else:
        return False`,
    after: `def is_teenager(age):
    return 13 <= age <= 19`,
  },
});
