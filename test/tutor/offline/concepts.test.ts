// Every concept triggers from realistic failures, and the ranking puts it where a learner will see it.
import { CATALOGUE, conceptModule } from "../../../server/tutor/concepts/catalogue";
import type { TutorFacts } from "../../../server/tutor/contracts";
import { rankConcepts } from "../../../server/tutor/offline/rank";
import { aFinding, aParam, anAnalysis, factsFor, py, raised, stopped, wrongValue } from "../support/facts-builder";
import { SCENARIOS } from "./scenarios";

function topIds(facts: TutorFacts, n = 3): string[] {
  return rankConcepts(facts)
    .slice(0, n)
    .map((c) => c.id);
}

describe("one realistic failure per concept, as the tutor gets it", () => {
  test("every concept in the catalogue has a scenario", () => {
    expect(SCENARIOS.map((s) => s.concept).sort()).toEqual(CATALOGUE.map((m) => m.id).sort());
  });

  test.each(SCENARIOS.map((s) => [s.concept, s.story, s] as const))("%s (%s): its signals rank it first", (id, _story, s) => {
    const signals = conceptModule(id)!.signals(s.facts);
    expect(signals.length).toBeGreaterThan(0);
    for (const sig of signals) {
      expect(sig.score).toBeGreaterThan(0);
      expect(sig.score).toBeLessThanOrEqual(1);
      expect(sig.evidence).toMatch(/[.?!]$/);
    }
    expect(topIds(s.facts)).toContain(id);
    expect(topIds(s.facts, 1)).toEqual([id]);
  });

  test("the analyzer's findings in a scenario are for its own concept", () => {
    for (const s of SCENARIOS) for (const f of s.facts.analysis.findings) expect(f.concept).toBe(s.concept);
  });
});

// More failures, each a different way a concept shows up at runtime.
const MORE: [string, string, TutorFacts][] = [
  ["type-conversion", "returns the number as text", factsFor({ code: "def add(a, b):\n    return str(a) + str(b)\n", failure: wrongValue("add(2, 4)", "6", "'24'") })],
  ["type-conversion", "returns the digits as text", factsFor({ code: "def double(n):\n    return str(n * 2)\n", failure: wrongValue("double(3)", "6", "'6'") })],
  ["type-conversion", "int() on a word", factsFor({ code: "def parse(t):\n    return int(t)\n", failure: raised('parse("ten")', "ValueError", "invalid literal for int() with base 10: 'ten'", 2) })],
  ["type-conversion", "len() of a number", factsFor({ code: "def digits(n):\n    return len(n)\n", failure: raised("digits(123)", "TypeError", "object of type 'int' has no len()", 2) })],
  ["string-immutability", "assigns to a character", factsFor({ code: 'def fix(t):\n    t[0] = "X"\n    return t\n', failure: raised('fix("abc")', "TypeError", "'str' object does not support item assignment", 2) })],
  ["string-immutability", "appends to a string", factsFor({ code: 'def add(t):\n    t.append("!")\n', failure: raised('add("hi")', "AttributeError", "'str' object has no attribute 'append'", 2) })],
  ["none-value", "calls a method on None", factsFor({ code: "def f(x):\n    y = x.sort()\n    return y.copy()\n", failure: raised("f([2, 1])", "AttributeError", "'NoneType' object has no attribute 'copy'", 3) })],
  ["none-value", "no return at all", factsFor({ code: "def f(x):\n    y = x * 2\n", failure: wrongValue("f(2)", "4", "None"), fn: { returnsValue: false } })],
  ["early-return", "returns the first item", factsFor({ code: py(`
      def biggest(numbers):
          best = numbers[0]
          for n in numbers:
              if n > best:
                  best = n
              return best
    `), failure: wrongValue("biggest([3, 9, 4])", "9", "3") })],
  ["accumulator-reset", "a fresh result list in every round", factsFor({ code: py(`
      def running_total(numbers):
          total = 0
          for n in numbers:
              result = []
              total += n
              result.append(total)
          return result
    `), failure: wrongValue("running_total([1, 2, 3])", "[1, 3, 6]", "[6]") })],
  ["accumulator-reset", "counts set to 1", factsFor({ code: py(`
      def count_words(text):
          counts = {}
          for word in text.split():
              counts[word] = 1
          return counts
    `), failure: wrongValue('count_words("a b a")', "{'a': 2, 'b': 1}", "{'a': 1, 'b': 1}") })],
  ["infinite-loop", "prints forever", factsFor({ code: "def f(n):\n    while n != 0:\n        print(n)\n        n -= 2\n", failure: stopped("f(3)", "output-limit") })],
  ["indentation", "mixes tabs and spaces", factsFor({ code: "def f(x):\n    y = 1\n\treturn y\n", verdict: "syntax-error", analysis: anAnalysis({ parsed: false, syntaxError: { type: "TabError", message: "inconsistent use of tabs and spaces in indentation", line: 3, column: 1 } }) })],
  ["indentation", "an unexpected indent", factsFor({ code: "def f(x):\n    y = 1\n        return y\n", verdict: "syntax-error", analysis: anAnalysis({ parsed: false, syntaxError: { type: "IndentationError", message: "unexpected indent", line: 3, column: 9 } }) })],
  ["undefined-name", "writes true in lower case", factsFor({ code: "def f(x):\n    return true\n", failure: raised("f(1)", "NameError", "name 'true' is not defined", 2) })],
  ["integer-division", "range() of a float", factsFor({ code: "def half(items):\n    for i in range(len(items) / 2):\n        pass\n", failure: raised("half([1, 2])", "TypeError", "'float' object cannot be interpreted as an integer", 2) })],
  ["integer-division", "// where decimals were wanted", factsFor({ code: "def average(a, b):\n    return (a + b) // 2\n", failure: wrongValue("average(2, 3)", "2.5", "2") })],
  ["integer-division", "a float where an int was expected, types only (hidden)", factsFor({ code: "def f(n):\n    return n / 1\n", failure: { ...wrongValue("f(1)", "1", "1.0"), hidden: true, expectedType: "int", actualType: "float" } })],
  ["float-comparison", "rounded at the wrong moment", factsFor({ code: "def price(p):\n    return round(p * 0.85, 2)\n", failure: wrongValue("price(9.99)", "8.49", "8.48") })],
  ["case-sensitivity", "returns text in the wrong case", factsFor({ code: "def name(t):\n    return t\n", failure: wrongValue('name("ada")', "'Ada'", "'ada'") })],
  ["off-by-one", "one too many", factsFor({ code: "def count_to(n):\n    return n + 1\n", failure: wrongValue("count_to(5)", "5", "6") })],
  ["off-by-one", "one character short", factsFor({ code: "def f(t):\n    return t[1:]\n", failure: wrongValue('f("hello")', "'hello'", "'ello'") })],
  ["index-out-of-range", "pops from an empty list", factsFor({ code: "def f(x):\n    return x.pop()\n", failure: raised("f([])", "IndexError", "pop from empty list", 2) })],
  ["modify-while-iterating", "a dictionary changes size", factsFor({ code: "def f(d):\n    for k in d:\n        del d[k]\n", failure: raised("f({'a': 1})", "RuntimeError", "dictionary changed size during iteration", 2) })],
  ["shadowed-builtin", "calls a list named list", factsFor({ code: "def f(x):\n    list = [x]\n    return list(x)\n", failure: raised("f(1)", "TypeError", "'list' object is not callable", 3, { exception: { type: "TypeError", message: "'list' object is not callable", line: 3, lineText: "return list(x)" } }), analysis: { shadowedBuiltins: ["list"] } })],
  ["recursion-base-case", "recursion without a loop that runs out of time", factsFor({ code: "def f(n):\n    return f(n) + 1\n", failure: stopped("f(3)", "timeout"), fn: { recursive: true } })],
];

// Runtime evidence that only counts together with the analyzer's finding for the concept (the finding is what
// shows the mistake; the failing case confirms it), each with that finding as the analysis tool words it.
const CONFIRMING: [string, string, TutorFacts][] = [
  ["mutable-default-argument", "a dict default with leftovers from an earlier call", factsFor({
    code: "def f(k, seen={}):\n    seen[k] = 1\n    return seen\n",
    failure: wrongValue('f("b")', "{'b': 1}", "{'a': 1, 'b': 1}"),
    analysis: { findings: [aFinding("mutable-default-argument", 1, "`seen={}` in `def f` makes one dictionary when the function is defined, and every call that leaves out `seen` shares that same dictionary, so what one call adds is still there in the next.", "f")] },
  })],
  ["modify-while-iterating", "a list that keeps growing until memory runs out", factsFor({
    code: "def f(items):\n    for x in items:\n        items.append(x)\n",
    failure: stopped("f([1])", "memory-limit"),
    analysis: { findings: [aFinding("modify-while-iterating", 3, "`items.append(x)` on line 3 changes `items` while the `for` loop on line 2 is still going through it, so the loop keeps finding new items and may never end: loop over a copy such as `items[:]` or build a new list instead.", "f")] },
  })],
  ["json-serialization", "splitting gives too many pieces", SCENARIOS.find((s) => s.concept === "json-serialization")!.facts],
  ["string-immutability", "the text comes back without the change", SCENARIOS.find((s) => s.concept === "string-immutability")!.facts],
];

describe("runtime evidence that confirms the analyzer's finding", () => {
  const withoutFindings = (facts: TutorFacts): TutorFacts => ({ ...facts, analysis: { ...facts.analysis, findings: [] } });

  test.each(CONFIRMING)("%s: %s", (id, _story, facts) => {
    const signals = conceptModule(id)!.signals(facts);
    expect(signals.length).toBe(facts.analysis.findings.length + 1);
    expect(topIds(facts, 1)).toEqual([id]);
    // The same failure without the finding is not evidence of this concept at all.
    expect(conceptModule(id)!.signals(withoutFindings(facts))).toEqual([]);
  });
});

describe("more runtime evidence", () => {
  test.each(MORE)("%s: %s", (id, _story, facts) => {
    expect(conceptModule(id)!.signals(facts).length).toBeGreaterThan(0);
    expect(topIds(facts)).toContain(id);
  });
});

describe("the analyzer's findings", () => {
  const plainFailure = () => wrongValue("solve(1)", "2", "7");

  test.each(CATALOGUE.map((m) => [m.id] as const))("a finding alone is strong evidence for %s", (id) => {
    const facts = factsFor({
      code: "def solve(x):\n    y = x\n    return y * 7\n",
      failure: plainFailure(),
      analysis: { findings: [aFinding(id, 2, "Something specific about line 2.", "solve")] },
    });
    const [top] = rankConcepts(facts);
    expect(top!.id).toBe(id);
    expect(top!.score).toBeGreaterThanOrEqual(0.6);
    expect(top!.score).toBeLessThanOrEqual(0.8);
    expect(top!.evidence).toEqual(["Line 2: Something specific about line 2."]);
  });

  test("a finding for a concept no one registered is ignored", () => {
    const facts = factsFor({ code: "def solve(x):\n    return x\n", failure: plainFailure(), exercise: null, analysis: { findings: [aFinding("no-such-thing", 2, "Hm.")] } });
    expect(rankConcepts(facts)).toEqual([]);
  });

  test("a finding and runtime evidence together score higher than either alone", () => {
    const s = SCENARIOS.find((x) => x.concept === "missing-dict-key")!;
    expect(s.facts.analysis.findings).toHaveLength(1);
    const runtimeOnly = rankConcepts({ ...s.facts, analysis: { ...s.facts.analysis, findings: [] } })[0]!;
    const findingOnly = conceptModule("missing-dict-key")!.signals(s.facts).filter((sig) => sig.evidence.startsWith("Line "));
    const both = rankConcepts(s.facts)[0]!;
    expect(runtimeOnly.id).toBe("missing-dict-key");
    expect(both.id).toBe("missing-dict-key");
    expect(both.score).toBeGreaterThan(runtimeOnly.score);
    expect(both.score).toBeGreaterThan(findingOnly[0]!.score);
    expect(both.score).toBeLessThanOrEqual(1);
    expect(both.evidence).toHaveLength(2);
  });

  test("a finding on the line where the code crashed counts a little more", () => {
    const base = SCENARIOS.find((x) => x.concept === "none-value")!.facts;
    const at = (line: number) => conceptModule("none-value")!.signals({ ...base, analysis: { ...base.analysis, findings: [aFinding("none-value", line, "sort() gives back None.")] } }).at(-1)!.score;
    expect(at(3)).toBeGreaterThan(at(2));
  });
});

describe("evidence stays quiet when it should", () => {
  test("a passing submission has no concepts, even with findings", () => {
    const facts = factsFor({ code: "def f(x):\n    return x\n", verdict: "passed", analysis: { findings: [aFinding("off-by-one", 2, "x")] } });
    expect(rankConcepts(facts)).toEqual([]);
  });

  test("an internal error has no concepts", () => {
    expect(rankConcepts(factsFor({ code: "def f(x):\n    return x\n", verdict: "internal-error" }))).toEqual([]);
  });

  test("None with printed output is return-vs-print, not none-value", () => {
    const s = SCENARIOS.find((x) => x.concept === "return-vs-print")!;
    expect(conceptModule("none-value")!.signals(s.facts)).toEqual([]);
  });

  test("evidence that quotes a value shows it as inline code", () => {
    const s = SCENARIOS.find((x) => x.concept === "off-by-one")!;
    expect(rankConcepts(s.facts)[0]!.evidence[0]).toContain("`[1, 3]`");
  });
});
