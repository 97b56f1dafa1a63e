// A hidden case's call, expected value, actual value, printed output and any value quoted in its exception
// message must never reach the learner: not in the explanation, the evidence, or any hint.
import type { FailureFacts, TutorFacts } from "../../../server/tutor/contracts";
import { explainFailure } from "../../../server/tutor/offline/explain";
import { hintFor } from "../../../server/tutor/offline/hints";
import { safeHiddenMessage } from "../../../server/tutor/offline/learner-safe-facts";
import { rankConcepts } from "../../../server/tutor/offline/rank";
import { asHidden } from "../support/facts-builder";
import { SCENARIOS } from "./scenarios";

function everythingSaid(facts: TutorFacts): string {
  const e = explainFailure(facts);
  return [e.explanation, ...e.concepts.flatMap((c) => c.evidence), ...rankConcepts(facts).flatMap((c) => c.evidence), ...[1, 2, 3].map((l) => hintFor(facts, l as 1 | 2 | 3).text)].join("\n");
}

/** The scenario's failure on a hidden case whose every value is a marker that must not show up. */
function withSecrets(f: FailureFacts): FailureFacts {
  return {
    ...asHidden(f, "a list with one item"),
    call: "secret_call(SECRET_INPUT)",
    expected: "'SECRET_EXPECTED'",
    actual: f.actual === null ? null : "'SECRET_ACTUAL'",
    stdout: "SECRET_STDOUT",
    exception: f.exception ? { ...f.exception, message: `${f.exception.message}: 'SECRET_MESSAGE'` } : null,
  };
}

const WITH_FAILURE = SCENARIOS.filter((s) => s.facts.failure !== null);

describe("hidden cases never leak", () => {
  test.each(WITH_FAILURE.map((s) => [s.concept, s.facts] as const))("%s: no marker of the hidden values anywhere", (_id, facts) => {
    const said = everythingSaid({ ...facts, failure: withSecrets(facts.failure!) });
    expect(said).not.toMatch(/SECRET/);
  });

  test.each(WITH_FAILURE.map((s) => [s.concept, s.facts] as const))("%s: not the real call, expected or actual either", (_id, facts) => {
    const f = facts.failure!;
    const said = everythingSaid({ ...facts, failure: asHidden(f) });
    const distinctive = [f.call, f.expected, f.actual, f.stdout?.trim()].filter((v): v is string => !!v && v.length >= 4 && !["None", "True", "False"].includes(v) && !facts.code.includes(v) && !/^raised /.test(v));
    for (const value of distinctive) expect(said).not.toContain(value);
  });

  test("the hidden case's kind is said, its name is not", () => {
    const facts = SCENARIOS.find((s) => s.concept === "index-out-of-range")!.facts;
    const e = explainFailure({ ...facts, failure: { ...asHidden(facts.failure!, "an empty string"), caseName: "empty string edge" } });
    expect(e.explanation).toContain("A hidden test that uses an empty string failed.");
    expect(e.explanation).toContain("IndexError");
    expect(e.explanation).not.toContain("edge");
    expect(e.explanation).not.toContain('first_letter("")');
    expect(hintFor({ ...facts, failure: asHidden(facts.failure!, "an empty string") }, 1).text).toMatch(/^One hidden test uses an empty string\./);
  });

  test("the concept is still found from the exception type, the code and the analysis", () => {
    for (const id of ["missing-dict-key", "unbound-local", "return-vs-print", "none-value", "recursion-base-case", "early-return", "accumulator-reset"]) {
      const facts = SCENARIOS.find((s) => s.concept === id)!.facts;
      expect(rankConcepts({ ...facts, failure: asHidden(facts.failure!) })[0]?.id).toBe(id);
    }
  });
});

describe("which parts of an exception message may be shown for a hidden case", () => {
  test.each([
    ["'the'", ""],
    ["invalid literal for int() with base 10: 'abc'", "invalid literal for int() with base 10"],
    ["could not convert string to float: 'x'", "could not convert string to float"],
    ["string index out of range", "string index out of range"],
    ["name 'nmae' is not defined", "name 'nmae' is not defined"],
    ['can only concatenate str (not "int") to str', 'can only concatenate str (not "int") to str'],
    ["'NoneType' object has no attribute 'upper'", "'NoneType' object has no attribute 'upper'"],
    ["percent must be between 0 and 100, got 150", ""],
    ["too many values to unpack (expected 2)", "too many values to unpack (expected 2)"],
  ])("%j shows as %j", (message, shown) => {
    expect(safeHiddenMessage(message)).toBe(shown);
  });
});
