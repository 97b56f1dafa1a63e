// Teaches opening files in a `with` block, which closes them whatever happens, instead of `f = open(...)` and a
// `close()` that may be skipped or forgotten. Found by runner-image/tutor_analysis/reviewers/with_open.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** Open files with \`with open(path) as f:\`. When the indented block ends, Python closes the file for
you, even if an error happens inside it.

**Why it is better.** With \`f = open(path)\` you must remember \`f.close()\`, and an error before that line skips it.
A file opened in passing, like \`open(path).read()\`, is closed only whenever Python gets round to tidying up.

**When it matters most.** Writing. Text you \`write\` first goes into a buffer and reaches the disk when the file is
closed, so a file opened with \`"w"\` or \`"a"\` and never closed can be read back empty or cut short.
`,
  example: {
    before: `notes = open("notes.txt", "a")
notes.write("Buy stamps\\n")`,
    after: `with open("notes.txt", "a") as notes:
    notes.write("Buy stamps\\n")`,
  },
});
