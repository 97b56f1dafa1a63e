// Celebrates opening files with `with open(...) as f:`, which closes them however the block ends. Found by
// runner-image/tutor_analysis/reviewers/uses_with.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**What you did well.** You opened your files with \`with open(...) as f:\`. When the indented block ends, Python
closes the file for you, even if an error happens halfway through.

**Why it is a good habit.** A file that is never closed can keep what you wrote in a buffer instead of on the disk,
and one closed by hand with \`f.close()\` stays open whenever an error skips that line. With \`with\` there is
nothing to remember.
`,
  example: {
    before: `f = open("todo.txt")
tasks = f.read().splitlines()
f.close()`,
    after: `with open("todo.txt") as f:
    tasks = f.read().splitlines()`,
  },
});
