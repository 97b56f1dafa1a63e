import { CATALOGUE } from "../../../server/tutor/concepts/catalogue";
import { rankConcepts } from "../../../server/tutor/offline/rank";
import { aFinding, factsFor, raised, wrongValue } from "../support/facts-builder";
import { SCENARIOS } from "./scenarios";

const CODE = "def solve(x):\n    y = x\n    return y * 7\n";

describe("rankConcepts", () => {
  test("sorted by score, best first, each concept once, with at most three evidence sentences", () => {
    const facts = factsFor({
      code: CODE,
      failure: wrongValue("solve(1)", "2", "7"),
      analysis: {
        findings: [
          aFinding("off-by-one", 2, "One."),
          aFinding("off-by-one", 3, "Two."),
          aFinding("off-by-one", 3, "Three."),
          aFinding("off-by-one", 3, "Four."),
          aFinding("early-return", 3, "Returns early."),
          aFinding("shadowed-builtin", 2, "Hides sum."),
        ],
      },
    });
    const ranked = rankConcepts(facts);
    const ids = ranked.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe("off-by-one");
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
    expect(ranked[0]!.evidence).toEqual(["Line 2: One.", "Line 3: Two.", "Line 3: Three."]);
    expect(ranked[0]).toEqual(expect.objectContaining({ title: "Off-by-one errors" }));
  });

  test("ties go to the catalogue's order, every time", () => {
    const findings = [...CATALOGUE].reverse().map((m) => aFinding(m.id, 2, `About ${m.id}.`));
    const facts = factsFor({ code: CODE, failure: wrongValue("solve(1)", "2", "7"), exercise: null, analysis: { findings } });
    const first = rankConcepts(facts);
    expect(first.map((c) => c.id)).toEqual(CATALOGUE.map((m) => m.id));
    expect(rankConcepts(facts)).toEqual(first);
  });

  test("scores stay within 0..1 and are rounded to three decimals", () => {
    for (const s of SCENARIOS) {
      for (const c of rankConcepts(s.facts)) {
        expect(c.score).toBeGreaterThan(0);
        expect(c.score).toBeLessThanOrEqual(1);
        expect(Math.round(c.score * 1000)).toBeCloseTo(c.score * 1000, 6);
      }
    }
  });

  test("the exercise's concepts give a small boost to a concept with evidence", () => {
    const s = SCENARIOS.find((x) => x.concept === "missing-dict-key")!;
    const without = rankConcepts({ ...s.facts, exercise: { ...s.facts.exercise!, concepts: [] } })[0]!;
    const withPrior = rankConcepts({ ...s.facts, exercise: { ...s.facts.exercise!, concepts: ["missing-dict-key", "case-sensitivity"] } });
    expect(withPrior[0]!.id).toBe("missing-dict-key");
    expect(withPrior[0]!.score).toBeGreaterThan(without.score);
    expect(withPrior[0]!.score - without.score).toBeLessThan(0.05);
    // The prior alone doesn't bring in a concept that has no evidence while another has.
    expect(withPrior.map((c) => c.id)).not.toContain("case-sensitivity");
  });

  test("the prior never outranks real evidence", () => {
    const s = SCENARIOS.find((x) => x.concept === "unbound-local")!;
    const facts = { ...s.facts, exercise: { ...s.facts.exercise!, concepts: ["off-by-one", "index-out-of-range", "accumulator-reset"] } };
    expect(rankConcepts(facts)[0]!.id).toBe("unbound-local");
  });

  test("with no evidence at all, the exercise's concepts are offered at a low score, in the exercise's order", () => {
    const facts = factsFor({
      code: CODE,
      failure: wrongValue("solve(1)", "2", "7"),
      exercise: { id: "basics/solve", title: "Solve", entry: "solve", concepts: ["integer-division", "no-such-concept", "infinite-loop"] },
    });
    const ranked = rankConcepts(facts);
    expect(ranked.map((c) => c.id)).toEqual(["integer-division", "infinite-loop"]);
    for (const c of ranked) {
      expect(c.score).toBeLessThan(0.2);
      expect(c.evidence[0]).toMatch(/This exercise practises/);
    }
  });

  test("a syntax error without evidence doesn't fall back to the exercise's concepts", () => {
    const facts = factsFor({
      code: "def solve(x)\n    return x\n",
      verdict: "syntax-error",
      exercise: { id: "basics/solve", title: "Solve", entry: "solve", concepts: ["integer-division"] },
      analysis: { parsed: false, syntaxError: { type: "SyntaxError", message: "expected ':'", line: 1, column: 12 } },
    });
    expect(rankConcepts(facts)).toEqual([]);
  });

  test("the same facts always give the same ranking", () => {
    for (const s of SCENARIOS) expect(JSON.stringify(rankConcepts(s.facts))).toBe(JSON.stringify(rankConcepts(structuredClone(s.facts))));
  });

  test("an error plus a static finding for another concept: the crash's own concept still leads", () => {
    const facts = factsFor({
      code: "def solve(d, k):\n    return d[k]\n",
      failure: raised("solve({}, 'a')", "KeyError", "'a'", 2),
      analysis: { findings: [aFinding("shadowed-builtin", 1, "A parameter hides a builtin.")] },
    });
    expect(rankConcepts(facts).map((c) => c.id)).toEqual(["missing-dict-key", "shadowed-builtin"]);
  });
});
