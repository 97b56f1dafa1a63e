import { decodeObservedValue, encodeValue, pyEquals, pyRepr, pyTypeName, type PyValue, ValueDecodeError } from "../../server/grading/values";

const int = (v: number | bigint): PyValue => ({ t: "int", v: BigInt(v) });
const float = (v: number): PyValue => ({ t: "float", v });
const str = (v: string): PyValue => ({ t: "str", v });
const list = (...items: PyValue[]): PyValue => ({ t: "list", items });
const tuple = (...items: PyValue[]): PyValue => ({ t: "tuple", items });
const set = (...items: PyValue[]): PyValue => ({ t: "set", items });
const frozenset = (...items: PyValue[]): PyValue => ({ t: "frozenset", items });
const dict = (...items: [PyValue, PyValue][]): PyValue => ({ t: "dict", items });
const bytes = (text: string, type = "bytes"): PyValue => ({ t: "bytes", hex: Buffer.from(text, "latin1").toString("hex"), type });

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
  test("a set equals a frozenset with the same items, in any order, but never a list", () => {
    expect(pyEquals(set(int(1), int(2), int(3)), frozenset(int(3), int(1), int(2)))).toBe(true);
    expect(pyEquals(frozenset(int(1)), set(float(1)))).toBe(true);
    expect(pyEquals(set(int(1), int(2)), set(int(1), int(3)))).toBe(false);
    expect(pyEquals(set(int(1), int(2)), set(int(1)))).toBe(false);
    expect(pyEquals(set(int(1)), list(int(1)))).toBe(false);
    expect(pyEquals(set(), dict())).toBe(false);
  });
  test("nested containers compare item by item, with the rules above at every level", () => {
    const a = dict([tuple(int(1), str("x")), list(set(int(1), int(2)), dict([str("k"), float(2)]))]);
    const same = dict([tuple(float(1), str("x")), list(frozenset(int(2), int(1)), dict([str("k"), int(2)]))]);
    const listInsteadOfTuple = dict([list(int(1), str("x")), list(set(int(1), int(2)), dict([str("k"), float(2)]))]);
    const deeperDifference = dict([tuple(int(1), str("x")), list(set(int(1), int(2)), dict([str("k"), float(2.5)]))]);
    expect(pyEquals(a, same)).toBe(true);
    expect(pyEquals(a, listInsteadOfTuple)).toBe(false);
    expect(pyEquals(a, deeperDifference)).toBe(false);
    expect(pyEquals(list(float(0.1 + 0.2)), list(float(0.3)), 1e-9)).toBe(true);
  });
  test("big ints compare exactly, also against floats", () => {
    const big = 2n ** 100n;
    expect(pyEquals(int(big), int(big))).toBe(true);
    expect(pyEquals(int(big + 1n), int(big))).toBe(false);
    expect(pyEquals(int(2n ** 53n + 1n), float(2 ** 53))).toBe(false);
    expect(pyEquals(int(2n ** 53n), float(2 ** 53))).toBe(true);
  });
  test("nan equals nothing, not even nan; inf equals inf", () => {
    expect(pyEquals(float(NaN), float(NaN))).toBe(false);
    expect(pyEquals(float(NaN), float(NaN), 1)).toBe(false);
    expect(pyEquals(float(Infinity), float(Infinity))).toBe(true);
    expect(pyEquals(float(Infinity), float(-Infinity), 1)).toBe(false);
    expect(pyEquals(float(Infinity), int(10n ** 400n), 1)).toBe(false);
  });
  test("None, strings and bytes compare by value and kind", () => {
    expect(pyEquals({ t: "none" }, { t: "none" })).toBe(true);
    expect(pyEquals({ t: "none" }, int(0))).toBe(false);
    expect(pyEquals(str("1"), int(1))).toBe(false);
    expect(pyEquals(bytes("ab"), bytes("ab", "bytearray"))).toBe(true);
    expect(pyEquals(bytes("ab"), str("ab"))).toBe(false);
  });
});

describe("decodeObservedValue and encodeValue", () => {
  const values: [string, PyValue][] = [
    ["None", { t: "none" }],
    ["True", { t: "bool", v: true }],
    ["an int", int(-42)],
    ["a big int", int(-(2n ** 200n) + 7n)],
    ["a float", float(0.1 + 0.2)],
    ["a tiny float", float(5e-324)],
    ["a huge float", float(1.7976931348623157e308)],
    ["inf", float(Infinity)],
    ["-inf", float(-Infinity)],
    ["a str with quotes, newlines and emoji", str("it's \"x\"\n😀\u0000")],
    ["bytes", bytes("\x00\xffab'")],
    ["a bytearray", bytes("xy", "bytearray")],
    ["an int subclass", { t: "int", v: 3n, type: "MyInt" }],
    ["a repr", { t: "repr", type: "Point", v: "Point(x=1, y=2)" }],
    ["nested containers", dict([tuple(int(1), str("a")), list(set(int(1)), frozenset(), dict([{ t: "none" }, float(2)]))])],
    ["an OrderedDict", { t: "dict", items: [[str("a"), int(1)]], type: "OrderedDict" }],
  ];
  test.each(values)("%s survives encode then decode unchanged", (_name, value) => {
    expect(decodeObservedValue(JSON.parse(JSON.stringify(encodeValue(value))))).toEqual(value);
  });

  test("nan and -0.0 survive the round trip", () => {
    const nan = decodeObservedValue(encodeValue(float(NaN))) as { v: number };
    expect(Number.isNaN(nan.v)).toBe(true);
    const negativeZero = decodeObservedValue(encodeValue(float(-0))) as { v: number };
    expect(Object.is(negativeZero.v, -0)).toBe(true);
  });

  test("reads the harness's encoding: big ints stay exact, floats from Python reprs", () => {
    const digits = "123456789012345678901234567890123456789";
    expect(decodeObservedValue({ t: "int", v: digits })).toEqual(int(BigInt(digits)));
    expect(pyRepr(decodeObservedValue({ t: "int", v: `-${digits}` }))).toBe(`-${digits}`);
    expect(decodeObservedValue({ t: "float", v: "1e+16" })).toEqual(float(1e16));
    expect(decodeObservedValue({ t: "float", v: "-2.5e-07" })).toEqual(float(-2.5e-7));
    expect(decodeObservedValue({ t: "float", v: "inf" })).toEqual(float(Infinity));
    expect(decodeObservedValue({ t: "float", v: "-inf" })).toEqual(float(-Infinity));
    expect(Number.isNaN((decodeObservedValue({ t: "float", v: "nan" }) as { v: number }).v)).toBe(true);
    expect(decodeObservedValue({ t: "tuple", items: [{ t: "set", items: [] }, { t: "frozenset", items: [{ t: "int", v: "1" }] }] })).toEqual(
      tuple(set(), frozenset(int(1))),
    );
    expect(decodeObservedValue({ t: "dict", items: [[{ t: "str", v: "k" }, { t: "list", items: [] }]], type: "Counter" })).toEqual({
      t: "dict",
      items: [[str("k"), list()]],
      type: "Counter",
    });
  });

  test("keeps a subclass's type name, which learners see in messages", () => {
    const value = decodeObservedValue({ t: "str", v: "x", type: "MyStr" });
    expect(value).toEqual({ t: "str", v: "x", type: "MyStr" });
    expect(pyTypeName(value)).toBe("MyStr");
    expect(pyTypeName(decodeObservedValue({ t: "list", items: [] }))).toBe("list");
    expect(pyTypeName({ t: "none" })).toBe("NoneType");
  });

  test.each([
    ["not an object", 42],
    ["null", null],
    ["an unknown kind", { t: "complex", v: "1j" }],
    ["an int that is not digits", { t: "int", v: "12a" }],
    ["an int given as a JSON number", { t: "int", v: 12 }],
    ["a float that is not a number", { t: "float", v: "one" }],
    ["bytes that are not hex", { t: "bytes", v: "zz" }],
    ["bytes with half a byte", { t: "bytes", v: "abc" }],
    ["a list without items", { t: "list" }],
    ["a dict item that is not a pair", { t: "dict", items: [[{ t: "none" }]] }],
    ["a malformed value deep inside", { t: "list", items: [{ t: "list", items: [{ t: "bool", v: "yes" }] }] }],
  ])("refuses %s", (_name, node) => {
    expect(() => decodeObservedValue(node)).toThrow(ValueDecodeError);
  });

  test("refuses values nested absurdly deep instead of overflowing the stack", () => {
    let node: unknown = { t: "none" };
    for (let i = 0; i < 500; i++) node = { t: "list", items: [node] };
    expect(() => decodeObservedValue(node)).toThrow(ValueDecodeError);
  });
});

describe("pyRepr writes what Python's repr() would", () => {
  test("basics", () => {
    expect(pyRepr({ t: "tuple", items: [int(1)] })).toBe("(1,)");
    expect(pyRepr(tuple())).toBe("()");
    expect(pyRepr(str("it's"))).toBe(`"it's"`);
    expect(pyRepr(float(90))).toBe("90.0");
    expect(pyRepr({ t: "set", items: [] })).toBe("set()");
    expect(pyRepr(frozenset())).toBe("frozenset()");
    expect(pyRepr(frozenset(int(1)))).toBe("frozenset({1})");
    expect(pyRepr({ t: "none" })).toBe("None");
    expect(pyRepr({ t: "bool", v: false })).toBe("False");
    expect(pyRepr({ t: "repr", type: "Point", v: "Point(1, 2)" })).toBe("Point(1, 2)");
  });

  test.each([
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ["line one\nline two\ttab\r\\", `'line one\\nline two\\ttab\\r\\\\'`],
    ["café 😀 日本", `'café 😀 日本'`],
    ["\x00\x1b\x7f", `'\\x00\\x1b\\x7f'`],
    ["\x85\u00a0", `'\\x85\\xa0'`],
    ["zero\u200bwidth", `'zero\\u200bwidth'`],
    ["\u2028", `'\\u2028'`],
    ["\u{e0001}", `'\\U000e0001'`],
    ["\ud800", `'\\ud800'`],
    ["", `''`],
  ])("str %j", (text, expected) => {
    expect(pyRepr(str(text))).toBe(expected);
  });

  test.each([
    [0.1 + 0.2, "0.30000000000000004"],
    [2, "2.0"],
    [-0, "-0.0"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [1.2345e17, "1.2345e+17"],
    [123456789012345680000, "1.2345678901234568e+20"],
    [1e22, "1e+22"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [-2.5e-7, "-2.5e-07"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [NaN, "nan"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
  ])("float %d", (v, expected) => {
    expect(pyRepr(float(v))).toBe(expected);
  });

  test("big ints are written exactly", () => {
    expect(pyRepr(int(2n ** 128n))).toBe("340282366920938463463374607431768211456");
  });

  test.each([
    [bytes("abc"), "b'abc'"],
    [bytes("it's"), `b"it's"`],
    [bytes(`'"`), `b'\\'"'`],
    [bytes("\x00\n\t\r\\\x7f\xff"), "b'\\x00\\n\\t\\r\\\\\\x7f\\xff'"],
    [{ t: "bytes", hex: "" } as PyValue, "b''"],
    [bytes("a'", "bytearray"), `bytearray(b"a\\'")`],
    [bytes("\x01", "bytearray"), "bytearray(b'\\x01')"],
  ])("bytes %#", (value, expected) => {
    expect(pyRepr(value)).toBe(expected);
  });

  test("dicts and nested containers", () => {
    expect(pyRepr(dict())).toBe("{}");
    expect(pyRepr(dict([str("a"), int(1)], [str("b"), list(int(1), float(2))]))).toBe("{'a': 1, 'b': [1, 2.0]}");
    expect(pyRepr(dict([tuple(int(1), int(2)), set(str("x"))], [{ t: "none" }, dict()]))).toBe("{(1, 2): {'x'}, None: {}}");
    expect(pyRepr(list(tuple(str("it's")), frozenset(bytes("x"))))).toBe(`[("it's",), frozenset({b'x'})]`);
  });
});
