import { parseLiteralCall, parsePyLiteral } from "../../../server/tutor/concepts/python-literals";
import { pyRepr } from "../../../server/grading/values";

describe("reading Python reprs back into values", () => {
  test.each(["None", "True", "False", "0", "-42", "2.5", "1e-05", "'hello'", '"it\'s"', "'a\\nb'", "[1, 'two', 3.0]", "(1,)", "()", "(1, 2)", "{'a': 1, 'b': [2]}", "{1, 2}", "set()", "{}", "[[], [[]]]"])("%s reads back to the same repr", (text) => {
    const v = parsePyLiteral(text);
    expect(v).not.toBeNull();
    expect(pyRepr(v!)).toBe(text === "1e-05" ? "1e-05" : text);
  });

  test("ints stay exact", () => {
    expect(parsePyLiteral("123456789012345678901234567890")).toEqual({ t: "int", v: 123456789012345678901234567890n });
  });

  test("escapes in strings", () => {
    expect(parsePyLiteral("'\\x41\\u00e9\\t'")).toEqual({ t: "str", v: "Aé\t" });
  });

  test.each(["raised KeyError", "raises ValueError", "<object at 0x1>", "[1, 2, …", "'unterminated", "1 2", "", "x", "frozenset({1})"])("%j is not a literal", (text) => {
    expect(parsePyLiteral(text)).toBeNull();
  });

  test("null stays null", () => {
    expect(parsePyLiteral(null)).toBeNull();
  });
});

describe("reading a case's call", () => {
  test("positional and keyword literal arguments", () => {
    expect(parseLiteralCall("apply_discount(50, percent=100)")).toEqual({ name: "apply_discount", args: [{ t: "int", v: 50n }], keywords: { percent: { t: "int", v: 100n } } });
    expect(parseLiteralCall('shout("hello")')?.args).toEqual([{ t: "str", v: "hello" }]);
    expect(parseLiteralCall("f()")).toEqual({ name: "f", args: [], keywords: {} });
    expect(parseLiteralCall("running_total([1, 2, 3],)")?.args).toHaveLength(1);
  });

  test("calls with expressions are not read", () => {
    expect(parseLiteralCall("(lambda numbers: [running_total(numbers), numbers])([1, 2, 3])")).toBeNull();
    expect(parseLiteralCall("f(10 ** 3)")).toBeNull();
    expect(parseLiteralCall("f(g(1))")).toBeNull();
    expect(parseLiteralCall(null)).toBeNull();
  });
});
