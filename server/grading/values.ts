// Python values as the server sees them: decoded faithfully from the harness's observations or from an
// exercise's YAML, compared with Python's `==` semantics, and shown back to learners as Python reprs.
// Pure functions only: no I/O here.

export type PyValue =
  | { t: "none" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: bigint; type?: string }
  | { t: "float"; v: number; type?: string }
  | { t: "str"; v: string; type?: string }
  | { t: "bytes"; hex: string; type?: string }
  | { t: "list" | "tuple" | "set" | "frozenset"; items: PyValue[]; type?: string }
  | { t: "dict"; items: [PyValue, PyValue][]; type?: string }
  | { t: "repr"; type: string; v: string };

export class ValueDecodeError extends Error {}

function parseFloatText(text: string): number {
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  if (text === "nan") return NaN;
  const n = Number(text);
  if (Number.isNaN(n)) throw new ValueDecodeError(`not a float: ${text.slice(0, 40)}`);
  return n;
}

/** Decodes the harness's tagged JSON encoding (see runner-image/harness/encoding.py, encode_value). */
export function decodeObservedValue(node: unknown, depth = 0): PyValue {
  if (depth > 200 || typeof node !== "object" || node === null) throw new ValueDecodeError("malformed value");
  const n = node as Record<string, unknown>;
  const type = typeof n.type === "string" ? n.type : undefined;
  const withType = <T extends PyValue>(v: T): T => (type ? { ...v, type } : v);
  switch (n.t) {
    case "none":
      return { t: "none" };
    case "bool":
      if (typeof n.v !== "boolean") break;
      return { t: "bool", v: n.v };
    case "int":
      if (typeof n.v !== "string" || !/^-?\d+$/.test(n.v)) break;
      return withType({ t: "int", v: BigInt(n.v) });
    case "float":
      if (typeof n.v !== "string") break;
      return withType({ t: "float", v: parseFloatText(n.v) });
    case "str":
      if (typeof n.v !== "string") break;
      return withType({ t: "str", v: n.v });
    case "bytes":
      if (typeof n.v !== "string" || !/^(?:[0-9a-f]{2})*$/.test(n.v)) break;
      return withType({ t: "bytes", hex: n.v });
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      if (!Array.isArray(n.items)) break;
      return withType({ t: n.t, items: n.items.map((x) => decodeObservedValue(x, depth + 1)) });
    case "dict":
      if (!Array.isArray(n.items)) break;
      return withType({
        t: "dict",
        items: n.items.map((pair) => {
          if (!Array.isArray(pair) || pair.length !== 2) throw new ValueDecodeError("malformed dict item");
          return [decodeObservedValue(pair[0], depth + 1), decodeObservedValue(pair[1], depth + 1)] as [PyValue, PyValue];
        }),
      });
    case "repr":
      if (typeof n.v !== "string") break;
      return { t: "repr", type: type ?? "object", v: n.v };
  }
  throw new ValueDecodeError(`malformed value of kind ${String(n.t).slice(0, 20)}`);
}

/** Encodes a value back into the harness's wire format, e.g. to cache a reference solution's results. */
export function encodeValue(value: PyValue): unknown {
  switch (value.t) {
    case "int":
      return { ...value, v: value.v.toString() };
    case "float":
      return { ...value, v: pyFloatRepr(value.v) };
    case "bytes":
      return { t: "bytes", v: value.hex, ...(value.type ? { type: value.type } : {}) };
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      return { ...value, items: value.items.map(encodeValue) };
    case "dict":
      return { ...value, items: value.items.map(([k, v]) => [encodeValue(k), encodeValue(v)]) };
    default:
      return value;
  }
}

type Numeric = { kind: "int"; v: bigint } | { kind: "float"; v: number };
function asNumeric(value: PyValue): Numeric | null {
  if (value.t === "bool") return { kind: "int", v: value.v ? 1n : 0n };
  if (value.t === "int") return { kind: "int", v: value.v };
  if (value.t === "float") return { kind: "float", v: value.v };
  return null;
}

function numericEquals(a: Numeric, b: Numeric, tolerance: number): boolean {
  if (a.kind === "int" && b.kind === "int") return a.v === b.v;
  if (a.kind === "float" && b.kind === "float") return a.v === b.v || (tolerance > 0 && Math.abs(a.v - b.v) <= tolerance);
  const i = (a.kind === "int" ? a.v : b.v) as bigint;
  const f = (a.kind === "float" ? a.v : b.v) as number;
  if (Number.isInteger(f) && BigInt(f) === i) return true;
  return tolerance > 0 && Number.isFinite(f) && Math.abs(Number(i) - f) <= tolerance;
}

const SEQUENCES = new Set(["list", "tuple"]);
const SETS = new Set(["set", "frozenset"]);

/**
 * Python's `==` on decoded values: 2 == 2.0 == True-ish numbers compare by value, a tuple never equals a
 * list, dict and set order does not matter, set == frozenset. `tolerance` loosens float comparisons only.
 * A learner's own `__eq__` is deliberately not consulted: the comparison runs on the values it returned.
 */
export function pyEquals(a: PyValue, b: PyValue, tolerance = 0): boolean {
  const na = asNumeric(a);
  const nb = asNumeric(b);
  if (na || nb) return !!na && !!nb && numericEquals(na, nb, tolerance);
  if (SEQUENCES.has(a.t) || SEQUENCES.has(b.t)) {
    if (a.t !== b.t) return false;
    const x = (a as { items: PyValue[] }).items;
    const y = (b as { items: PyValue[] }).items;
    return x.length === y.length && x.every((item, i) => pyEquals(item, y[i]!, tolerance));
  }
  if (SETS.has(a.t) || SETS.has(b.t)) {
    if (!SETS.has(a.t) || !SETS.has(b.t)) return false;
    return sameUnordered((a as { items: PyValue[] }).items, (b as { items: PyValue[] }).items, (p, q) => pyEquals(p, q, tolerance));
  }
  if (a.t === "dict" || b.t === "dict") {
    if (a.t !== "dict" || b.t !== "dict") return false;
    return sameUnordered(a.items, b.items, ([ka, va], [kb, vb]) => pyEquals(ka, kb) && pyEquals(va, vb, tolerance));
  }
  switch (a.t) {
    case "none":
      return b.t === "none";
    case "str":
      return b.t === "str" && a.v === b.v;
    case "bytes":
      return b.t === "bytes" && a.hex === b.hex;
    case "repr":
      return b.t === "repr" && a.type === b.type && a.v === b.v;
  }
  return false;
}

function sameUnordered<T>(x: T[], y: T[], eq: (p: T, q: T) => boolean): boolean {
  if (x.length !== y.length) return false;
  const used = new Array<boolean>(y.length).fill(false);
  return x.every((p) => {
    const i = y.findIndex((q, j) => !used[j] && eq(p, q));
    if (i < 0) return false;
    used[i] = true;
    return true;
  });
}

// What Python's str.isprintable() rejects: other (control, format, surrogate, private use, unassigned) and
// separator characters, except the ASCII space. repr() escapes these so that invisible characters show.
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCodePoint(code: number): string {
  if (code < 0x100) return "\\x" + code.toString(16).padStart(2, "0");
  if (code < 0x10000) return "\\u" + code.toString(16).padStart(4, "0");
  return "\\U" + code.toString(16).padStart(8, "0");
}

/** Python's repr of a str: single quotes unless the text holds a single quote and no double quote. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) out += escapeCodePoint(code);
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's repr of a float: the shortest digits that read back as the same float (which is also what
 * JavaScript picks), written in fixed notation for exponents from -4 to 15 and in scientific notation outside.
 */
function pyFloatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const sign = v < 0 ? "-" : "";
  const [mantissa, exponentText] = Math.abs(v).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent >= 16 || exponent < -4) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1) || "0";
  return `${sign}${whole}.${fraction}`;
}

/** Python's repr of bytes: like str, double quotes only when the bytes hold a ' and no ". */
function bytesRepr(hex: string, type?: string): string {
  const codes = (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));
  const quote = codes.includes(0x27) && !codes.includes(0x22) ? '"' : "'";
  let out = "b" + quote;
  for (const code of codes) {
    const ch = String.fromCharCode(code);
    // CPython's bytearray repr escapes ' even inside double quotes.
    if (ch === quote || ch === "\\" || (ch === "'" && type === "bytearray")) out += "\\" + ch;
    else if (code === 10) out += "\\n";
    else if (code === 13) out += "\\r";
    else if (code === 9) out += "\\t";
    else if (code < 0x20 || code >= 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  out += quote;
  return type === "bytearray" ? `bytearray(${out})` : out;
}

/** A Python-style repr for showing expected and actual values to learners. */
export function pyRepr(value: PyValue): string {
  switch (value.t) {
    case "none":
      return "None";
    case "bool":
      return value.v ? "True" : "False";
    case "int":
      return value.v.toString();
    case "float":
      return pyFloatRepr(value.v);
    case "str":
      return pyStrRepr(value.v);
    case "bytes":
      return bytesRepr(value.hex, value.type);
    case "list":
      return `[${value.items.map(pyRepr).join(", ")}]`;
    case "tuple":
      return value.items.length === 1 ? `(${pyRepr(value.items[0]!)},)` : `(${value.items.map(pyRepr).join(", ")})`;
    case "set":
      return value.items.length === 0 ? "set()" : `{${value.items.map(pyRepr).join(", ")}}`;
    case "frozenset":
      return `frozenset(${value.items.length === 0 ? "" : `{${value.items.map(pyRepr).join(", ")}}`})`;
    case "dict":
      return `{${value.items.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
    case "repr":
      return value.v;
  }
}

/** A short name for the value's Python type, as learners see it in messages ("you returned a list"). */
export function pyTypeName(value: PyValue): string {
  if (value.t === "none") return "NoneType";
  if ("type" in value && value.type) return value.type;
  return value.t;
}
