// Teaches writing text with f-strings instead of gluing pieces with `str()` and `+` or filling in `%` fields.
// Found by runner-image/tutor_analysis/reviewers/f_string.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**The idea.** To put values into a piece of text, write an **f-string**: an \`f\` before the quotes, and each value
in \`{...}\` right where it should appear. Python turns the values into text for you, so no \`str()\` is needed.

**Why it is better.** \`"Hi " + name + ", you have " + str(n) + " points"\` is hard to read: the spaces and
quotes get lost between the \`+\`. With \`%\`, the values sit far from their places, in a separate tuple.
An f-string reads like the text it makes: \`f"Hi {name}, you have {n} points"\`.

**Formatting too.** After a colon you can say how a value looks: \`f"{price:.2f}"\` shows two decimals,
\`f"{name:<10}"\` pads a name to ten characters.
`,
  example: {
    before: `city = "Lima"
temp = 18.456
print("It is " + str(round(temp, 1)) + " degrees in " + city)
print("%s: %.1f degrees" % (city, temp))`,
    after: `city = "Lima"
temp = 18.456
print(f"It is {temp:.1f} degrees in {city}")
print(f"{city}: {temp:.1f} degrees")`,
  },
});
