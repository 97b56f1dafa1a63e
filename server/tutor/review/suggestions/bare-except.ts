// Teaches catching the error a `try` expects (`except ValueError:`) instead of every error (`except:`,
// `except Exception:`). Found by runner-image/tutor_analysis/reviewers/bare_except.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** Name the error you are ready for: \`except ValueError:\` around \`int(text)\`, \`except KeyError:\`
around \`prices[item]\`, \`except FileNotFoundError:\` around \`open(path)\`.

**Why it is better.** A bare \`except:\` (or \`except Exception:\`) catches *everything*: a misspelled name, a
value of an unexpected type, even Ctrl+C. Your handler then treats that as the failure you planned for, and the
real problem is hidden behind a friendly message.

**When it matters most.** When the handler only says \`pass\`: every other error in the \`try\` disappears without
a word, and the program carries on with a value it never got.
`,
  example: {
    before: `try:
    seats = int(answer)
except:
    pass`,
    after: `try:
    seats = int(answer)
except ValueError:
    seats = 0`,
  },
});
