import { pyEquals, pyRepr, type PyValue } from "../../server/grading/values";

const int = (v: number | bigint): PyValue => ({ t: "int", v: BigInt(v) });
const float = (v: number): PyValue => ({ t: "float", v });
const str = (v: string): PyValue => ({ t: "str", v });

describe("pyEquals follows Python's ==", () => {
  test("2 == 2.0 and True == 1, but 2 != 2.5", () => {
    expect(pyEquals(int(2), float(2))).toBe(true);
    expect(pyEquals({ t: "bool", v: true }, int(1))).toBe(true);
    expect(pyEquals(int(2), float(2.5))).toBe(false);
  });
  test("a tuple never equals a list", () => {
    expect(pyEquals({ t: "tuple", items: [int(1)] }, { t: "list", items: [int(1)] })).toBe(false);
  });
  test("dict order does not matter", () => {
    const a: PyValue = { t: "dict", items: [[str("a"), int(1)], [str("b"), int(2)]] };
    const b: PyValue = { t: "dict", items: [[str("b"), int(2)], [str("a"), int(1)]] };
    expect(pyEquals(a, b)).toBe(true);
  });
  test("float tolerance applies only when given", () => {
    expect(pyEquals(float(0.1 + 0.2), float(0.3))).toBe(false);
    expect(pyEquals(float(0.1 + 0.2), float(0.3), 1e-9)).toBe(true);
  });
});

test("pyRepr writes Python reprs", () => {
  expect(pyRepr({ t: "tuple", items: [int(1)] })).toBe("(1,)");
  expect(pyRepr(str("it's"))).toBe(`"it's"`);
  expect(pyRepr(float(90))).toBe("90.0");
  expect(pyRepr({ t: "set", items: [] })).toBe("set()");
});
