// Two runtime signals found missing by the tutor corpus (test/tutor/corpus): an exact comparison that goes wrong
// on decimal inputs (float-comparison), and a `/` result shown inside returned text (integer-division).
import { conceptModule } from "../../../server/tutor/concepts/catalogue";
import type { TutorFacts } from "../../../server/tutor/contracts";
import { learnerSafeFacts } from "../../../server/tutor/offline/learner-safe-facts";
import { rankConcepts } from "../../../server/tutor/offline/rank";
import { asHidden, factsFor, py, wrongValue } from "../support/facts-builder";

const top = (facts: TutorFacts) => rankConcepts(facts)[0]?.id;

describe("float-comparison: a wrong True/False for decimal inputs, with == in the code", () => {
  const code = py(`
    def is_right_triangle(a, b, c):
        if a * a + b * b == c * c:
            return True
        return False
  `);

  test("fires, names the decimals and the line, and ranks first", () => {
    const facts = factsFor({ code, failure: wrongValue("is_right_triangle(0.5, 1.2, 1.3)", "True", "False") });
    const [signal] = conceptModule("float-comparison")!.signals(facts);
    expect(signal).toMatchObject({ score: 0.5, line: 2 });
    expect(signal!.evidence).toContain("`0.5`, `1.2`");
    expect(top(facts)).toBe("float-comparison");
  });

  test("decimals inside a list count too", () => {
    const facts = factsFor({ code: "def pays(prices, paid):\n    return sum(prices) == paid\n", failure: wrongValue("pays([0.1, 0.2], 0.3)", "True", "False") });
    expect(top(facts)).toBe("float-comparison");
  });

  test.each([
    ["whole-number inputs", wrongValue("is_right_triangle(2, 3, 4)", "False", "True")],
    ["whole decimals like 2.0", wrongValue("is_right_triangle(3.0, 4.0, 6.0)", "False", "True")],
    ["an answer that is not True/False", wrongValue("is_right_triangle(0.5, 1.2, 1.3)", "True", "None")],
    ["a hidden case (no values to read)", asHidden(wrongValue("is_right_triangle(0.5, 1.2, 1.3)", "True", "False"), "a number with a fractional part")],
  ])("stays quiet for %s", (_what, failure) => {
    // As the ranking sees them: a hidden case is stripped of its call and values first.
    expect(conceptModule("float-comparison")!.signals(learnerSafeFacts(factsFor({ code, failure })))).toEqual([]);
  });

  test("stays quiet when the code compares nothing with == (or only with None or text)", () => {
    const failure = wrongValue("check(0.5)", "True", "False");
    expect(conceptModule("float-comparison")!.signals(factsFor({ code: "def check(x):\n    return x > 1\n", failure }))).toEqual([]);
    expect(conceptModule("float-comparison")!.signals(factsFor({ code: 'def check(x):\n    if x == None or x == "a":\n        return False\n    return x > 1\n', failure }))).toEqual([]);
  });
});

describe("integer-division: a decimal shown in returned text where a whole number was expected", () => {
  const code = py(`
    def format_time(minutes):
        hours = minutes / 60
        return str(hours) + "h " + str(minutes % 60) + "m"
  `);

  test.each([
    ["a long decimal", "'2h 5m'", "'2.0833333333333335h 5m'", "2.0833333333333335"],
    ["a .0 float", "'1h 0m'", "'1.0h 0m'", "1.0"],
  ])("fires for %s and ranks first", (_what, expected, actual, shown) => {
    const facts = factsFor({ code, failure: wrongValue("format_time(125)", expected, actual) });
    const signals = conceptModule("integer-division")!.signals(facts);
    expect(signals[0]!.score).toBe(0.7);
    expect(signals[0]!.evidence).toContain(`\`${shown}\``);
    expect(top(facts)).toBe("integer-division");
  });

  test.each([
    ["different numbers", "'2h 5m'", "'3h 5m'"],
    ["a decimal that was expected", "'Average: 2.5'", "'Average: 2.0'"],
    ["a decimal far from the whole number", "'2h 5m'", "'7.5h 5m'"],
    ["a different count of numbers", "'2h 5m'", "'2.5h'"],
  ])("stays quiet for %s", (_what, expected, actual) => {
    const facts = factsFor({ code: "def f(m):\n    return str(m)\n", failure: wrongValue("f(125)", expected, actual) });
    expect(conceptModule("integer-division")!.signals(facts)).toEqual([]);
  });
});
