// How the explainers and docstrings name a parameter's or result's type, from an annotation, the analyzer's
// inference, or a value seen in a real run.
import { parsePyLiteral } from "../concepts/python-literals";
import { typeName } from "../concepts/reading-facts";
import type { InferredType, ParamFacts } from "../contracts";

const DESCRIBED: Record<string, string> = {
  str: "text (a str)",
  int: "a whole number (an int)",
  float: "a decimal number (a float)",
  bool: "True or False (a bool)",
  list: "a list",
  dict: "a dictionary (a dict)",
  tuple: "a tuple",
  set: "a set",
  none: "None",
  NoneType: "None",
};

/** The Python name of a parameter's type, or null when neither an annotation nor the analyzer knows it. */
export function paramTypeName(p: ParamFacts): string | null {
  if (p.annotation) return p.annotation;
  return p.inferredType === "unknown" ? null : pythonTypeName(p.inferredType);
}

export function pythonTypeName(t: InferredType | string): string {
  return t === "none" ? "None" : t;
}

/** "a whole number (an int)"; an annotation it doesn't know is shown as written. */
export function describeType(name: string | null): string {
  if (!name) return "a value";
  return DESCRIBED[name] ?? `a ${name}`;
}

/** The type shared by every result seen in real runs (ignoring raised exceptions), or null. */
export function typeOfResults(results: string[]): string | null {
  const names = new Set<string>();
  for (const r of results) {
    if (/^(raised|raises)\s/.test(r)) continue;
    const v = parsePyLiteral(r);
    if (!v) return null;
    names.add(v.t === "none" ? "None" : typeName(v));
  }
  return names.size === 1 ? [...names][0]! : null;
}
