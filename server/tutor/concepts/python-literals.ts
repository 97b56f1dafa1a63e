// Reads the Python text a failure carries (the expected and actual reprs, the call's literal arguments) back
// into values, so detectors can compare them ("one item short", "the same but in upper case"). Only literals:
// anything else (a repr of an object, a lambda, a shortened value ending in "…") reads as null.
import type { PyValue } from "../../grading/values";

class NotALiteral extends Error {}

class LiteralReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? "";
  }

  expect(ch: string): void {
    if (this.peek() !== ch) throw new NotALiteral();
    this.pos++;
  }

  tryConsume(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.pos++;
    return true;
  }

  /** A keyword argument's `name=`, consumed if present. */
  keywordName(): string | null {
    this.skipSpace();
    const m = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(this.text.slice(this.pos));
    if (!m) return null;
    this.pos += m[0].length;
    return m[1]!;
  }

  /** The function's name and its opening parenthesis: `name(`. */
  callee(): string {
    this.skipSpace();
    const m = /^([A-Za-z_][\w.]*)\s*\(/.exec(this.text.slice(this.pos));
    if (!m) throw new NotALiteral();
    this.pos += m[0].length;
    return m[1]!;
  }

  value(depth = 0): PyValue {
    if (depth > 50) throw new NotALiteral();
    const ch = this.peek();
    if (ch === "[") return { t: "list", items: this.sequence("[", "]", depth) };
    if (ch === "(") return this.parenthesised(depth);
    if (ch === "{") return this.braces(depth);
    if (ch === "'" || ch === '"') return this.string();
    const rest = this.text.slice(this.pos);
    const word = /^(None|True|False|set\(\))(?!\w)/.exec(rest);
    if (word) {
      this.pos += word[0].length;
      if (word[1] === "None") return { t: "none" };
      if (word[1] === "set()") return { t: "set", items: [] };
      return { t: "bool", v: word[1] === "True" };
    }
    const num = /^[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      const text = num[0].replace(/^\+/, "");
      return /[.eE]/.test(text) ? { t: "float", v: Number(text) } : { t: "int", v: BigInt(text) };
    }
    throw new NotALiteral();
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private sequence(open: string, close: string, depth: number): PyValue[] {
    this.expect(open);
    const items: PyValue[] = [];
    while (!this.tryConsume(close)) {
      items.push(this.value(depth + 1));
      if (!this.tryConsume(",")) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private parenthesised(depth: number): PyValue {
    this.expect("(");
    if (this.tryConsume(")")) return { t: "tuple", items: [] };
    const first = this.value(depth + 1);
    if (this.tryConsume(")")) return first; // (x) is just x
    this.expect(",");
    const items = [first];
    while (!this.tryConsume(")")) {
      items.push(this.value(depth + 1));
      if (!this.tryConsume(",")) {
        this.expect(")");
        break;
      }
    }
    return { t: "tuple", items };
  }

  private braces(depth: number): PyValue {
    this.expect("{");
    if (this.tryConsume("}")) return { t: "dict", items: [] };
    const first = this.value(depth + 1);
    if (this.tryConsume(":")) {
      const items: [PyValue, PyValue][] = [[first, this.value(depth + 1)]];
      while (this.tryConsume(",")) {
        if (this.peek() === "}") break;
        const key = this.value(depth + 1);
        this.expect(":");
        items.push([key, this.value(depth + 1)]);
      }
      this.expect("}");
      return { t: "dict", items };
    }
    const items = [first];
    while (this.tryConsume(",")) {
      if (this.peek() === "}") break;
      items.push(this.value(depth + 1));
    }
    this.expect("}");
    return { t: "set", items };
  }

  private string(): PyValue {
    const quote = this.text[this.pos]!;
    this.pos++;
    let out = "";
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined || ch === "\n") throw new NotALiteral();
      if (ch === quote) break;
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos++];
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"' };
      if (esc !== undefined && esc in simple) out += simple[esc];
      else if (esc === "x" || esc === "u" || esc === "U") {
        const len = esc === "x" ? 2 : esc === "u" ? 4 : 8;
        const hex = this.text.slice(this.pos, this.pos + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new NotALiteral();
        out += String.fromCodePoint(parseInt(hex, 16));
        this.pos += len;
      } else throw new NotALiteral();
    }
    // Adjacent literals ("a" "b") are rare in reprs and calls; refusing them keeps this reader small.
    return { t: "str", v: out };
  }
}

/** A Python literal (a repr such as `[1, 'a']` or `{'x': 2.5}`) as a value, or null if it is not one. */
export function parsePyLiteral(text: string | null): PyValue | null {
  if (text === null) return null;
  try {
    const reader = new LiteralReader(text);
    const value = reader.value();
    return reader.atEnd() ? value : null;
  } catch (e) {
    if (e instanceof NotALiteral) return null;
    throw e;
  }
}

export interface LiteralCall {
  name: string;
  /** Positional arguments, in order. */
  args: PyValue[];
  keywords: Record<string, PyValue>;
}

/** A call such as `running_total([1, 2, 3])` whose arguments are all literals, or null. */
export function parseLiteralCall(call: string | null): LiteralCall | null {
  if (call === null) return null;
  try {
    const reader = new LiteralReader(call);
    const name = reader.callee();
    const args: PyValue[] = [];
    const keywords: Record<string, PyValue> = {};
    while (!reader.tryConsume(")")) {
      const keyword = reader.keywordName();
      if (keyword) keywords[keyword] = reader.value();
      else args.push(reader.value());
      if (!reader.tryConsume(",")) {
        reader.expect(")");
        break;
      }
    }
    return reader.atEnd() ? { name, args, keywords } : null;
  } catch (e) {
    if (e instanceof NotALiteral) return null;
    throw e;
  }
}

/** A number's value (ints may be huge: they become the nearest float, which is fine for comparisons here). */
export function numberValue(v: PyValue | null): number | null {
  if (!v) return null;
  if (v.t === "int") return Number(v.v);
  if (v.t === "float") return v.v;
  return null;
}

export function itemsOf(v: PyValue | null): PyValue[] | null {
  if (!v) return null;
  return v.t === "list" || v.t === "tuple" ? v.items : null;
}
