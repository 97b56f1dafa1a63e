import { explainFunctionOffline } from "../../../server/tutor/offline/explain-function";
import { aFunction, aParam, anAnalysis } from "../support/facts-builder";

const applyDiscount = aFunction({
  name: "apply_discount",
  line: 1,
  endLine: 8,
  params: [aParam("price", { inferredType: "float" }), aParam("percent", { default: "10", inferredType: "int" })],
  docstring: "Return price reduced by percent percent (10 by default), rounded to 2 decimal places.\n\nRaise ValueError if percent is below 0.",
  returnsValue: true,
  raises: ["ValueError"],
  calls: ["round"],
  steps: [
    { line: 6, text: "If percent is below 0 or above 100, stop with a ValueError." },
    { line: 8, text: "Give back the price minus the discount, rounded to 2 decimals." },
  ],
});

describe("explainFunctionOffline", () => {
  test("a function with a default, a docstring, a raise and a return", () => {
    const example = { call: "apply_discount(100)", result: "90.0" };
    const e = explainFunctionOffline(anAnalysis({ functions: [applyDiscount] }), applyDiscount, "", example);
    expect(e).toEqual({
      function: "apply_discount",
      summary:
        "`apply_discount(price, percent=10)` takes 2 inputs: `price` and `percent`. `percent` is optional (`10` when not given). " +
        "Its docstring says: “Return price reduced by percent percent (10 by default), rounded to 2 decimal places.” " +
        "It uses `round`. It gives back a value with `return`. It can stop with **ValueError** when something is wrong.",
      steps: applyDiscount.steps,
      inputs: [
        { name: "price", description: "A decimal number (a float)." },
        { name: "percent", description: "A whole number (an int); optional, `10` if not given." },
      ],
      output: "A decimal number (a float), given back with `return`.",
      example,
      engine: "offline",
      note: null,
    });
  });

  test("a printing function without a return", () => {
    const shout = aFunction({ name: "shout", params: [aParam("text", { inferredType: "str" })], returnsValue: false, printCalls: 1, calls: ["print", "str.upper"] });
    const e = explainFunctionOffline(anAnalysis(), shout, "", null);
    expect(e.summary).toBe("`shout(text)` takes 1 input: `text`. It uses `str.upper` and prints once. It has no `return` with a value, so calling it gives back `None`.");
    expect(e.output).toBe("Nothing: it returns `None` (it prints instead).");
    expect(e.example).toBeNull();
  });

  test("loops, recursion and many calls", () => {
    const fn = aFunction({ name: "walk", params: [aParam("tree", { annotation: "dict" })], loops: 2, recursive: true, calls: ["walk", "len", "range", "sorted", "str.join", "max"], returnAnnotation: "list" });
    const e = explainFunctionOffline(anAnalysis(), fn, "", null);
    expect(e.summary).toContain("It uses 2 loops to repeat steps, calls itself (that's called recursion) and uses `len`, `range`, `sorted` and `str.join` and more.");
    expect(e.inputs).toEqual([{ name: "tree", description: "A dictionary (a dict)." }]);
    expect(e.output).toBe("A list, given back with `return`.");
  });

  test("no parameters, and a result type learned from the example", () => {
    const fn = aFunction({ name: "answer" });
    const e = explainFunctionOffline(anAnalysis(), fn, "", { call: "answer()", result: "42" });
    expect(e.summary).toBe("`answer()` takes no inputs. It gives back a value with `return`.");
    expect(e.output).toBe("A whole number (an int), given back with `return`.");
  });
});
