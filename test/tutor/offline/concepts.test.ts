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

describe("one realistic failure per concept, from runtime evidence alone", () => {
  test("every concept in the catalogue has a scenario", () => {
    expect(SCENARIOS.map((s) => s.concept).sort()).toEqual(CATALOGUE.map((m) => m.id).sort());
  });

  test.each(SCENARIOS.map((s) => [s.concept, s.story, s] as const))("%s (%s): its detector fires and ranks it first", (id, _story, s) => {
    expect(s.facts.analysis.findings).toEqual([]);
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
  ["modify-while-iterating", "a list that keeps growing", factsFor({ code: "def f(items):\n    for x in items:\n        items.append(x)\n", failure: stopped("f([1])", "memory-limit") })],
  ["shadowed-builtin", "calls a list named list", factsFor({ code: "def f(x):\n    list = [x]\n    return list(x)\n", failure: raised("f(1)", "TypeError", "'list' object is not callable", 3, { exception: { type: "TypeError", message: "'list' object is not callable", line: 3, lineText: "return list(x)" } }), analysis: { shadowedBuiltins: ["list"] } })],
  ["recursion-base-case", "recursion without a loop that runs out of time", factsFor({ code: "def f(n):\n    return f(n) + 1\n", failure: stopped("f(3)", "timeout"), fn: { recursive: true } })],
  ["json-serialization", "a record glued with commas in an f-string", factsFor({ code: py(`
      def save(name, age):
          return f"{name},{age}"

      def load(text):
          return text.split(",")
    `), failure: wrongValue('load(save("Ada, Countess", 36))', "['Ada, Countess', 36]", "['Ada', ' Countess', '36']") })],
  ["assignment-vs-comparison", "== where = was meant", factsFor({ code: "def f(n):\n    total = 0\n    total == total + n\n    return total\n", failure: wrongValue("f(3)", "3", "0") })],
  ["mutable-default-argument", "a dict default", factsFor({ code: "def f(k, seen={}):\n    seen[k] = 1\n    return seen\n", failure: wrongValue('f("b")', "{'b': 1}", "{'a': 1, 'b': 1}"), fn: { params: [aParam("k"), aParam("seen", { default: "{}" })] } })],
];

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
    const runtimeOnly = rankConcepts(s.facts)[0]!.score;
    const withFinding = rankConcepts({ ...s.facts, analysis: { ...s.facts.analysis, findings: [aFinding("missing-dict-key", 4, "`counts[word] += 1` reads counts[word] before any value is stored for that word.")] } })[0]!;
    expect(withFinding.id).toBe("missing-dict-key");
    expect(withFinding.score).toBeGreaterThan(runtimeOnly);
    expect(withFinding.score).toBeLessThanOrEqual(1);
    expect(withFinding.evidence).toHaveLength(2);
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

  test("a correct-looking json round trip gives no json evidence", () => {
    const facts = factsFor({ code: 'import json\ndef save(x):\n    return "|".join(x)\ndef load(t):\n    return t.split("|")\n', failure: wrongValue("load('a')", "['a']", "['b']"), analysis: { imports: ["json"] } });
    expect(conceptModule("json-serialization")!.signals(facts)).toEqual([]);
  });

  test("`is None` is not an identity mistake", () => {
    const facts = factsFor({ code: "def f(x):\n    if x is None:\n        return 0\n    return x\n", failure: wrongValue("f(1)", "2", "1") });
    expect(conceptModule("identity-vs-equality")!.signals(facts)).toEqual([]);
  });

  test("evidence that quotes a value shows it as inline code", () => {
    const s = SCENARIOS.find((x) => x.concept === "off-by-one")!;
    expect(rankConcepts(s.facts)[0]!.evidence[0]).toContain("`[1, 3]`");
  });
});
