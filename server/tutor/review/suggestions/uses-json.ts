// Celebrates saving or loading structured data with the json module (`json.dump` / `json.load`) rather than a
// text format of one's own. Found by runner-image/tutor_analysis/reviewers/uses_json.py.
import { defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: `
**What you did well.** You kept your data as JSON with the \`json\` module. \`json.dump\` writes a whole list or
dictionary to a file, and \`json.load\` gives it back with the same structure: numbers stay numbers, text can
contain any character, and nested lists and dictionaries just work.

**Why it is a good habit.** A format of your own, with values glued together by \`|\` or commas, breaks as soon as
a value contains the separator, and everything comes back as text to convert by hand. JSON is also readable by
people and by programs in other languages.
`,
  example: {
    before: `with open("pets.txt", "w") as f:
    for pet in pets:
        f.write(pet["name"] + "," + str(pet["age"]) + "\\n")`,
    after: `with open("pets.json", "w") as f:
    json.dump(pets, f)`,
  },
});
