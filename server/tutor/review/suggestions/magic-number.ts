// Teaches giving a repeated, unexplained number a name (`VAT_RATE = 0.2`) instead of writing it out each time.
// Found by runner-image/tutor_analysis/reviewers/magic_number.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** When the same number appears in several places, give it a name once, near the top of the file:
\`PASS_MARK = 50\`. Names in capitals tell the reader "this is a fixed setting, not a variable that changes".

**Why it is better.** \`if mark >= 50\` makes the reader guess what 50 is; \`if mark >= PASS_MARK\` says it. And
when the pass mark becomes 55, you change one line instead of hunting for every 50 (and hoping none of them meant
something else).

**When to leave a number alone.** 0, 1 and 2, an index like \`words[0]\`, or a number whose meaning is plain where
it stands (\`minutes * 60\`) need no name.
`,
  example: {
    before: `if age < 16:
    price = price / 2
label = "child" if age < 16 else "adult"`,
    after: `CHILD_UNDER = 16

if age < CHILD_UNDER:
    price = price / 2
label = "child" if age < CHILD_UNDER else "adult"`,
  },
});
