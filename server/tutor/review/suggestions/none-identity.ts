// Teaches checking for None with `is None` / `is not None` instead of `==` / `!=`.
// Found by runner-image/tutor_analysis/reviewers/none_identity.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** There is exactly one \`None\` in a Python program, so the question "is this None?" is asked
with \`is\`: \`if result is None:\` and \`if result is not None:\`.

**Why it is better.** \`==\` asks an object whether it *equals* None, and an object can answer that any way
its class likes; \`is\` checks for the one None itself, so nothing can fool it. It is also what every Python
programmer expects to read, and tools that check style point out \`== None\`.

**Only for None.** Keep \`==\` for comparing values: numbers, text, lists. \`is\` is for None (and for the few
other one-of-a-kind objects such as \`True\` and \`False\`).
`,
  example: {
    before: `ticket = bookings.get("Sam")
if ticket == None:
    print("No booking for Sam")`,
    after: `ticket = bookings.get("Sam")
if ticket is None:
    print("No booking for Sam")`,
  },
});
