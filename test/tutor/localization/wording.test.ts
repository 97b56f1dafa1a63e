// What the tutor says about a suspect line found by running the code: the offline explanation names the line and
// why in the learner's terms (only the kind of a hidden test's input), hint 2 names it and asks about it, and no
// answer shows the repaired line, from the offline engine or the model (whose prompt gets the suspect lines, never
// the repairs).
import type { TutorFacts } from "../../../server/tutor/contracts";
import { hintLeaksSolution, shownRepairs } from "../../../server/tutor/guardrails";
import { ModelEngine } from "../../../server/tutor/model/engine";
import { failureMessages, groundedFacts } from "../../../server/tutor/model/prompts";
import { offlineEngine } from "../../../server/tutor/offline/engine";
import { scripts, startFakeModelServer } from "../../support/fake-model-server";
import { aParam, asHidden, factsFor, py, wrongValue } from "../support/facts-builder";
import { CATALOGUE, testConfig } from "../model/fixtures";

const FACTORIAL = py(`
  def factorial(n):
      if n < 0:
          return 1
      return n * factorial(n - 1)
`);

function factorialFacts(overrides: Partial<TutorFacts> = {}): TutorFacts {
  return {
    ...factsFor({
      code: FACTORIAL,
      failure: wrongValue("factorial(0)", "1", "0"),
      fn: { params: [aParam("n")], recursive: true },
      passedCount: 1,
      totalCount: 3,
      suspectLines: [{ line: 2, score: 0.97, evidence: "repair", aspect: "condition" }],
      repairedLines: ["if n <= 0:"],
    }),
    ...overrides,
  };
}

async function everything(facts: TutorFacts): Promise<string[]> {
  const explanation = (await offlineEngine.explainFailure(facts)).explanation;
  const hints = await Promise.all(([1, 2, 3] as const).map(async (l) => (await offlineEngine.hint(facts, l, null)).text));
  return [explanation, ...hints];
}

describe("the offline engine", () => {
  test("names the repaired line and what it does for the failing call's input", async () => {
    const { explanation } = await offlineEngine.explainFailure(factorialFacts());
    expect(explanation).toContain(
      "**Line 2** (`if n < 0:`) decides what happens for `n = 0`, and `factorial(0)` went wrong there. Changing one small thing on that line makes the failing tests pass without breaking the tests you already pass, so the bug is very likely there.",
    );
  });

  test("hint 2 names the line and asks about it, without the fix", async () => {
    const hint = await offlineEngine.hint(factorialFacts(), 2, null);
    expect(hint.level).toBe(2);
    expect(hint.text).toContain("Look at line 2: `if n < 0:`.");
    expect(hint.text).toContain("Is its condition true or false when `n` is `0`, and is that what you want?");
  });

  test("nothing it says shows the repaired line", async () => {
    for (const text of await everything(factorialFacts())) {
      expect(text).not.toContain("<=");
      expect(shownRepairs(text, ["if n <= 0:"], FACTORIAL)).toEqual([]);
    }
  });

  test("a hidden failing case is named by the kind of its input only", async () => {
    const facts = factorialFacts({ failure: asHidden(wrongValue("factorial(0)", "1", "0"), "zero") });
    const [explanation, , hint2] = await everything(facts);
    expect(explanation).toContain("**Line 2** (`if n < 0:`) decides what happens in the hidden test that uses zero, which went wrong there.");
    expect(hint2).toContain("Is its condition true or false for zero");
    for (const text of await everything(facts)) expect(text).not.toContain("factorial(0)");
  });

  test("a line the spectrum singles out is named as the one most tied to the failure", async () => {
    const facts = factorialFacts({ suspectLines: [{ line: 4, score: 0.6, evidence: "spectrum" }], repairedLines: [] });
    const [explanation, , hint2] = await everything(facts);
    expect(explanation).toContain("**Line 4** (`return n * factorial(n - 1)`) is the line most tied to the failure");
    expect(hint2).toMatch(/line 4\b/);
  });

  test("where Python stopped is still said when a repair points elsewhere, and hint 2 points at the repair", async () => {
    const facts = factorialFacts({
      failure: { ...wrongValue("factorial(0)", "1", "0"), status: "error", actual: "raised RecursionError", exception: { type: "RecursionError", message: "maximum recursion depth exceeded", line: 4, lineText: "return n * factorial(n - 1)" } },
      verdict: "error",
    });
    const { explanation } = await offlineEngine.explainFailure(facts);
    expect(explanation).toContain("Python stopped on **line 4**: `return n * factorial(n - 1)` **Line 2** (`if n < 0:`) decides what happens for `n = 0`");
    expect((await offlineEngine.hint(facts, 2, null)).text).toMatch(/line 2\b/);
  });
});

describe("the guardrail on repaired lines", () => {
  test("catches the repaired line however it is spaced or quoted, whatever its length", () => {
    expect(shownRepairs("Change it to `if n<=0:` and you are done.", ["if n <= 0:"], FACTORIAL)).toEqual(["if n<=0:"]);
    expect(shownRepairs("Write:\n\n    if n <= 0:\n", ["if n <= 0:"], FACTORIAL)).toEqual(["if n<=0:"]);
    expect(hintLeaksSolution("Try `if n <= 0:` instead.", null, FACTORIAL, ["if n <= 0:"])).toBe(true);
  });

  test("lets through the learner's own lines, lines that say nothing alone, and other text", () => {
    expect(shownRepairs("Line 2 is `if n < 0:`.", ["if n < 0:"], FACTORIAL)).toEqual([]); // a repair that only moved it
    expect(shownRepairs("It should return 1 for zero; `return total` hands the value back.", ["return total"], FACTORIAL)).toEqual([]);
    expect(shownRepairs("What happens when `n` is 0?", ["if n <= 0:"], FACTORIAL)).toEqual([]);
    expect(hintLeaksSolution("What happens when `n` is 0?", null, FACTORIAL, ["if n <= 0:"])).toBe(false);
  });
});

describe("the model", () => {
  test("gets the suspect lines, with their text and evidence, and never the repairs", () => {
    const facts = factorialFacts();
    expect(groundedFacts(facts).suspectLines).toEqual([{ line: 2, text: "if n < 0:", evidence: "repair", score: 0.97, aspect: "condition" }]);
    const prompt = failureMessages(facts, [], CATALOGUE).map((m) => m.content).join("\n");
    expect(prompt).toContain('"suspectLines":[{"line":2,"text":"if n < 0:"');
    expect(prompt).not.toContain("<=");
  });

  test("an explanation that shows the repaired line is replaced by the built-in one, saying why", async () => {
    const server = await startFakeModelServer();
    try {
      server.enqueue(scripts.streamed({ explanation: "Line 2 should be `if n <= 0:` so that zero is the base case.", concepts: ["recursion-base-case"] }));
      const model = new ModelEngine(testConfig(server.baseUrl), offlineEngine, { concepts: CATALOGUE, log: () => undefined });
      const result = await model.explainFailure(factorialFacts());
      expect(result.engine).toBe("offline");
      expect(result.note).toBe("The AI tutor's answer gave away the fix, so this is the built-in explanation.");
      expect(result.explanation).not.toContain("<=");
    } finally {
      await server.close();
    }
  });

  test("a hint that shows the repaired line is replaced by the built-in hint", async () => {
    const server = await startFakeModelServer();
    try {
      server.enqueue(scripts.streamed({ text: "Write `if n <= 0:` on line 2." }));
      const model = new ModelEngine(testConfig(server.baseUrl), offlineEngine, { concepts: CATALOGUE, log: () => undefined });
      const result = await model.hint(factorialFacts(), 2, null);
      expect(result.engine).toBe("offline");
      expect(result.text).toMatch(/line 2\b/);
      expect(result.text).not.toContain("<=");
    } finally {
      await server.close();
    }
  });
});
