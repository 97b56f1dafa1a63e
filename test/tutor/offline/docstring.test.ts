import { docstringOffline } from "../../../server/tutor/offline/docstring";
import { aFunction, aParam } from "../support/facts-builder";

describe("docstringOffline", () => {
  test("Google style: summary, Args, Returns, Raises and Examples from real runs", () => {
    const fn = aFunction({
      name: "apply_discount",
      params: [aParam("price", { inferredType: "float" }), aParam("percent", { default: "10", inferredType: "int" })],
      docstring: "Return price reduced by percent percent, rounded to 2 decimal places\n\nMore text.",
      raises: ["ValueError"],
    });
    const text = docstringOffline({
      fn,
      code: "",
      examples: [
        { call: "apply_discount(100)", result: "90.0" },
        { call: "apply_discount(50, 150)", result: "raised ValueError: percent must be between 0 and 100, got 150" },
      ],
    });
    expect(text).toBe(
      [
        "Return price reduced by percent percent, rounded to 2 decimal places.",
        "",
        "Args:",
        "    price (float): A number, possibly with decimals.",
        "    percent (int, optional): A whole number. Defaults to 10.",
        "",
        "Returns:",
        "    float: The result.",
        "",
        "Raises:",
        "    ValueError: If the arguments are not valid.",
        "",
        "Examples:",
        "    >>> apply_discount(100)",
        "    90.0",
        "    >>> apply_discount(50, 150)",
        "    Traceback (most recent call last):",
        "        ...",
        "    ValueError: percent must be between 0 and 100, got 150",
      ].join("\n"),
    );
  });

  test("example results are passed through exactly, and None shows nothing, as in the interpreter", () => {
    const fn = aFunction({ name: "f", params: [aParam("x")] });
    const text = docstringOffline({
      fn,
      code: "",
      examples: [
        { call: "f('a')", result: "{'a': 1, 'b': [2, 3]}" },
        { call: "f(None)", result: "None" },
      ],
    });
    expect(text).toContain("    >>> f('a')\n    {'a': 1, 'b': [2, 3]}\n    >>> f(None)");
    expect(text.trimEnd().endsWith(">>> f(None)")).toBe(true);
  });

  test("without a docstring, annotations or examples: a summary from the facts and untyped entries", () => {
    const fn = aFunction({ name: "fact", params: [aParam("n")], recursive: true });
    expect(docstringOffline({ fn, code: "", examples: [] })).toBe(["Return a result computed from n.", "", "Args:", "    n: The value to work on.", "", "Returns:", "    The result."].join("\n"));
  });

  test("a printing function returns None, and annotations win over inference", () => {
    const fn = aFunction({ name: "show", params: [aParam("items", { annotation: "list[str]", inferredType: "str" })], returnsValue: false, printCalls: 2 });
    const text = docstringOffline({ fn, code: "", examples: [] });
    expect(text).toContain("Print a result computed from items.");
    expect(text).toContain("    items (list[str]): The value to work on.");
    expect(text).toContain("Returns:\n    None: The result is printed, not returned.");
    expect(text).not.toContain("Raises:");
    expect(text).not.toContain("Examples:");
  });

  test("a raised exception seen in an example is listed under Raises once", () => {
    const fn = aFunction({ name: "f", params: [aParam("x", { inferredType: "int" })], raises: ["ValueError"] });
    const text = docstringOffline({ fn, code: "", examples: [{ call: "f(-1)", result: "raised ValueError" }, { call: "f(0)", result: "raised ZeroDivisionError" }] });
    expect(text).toContain("Raises:\n    ValueError: If the arguments are not valid.\n    ZeroDivisionError: If the arguments are not valid.");
    expect(text).toContain(">>> f(-1)\n    Traceback (most recent call last):\n        ...\n    ValueError\n");
  });

  test("no quotes and no indentation around the whole text", () => {
    const text = docstringOffline({ fn: aFunction({ name: "f" }), code: "", examples: [] });
    expect(text).not.toMatch(/"""|'''/);
    expect(text).not.toMatch(/^\s/);
  });
});
