// Reading one string field out of JSON that is still arriving, so the explanation can be shown while the
// model writes it: `{"explanation": "Your loop stops one ea` gives "Your loop stops one ea".
// Tolerant by design: leading junk before the first `{` (such as a ```json fence), any field order, nested values
// before the field, escapes cut in half. It never throws; it returns null until the field's string has begun.

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Decodes a JSON string starting just after its opening quote; `complete` is false when the text ran out first. */
function readString(text: string, start: number): { value: string; end: number; complete: boolean } {
  let value = "";
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1, complete: true };
    if (c !== "\\") {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break; // a backslash at the very end: wait for the rest of the escape
    if (e === "u") {
      const hex = text.slice(i + 2, i + 6);
      if (hex.length < 4) break;
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        i += 2; // invalid escape: skip it rather than fail
        continue;
      }
      const code = parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdbff) {
        // a high surrogate needs its low half, which may not have arrived yet
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(text.slice(i + 6, i + 12));
        if (!low) {
          if (text.length - (i + 6) < 6) break;
          i += 6; // a lone high surrogate: drop it
          continue;
        }
        value += String.fromCharCode(code, parseInt(low[1]!, 16));
        i += 12;
        continue;
      }
      value += String.fromCharCode(code);
      i += 6;
      continue;
    }
    value += SIMPLE_ESCAPES[e] ?? e;
    i += 2;
  }
  return { value, end: text.length, complete: false };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/**
 * The value so far of the string field `key` of the top-level JSON object in `text`, or null when that field has
 * not started (or is not a string). Decodes escapes; drops an escape that is cut off at the end.
 */
export function partialStringField(text: string, key: string): string | null {
  let i = text.indexOf("{");
  if (i === -1) return null;
  i++;
  // The stack holds the kind of each open container; at depth 1 we are inside the top-level object.
  const stack: ("object" | "array")[] = ["object"];
  let expectKey = true;
  while (i < text.length) {
    i = skipSpace(text, i);
    if (i >= text.length) return null;
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      const s = readString(text, i + 1);
      if (!s.complete) return null;
      i = s.end;
      if (top === "object" && expectKey) {
        expectKey = false;
        i = skipSpace(text, i);
        if (i >= text.length) return null;
        if (text[i] !== ":") continue; // not JSON as we know it; keep scanning
        i = skipSpace(text, i + 1);
        if (i >= text.length) return null;
        if (stack.length === 1 && s.value === key) {
          if (text[i] !== '"') return null;
          return readString(text, i + 1).value;
        }
      }
      continue;
    }
    if (c === "{" || c === "[") {
      stack.push(c === "{" ? "object" : "array");
      expectKey = c === "{";
      i++;
      continue;
    }
    if (c === "}" || c === "]") {
      stack.pop();
      if (stack.length === 0) return null; // the top-level object ended without the field
      expectKey = false;
      i++;
      continue;
    }
    if (c === ",") {
      expectKey = top === "object";
      i++;
      continue;
    }
    i++; // numbers, true/false/null, stray characters
  }
  return null;
}
