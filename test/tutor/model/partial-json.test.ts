import { partialStringField } from "../../../server/tutor/model/partial-json";

describe("partialStringField", () => {
  const answer = {
    concepts: ["off-by-one", "loops"],
    nested: { explanation: "not this one", list: [{ explanation: "nor this" }, "x\"y"] },
    explanation: 'Line 3 uses `range(len(text) - 1)`, so the loop\nstops "one early" \\ before the last letter — é, 😀, tab\there.',
    n: 1,
  };
  const full = JSON.stringify(answer);
  const escapedUnicode = full.replace("😀", "\\ud83d\\ude00").replace("é", "\\u00e9");

  test.each([
    ["raw characters", full],
    ["\\u escapes, including a surrogate pair", escapedUnicode],
  ])("every prefix of the stream (%s) gives a prefix of the final value, and the whole gives it exactly", (_name, text) => {
    let last = "";
    let seen = 0;
    for (let i = 0; i <= text.length; i++) {
      const value = partialStringField(text.slice(0, i), "explanation");
      if (value === null) {
        expect(last).toBe(""); // null only before the field has begun
        continue;
      }
      expect(answer.explanation.startsWith(value)).toBe(true);
      expect(value.length).toBeGreaterThanOrEqual(last.length);
      if (value !== last) seen++;
      last = value;
    }
    expect(last).toBe(answer.explanation);
    expect(seen).toBeGreaterThan(20);
  });

  test("null until the field's string starts; null for a field that is not a string", () => {
    expect(partialStringField("", "explanation")).toBeNull();
    expect(partialStringField('{"explan', "explanation")).toBeNull();
    expect(partialStringField('{"explanation"', "explanation")).toBeNull();
    expect(partialStringField('{"explanation": ', "explanation")).toBeNull();
    expect(partialStringField('{"explanation": "', "explanation")).toBe("");
    expect(partialStringField('{"explanation": 42}', "explanation")).toBeNull();
    expect(partialStringField('{"other": "explanation"}', "explanation")).toBeNull();
  });

  test("tolerates a ```json fence and text before the object", () => {
    expect(partialStringField('```json\n{ "explanation" : "Hel', "explanation")).toBe("Hel");
    expect(partialStringField('Sure! {"explanation":"Hi"}', "explanation")).toBe("Hi");
  });

  test("an escape cut in half is held back, not shown broken", () => {
    expect(partialStringField('{"explanation": "a\\', "explanation")).toBe("a");
    expect(partialStringField('{"explanation": "a\\u00', "explanation")).toBe("a");
    expect(partialStringField('{"explanation": "a\\ud83d', "explanation")).toBe("a");
    expect(partialStringField('{"explanation": "a\\ud83d\\ude00', "explanation")).toBe("a😀");
  });
});
