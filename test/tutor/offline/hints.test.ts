import { conceptModule } from "../../../server/tutor/concepts/catalogue";
import type { HintLevel, TutorFacts } from "../../../server/tutor/contracts";
import { hintFor } from "../../../server/tutor/offline/hints";
import { anAnalysis, factsFor, raised, wrongValue } from "../support/facts-builder";
import { SCENARIOS } from "./scenarios";

const LEVELS: HintLevel[] = [1, 2, 3];
const scenario = (id: string) => SCENARIOS.find((s) => s.concept === id)!.facts;

/** Code shown in a hint: fenced or indented blocks, and inline spans. */
function codeIn(text: string): { blocks: string[]; spans: string[] } {
  const blocks = [...text.matchAll(/```[\s\S]*?```/g)].map((m) => m[0]);
  const indented = text.split("\n").filter((l) => /^( {4}|\t)/.test(l));
  const spans = [...text.replace(/```[\s\S]*?```/g, "").matchAll(/(`+)\s?([^`]+?)\s?\1/g)].map((m) => m[2]!);
  return { blocks: [...blocks, ...indented], spans };
}

/** A span is allowed when it's a short expression, or the learner's own line or the visible case's call. */
function allowedSpan(span: string, facts: TutorFacts): boolean {
  return span.length <= 30 || facts.code.includes(span) || span === facts.failure?.call;
}

describe("hints at every level, for every concept", () => {
  test.each(SCENARIOS.flatMap((s) => LEVELS.map((l) => [s.concept, l, s.facts] as const)))("%s, level %d: no code beyond a short expression", (id, level, facts) => {
    const h = hintFor(facts, level);
    expect(h).toEqual({ level, text: expect.any(String), concept: id, engine: "offline", note: null });
    const { blocks, spans } = codeIn(h.text);
    expect(blocks).toEqual([]);
    for (const span of spans) expect(allowedSpan(span, facts)).toBe(true);
    expect(hintFor(structuredClone(facts), level)).toEqual(h);
  });

  test("level 1 asks a question and doesn't name the concept", () => {
    for (const s of SCENARIOS) {
      const h = hintFor(s.facts, 1);
      expect(h.text).toMatch(/\?/);
      expect(h.text).not.toContain(conceptModule(s.concept)!.title);
    }
  });

  test("level 2 names the concept and the line to look at", () => {
    const h = hintFor(scenario("missing-dict-key"), 2);
    expect(h.text).toContain("**Missing dictionary keys**");
    expect(h.text).toContain("Look at line 4: `counts[word] += 1`.");
  });

  test("level 3 is a numbered plan in words", () => {
    const h = hintFor(scenario("accumulator-reset"), 3);
    expect(h.text).toMatch(/^Here is a plan, in words/);
    expect(h.text).toMatch(/\n1\. .+\n2\. .+\n3\. .+/);
    expect(h.text).toContain("read about **Totals that start over**");
  });

  test("the three levels say different things", () => {
    for (const s of SCENARIOS) {
      const texts = LEVELS.map((l) => hintFor(s.facts, l).text);
      expect(new Set(texts).size).toBe(3);
    }
  });
});

describe("hints without a concept", () => {
  test("a wrong value with no evidence: general moves, and the exercise's topics only at level 2", () => {
    const facts = factsFor({ code: "def f(x):\n    return x * 3\n", failure: wrongValue("f(2)", "4", "6"), exercise: { id: "a/f", title: "F", entry: "f", concepts: ["off-by-one"] } });
    const [one, two, three] = LEVELS.map((l) => hintFor(facts, l));
    expect(one!.concept).toBeNull();
    expect(one!.text).toContain("`f(2)`");
    expect(two!.text).toContain("This exercise practises **Off-by-one errors**");
    expect(three!.text).toMatch(/^Here is a plan/);
  });

  test("a syntax error Python doesn't explain further", () => {
    const facts = factsFor({ code: "def f(x)\n    return x\n", verdict: "syntax-error", analysis: anAnalysis({ parsed: false, syntaxError: { type: "SyntaxError", message: "expected ':'", line: 1, column: 9 } }) });
    expect(hintFor(facts, 1).text).toContain("line 1");
    expect(hintFor(facts, 2).text).toContain("Look at line 1: `def f(x)`.");
  });

  test("an exception no concept knows", () => {
    const facts = factsFor({ code: "def f(x):\n    return 1 / x\n", failure: raised("f(0)", "ZeroDivisionError", "division by zero", 2), exercise: null });
    const h = hintFor(facts, 1);
    expect(h.concept).toBeNull();
    expect(h.text).toContain("**ZeroDivisionError** at line 2");
  });

  test("passed and internal error", () => {
    expect(hintFor(factsFor({ code: "def f(x):\n    return x\n", verdict: "passed" }), 2)).toEqual(expect.objectContaining({ concept: null, text: expect.stringContaining("already passes") }));
    expect(hintFor(factsFor({ code: "def f(x):\n    return x\n", verdict: "internal-error" }), 3).text).toContain("isn't about your code");
  });
});

describe("never the solution", () => {
  test("a hint that would reveal the reference solution falls back to the level below", () => {
    const facts = scenario("accumulator-reset");
    const level3 = hintFor(facts, 3).text;
    const step = /2\. (.+)/.exec(level3)![1]!;
    const solution = `def running_total(numbers):\n    ${step}\n`;
    const h = hintFor(facts, 3, solution);
    expect(h.level).toBe(2);
    expect(h.text).toBe(hintFor(facts, 2).text);
  });

  test("with the real reference solutions of the basics exercises, no hint is held back", () => {
    const solution = "def running_total(numbers):\n    result = []\n    total = 0\n    for number in numbers:\n        total += number\n        result.append(total)\n    return result\n";
    for (const s of SCENARIOS) for (const l of LEVELS) expect(hintFor(s.facts, l, solution).level).toBe(l);
  });
});
