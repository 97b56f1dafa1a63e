// The one solution-leak guard, used by both engines: the model's hints and the offline hints.
import { explanationLeaksHidden, hintLeaksSolution, longestCodeBlock, sharedSolutionLines } from "../../server/tutor/guardrails";
import { CODE, HIDDEN, hiddenFacts, REFERENCE_SOLUTION, visibleFacts } from "./model/fixtures";

describe("hintLeaksSolution: code blocks", () => {
  test("a fenced block of more than two lines gives too much away, with or without a reference", () => {
    const hint = "Try this:\n```python\nfor ch in text:\n    if ch in 'aeiou':\n        n += 1\n```";
    expect(longestCodeBlock(hint)).toBe(3);
    expect(hintLeaksSolution(hint, null)).toBe(true);
    expect(hintLeaksSolution("Look at this:\n~~~\nfor ch in text:\n    if ch in 'aeiou':\n        n += 1", null)).toBe(true); // unclosed
  });

  test("a block of one or two lines is allowed", () => {
    expect(hintLeaksSolution("Compare:\n```\nrange(3)\nrange(4)\n```\nWhat does each give?", null)).toBe(false);
  });

  test("an indented block of more than two code lines gives too much away", () => {
    const hint = "You could write:\n\n    total = 0\n    for x in xs:\n        total = total + x\n\nand so on.";
    expect(hintLeaksSolution(hint, null)).toBe(true);
  });

  test("an indented numbered plan and indented prose are not code", () => {
    const hint = [
      "1. Look at the loop on line 3.",
      "    - What is the last position it visits?",
      "    - And what is the last position of the string?",
      "2. Now think about the letter at the end.",
      "    It is never checked, which is why hello gives 1.",
      "    Which number should range stop at?",
      "    Try it by hand with a short word.",
    ].join("\n");
    expect(longestCodeBlock(hint)).toBeLessThanOrEqual(2);
    expect(hintLeaksSolution(hint, REFERENCE_SOLUTION, CODE)).toBe(false);
  });
});

describe("hintLeaksSolution: lines copied from the reference solution", () => {
  test("a copied line leaks, however it is spaced or quoted", () => {
    expect(hintLeaksSolution("Loop with `for ch in text.lower():` instead.", REFERENCE_SOLUTION, CODE)).toBe(true);
    expect(hintLeaksSolution("Write  for ch in text.lower( ) :  and you are done", REFERENCE_SOLUTION, CODE)).toBe(true);
    expect(sharedSolutionLines('Then check if ch in "aeiou": for each one.', REFERENCE_SOLUTION, CODE)).toEqual(['if ch in"aeiou":']);
  });

  test("trivial lines, the signature, the docstring and the learner's own lines do not count", () => {
    const hint = [
      "Keep `def count_vowels(text):` as it is.",
      "Your `count = 0` and `count += 1` are fine, and so is `return count`.",
      "The docstring says Count the vowels.",
    ].join("\n");
    expect(sharedSolutionLines(hint, REFERENCE_SOLUTION, CODE)).toEqual([]);
    expect(hintLeaksSolution(hint, REFERENCE_SOLUTION, CODE)).toBe(false);
    const reference = "def f(xs):\n    # walk through every element of xs\n    else:\n    pass\n    return\n    return total";
    expect(hintLeaksSolution("walk through every element of xs, then return total", reference)).toBe(false);
  });

  test("a line the hint only partly shares does not count", () => {
    expect(hintLeaksSolution("Maybe use text.lower() somewhere?", REFERENCE_SOLUTION, CODE)).toBe(false);
  });

  test("a short line must match on word boundaries", () => {
    const reference = "def f(a):\n    value = a * 2";
    expect(hintLeaksSolution("multiply: newvalue = a * 2", reference)).toBe(false);
    expect(hintLeaksSolution("multiply: value = a * 2", reference)).toBe(true);
  });

  const COUNTS = 'def f(words):\n    """Count."""\n    counts = {}\n    for w in words:\n        counts[w] = counts.get(w, 0) + 1\n    return counts\n';
  const TOTALS = "def f(xs):\n    total = 0\n    counts = {}\n    return total\n    return total_sum";
  test.each([
    ["a long line without spaces", "Try counts[w]=counts.get(w,0)+1 here.", COUNTS, "", true],
    ["a long line broken over lines", "Try counts[w] = counts.get(w,\n0) + 1 here.", COUNTS, "", true],
    ["a long line in pieces of code", "Try `counts[w] =` `counts.get(w, 0) + 1`.", COUNTS, "", true],
    ["a long line the learner wrote", "Try counts[w]=counts.get(w,0)+1 here.", COUNTS, "counts[w] = counts.get(w, 0) + 1", false],
    ["prose", "Count.", COUNTS, "", false],
    ["no reference", "anything", null, "", false],
    ["lines under eight characters and a short `return name`", "Start with total = 0 before the loop, and return total.", TOTALS, "", false],
    ["a line of eight characters", "Start with counts = {} before the loop.", TOTALS, "", true],
    ["a long `return name`", "Finally return total_sum.", TOTALS, "", true],
  ])("%s", (_name, hint, reference, learnerCode, leaks) => {
    expect(hintLeaksSolution(hint, reference, learnerCode)).toBe(leaks);
  });
});

describe("explanationLeaksHidden", () => {
  test("repeating a hidden test's input, values, output or exception message leaks", () => {
    const facts = hiddenFacts();
    expect(explanationLeaksHidden(`With ${HIDDEN.input} your loop...`, facts)).toBe(true);
    expect(explanationLeaksHidden(`It should give ${HIDDEN.expected}.`, facts)).toBe(true);
    expect(explanationLeaksHidden(`It printed ${HIDDEN.stdout}`, facts)).toBe(true);
    expect(explanationLeaksHidden("you got ACTUAL-HIDDEN-VALUE", facts)).toBe(true);
  });

  test("the public description, the learner's code and short values are fine", () => {
    const facts = hiddenFacts();
    expect(explanationLeaksHidden(`A hidden test uses ${HIDDEN.description}; line 4 compares with "aeiou" and count_vowels(text) misses capitals.`, facts)).toBe(false);
    expect(explanationLeaksHidden("Your function returned 421 things", facts)).toBe(false); // not the whole 4217
    const short = hiddenFacts();
    short.failure = { ...short.failure!, call: "count_vowels('ab')", expected: "7", actual: "0", stdout: null, exception: null };
    expect(explanationLeaksHidden("A word of 7 letters gave 0 or ab", short)).toBe(false);
  });

  test("a visible failure has nothing hidden", () => {
    expect(explanationLeaksHidden("count_vowels('hello') gave 1, not 2", visibleFacts())).toBe(false);
  });
});
