// Teaches saving structured data with the json module instead of a format of one's own ("|"-glued fields split
// again, one field per line, or str() of a list read back with eval). Found by
// runner-image/tutor_analysis/reviewers/json_serialization.py, which rewords the json-serialization detector.
import { conceptLesson, defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: conceptLesson("json-serialization"),
  example: {
    before: `def save_pets(path, pets):
    with open(path, "w") as f:
        for pet in pets:
            f.write(pet["name"] + "|" + pet["kind"] + "\\n")`,
    after: `import json

def save_pets(path, pets):
    with open(path, "w") as f:
        json.dump(pets, f)`,
  },
});
