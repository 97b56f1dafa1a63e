import { explainFailure } from "../../../server/tutor/offline/explain";
import { aFailure, aFinding, anAnalysis, factsFor, py, raised, stopped, wrongValue } from "../support/facts-builder";
import { SCENARIOS } from "./scenarios";

const scenario = (id: string) => SCENARIOS.find((s) => s.concept === id)!.facts;

describe("explaining a visible failing case", () => {
  test("names the case, its call, what was expected and what came back, where, why, and what to read", () => {
    const e = explainFailure(scenario("off-by-one"));
    expect(e.engine).toBe("offline");
    expect(e.note).toBeNull();
    expect(e.explanation).toContain("“the first example”");
    expect(e.explanation).toContain("`running_total([1, 2, 3])` should return `[1, 3, 6]`, but your function returned `[1, 3]`.");
    expect(e.explanation).toContain("**line 4**: `for i in range(len(numbers) - 1):`");
    expect(e.explanation).toContain("one item short");
    expect(e.explanation).toContain("Read about: **Off-by-one errors**.");
    expect(e.concepts[0]!.id).toBe("off-by-one");
  });

  test("an exception: its type, message and meaning, and the line Python stopped on", () => {
    const e = explainFailure(scenario("missing-dict-key"));
    expect(e.explanation).toContain("Python raised **KeyError** (`'the'`): a dictionary was asked for a key it doesn't have.");
    expect(e.explanation).toContain("Python stopped on **line 4**: `counts[word] += 1`");
    expect(e.explanation).toContain("Read about: **Missing dictionary keys**.");
  });

  test("printed instead of returned: says what it printed", () => {
    const e = explainFailure(scenario("return-vs-print"));
    expect(e.explanation).toContain("It printed `HELLO!` along the way.");
    expect(e.explanation).toContain("Read about: **Return vs print**.");
  });

  test("a case that should raise but returned", () => {
    const facts = factsFor({ code: "def f(p):\n    return p\n", failure: aFailure({ caseName: "more than 100% off", call: "apply_discount(50, 150)", expected: "raises ValueError", actual: "-25.0" }) });
    expect(explainFailure(facts).explanation).toContain("`apply_discount(50, 150)` should raise **ValueError**, but your function returned `-25.0` instead.");
  });

  test("a case that raised the wrong exception", () => {
    const facts = factsFor({ code: "def f(p):\n    return 1 / p\n", failure: aFailure({ call: "f(0)", expected: "raises ValueError", actual: "raised ZeroDivisionError", exception: { type: "ZeroDivisionError", message: "division by zero", line: 2, lineText: "return 1 / p" } }) });
    expect(explainFailure(facts).explanation).toContain("`f(0)` should raise **ValueError**, but your code raised **ZeroDivisionError** instead.");
  });

  test("a second concept that is nearly as likely is named too", () => {
    const e = explainFailure(scenario("string-immutability"));
    expect(e.explanation).toContain("Read about: **Strings can't be changed in place**. It could also be **Upper and lower case letters**.");
  });

  test("says how many tests already pass", () => {
    const e = explainFailure({ ...scenario("off-by-one"), passedCount: 3, totalCount: 5 });
    expect(e.explanation).toContain("You already pass 3 of 5 tests");
  });

  test("with no evidence, says so and points at the exercise's topics rather than guessing", () => {
    const facts = factsFor({
      code: "def f(x):\n    return x * 3\n",
      failure: wrongValue("f(2)", "4", "6"),
      exercise: { id: "a/f", title: "F", entry: "f", concepts: ["return-vs-print", "off-by-one"] },
    });
    const e = explainFailure(facts);
    expect(e.explanation).toContain("doesn't show the cause for sure");
    expect(e.explanation).toContain("This exercise practises **Return vs print** and **Off-by-one errors**");
    expect(e.explanation).not.toContain("Read about:");
  });
});

describe("explaining each verdict", () => {
  const code = py(`
    def grow(items):
        for x in items:
            items.append(x)
        return items
  `);

  test("passed: a short congratulation and no concepts", () => {
    const e = explainFailure(factsFor({ code, verdict: "passed", passedCount: 5, totalCount: 5 }));
    expect(e.explanation).toBe("Well done: all 5 tests pass! Your function does what the exercise asks.");
    expect(e.concepts).toEqual([]);
  });

  test("syntax error: nothing ran, the line, what Python said, and the concept", () => {
    const e = explainFailure(scenario("assignment-vs-comparison"));
    expect(e.explanation).toContain("Python couldn't read your code, so none of the tests could run.");
    expect(e.explanation).toContain("“invalid syntax. Maybe you meant '==' or ':=' instead of '='?”");
    expect(e.explanation).toContain("**line 2**: `if age = 13:`");
    expect(e.explanation).toContain("Read about: **= and ==**.");
    expect(e.explanation).not.toContain("already pass");
  });

  test("syntax error with no concept: the usual causes", () => {
    const facts = factsFor({ code: "def f(x)\n    return x\n", verdict: "syntax-error", analysis: anAnalysis({ parsed: false, syntaxError: { type: "SyntaxError", message: "expected ':'", line: 1, column: 9 } }) });
    const e = explainFailure(facts);
    expect(e.explanation).toContain("“expected ':'.”");
    expect(e.explanation).toContain("a missing `:`");
    expect(e.concepts).toEqual([]);
  });

  test("timeout", () => {
    const e = explainFailure(scenario("infinite-loop"));
    expect(e.explanation).toContain("`sum_digits(123)` ran out of time");
    expect(e.explanation).toContain("**line 3**: `while n > 0:`");
    expect(e.explanation).toContain("Read about: **Loops that never end**.");
  });

  test("memory limit", () => {
    // With what the analysis tool says about this code: the loop adds to the list it goes through.
    const growing = aFinding("modify-while-iterating", 3, "`items.append(x)` on line 3 changes `items` while the `for` loop on line 2 is still going through it, so the loop keeps finding new items and may never end: loop over a copy such as `items[:]` or build a new list instead.", "grow");
    const e = explainFailure(factsFor({ code, failure: stopped("grow([1])", "memory-limit"), analysis: { findings: [growing] } }));
    expect(e.explanation).toContain("used more memory than it is allowed");
    expect(e.concepts[0]!.id).toBe("modify-while-iterating");
  });

  test("output limit", () => {
    const e = explainFailure(factsFor({ code: "def f(n):\n    while n != 0:\n        print(n)\n        n -= 2\n", failure: stopped("f(3)", "output-limit") }));
    expect(e.explanation).toContain("printed far too much");
    expect(e.concepts[0]!.id).toBe("infinite-loop");
  });

  test("internal error: not the learner's fault, no concepts", () => {
    const e = explainFailure(factsFor({ code, verdict: "internal-error", failure: aFailure({ status: "internal-error" }) }));
    expect(e.explanation).toContain("It isn't your fault");
    expect(e.concepts).toEqual([]);
  });

  test("an error without an exception (the code exited)", () => {
    const e = explainFailure(factsFor({ code, failure: aFailure({ status: "error", call: "grow([1])" }) }));
    expect(e.explanation).toContain("stopped before the function could return");
  });
});

describe("the explanation's form", () => {
  test("a few short paragraphs, no code blocks, the same every time", () => {
    for (const s of SCENARIOS) {
      const e = explainFailure(s.facts);
      expect(e.explanation).not.toContain("```");
      expect(e.explanation.split("\n\n").length).toBeLessThanOrEqual(5);
      expect(e.explanation.length).toBeLessThan(1200);
      expect(explainFailure(structuredClone(s.facts))).toEqual(e);
    }
  });

  test("a value with backticks in it stays inside its inline code", () => {
    const e = explainFailure(factsFor({ code: "def f(x):\n    return x\n", failure: wrongValue("f('`')", "'``'", "'`'") }));
    expect(e.explanation).toContain("`` f('`') ``");
    expect(e.explanation).toContain("``` '``' ```");
  });
});

test("raised() in the builder makes an error status", () => {
  expect(raised("f()", "KeyError", "'a'", 1).status).toBe("error");
});
