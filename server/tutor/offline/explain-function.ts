// "Explain this function", offline: a summary built only from the analyzer's facts (parameters, loops, returns,
// prints, recursion, raises), the analyzer's plain-language steps, and one real example from the sandbox.
import { code, plural } from "../concepts/wording";
import type { CodeAnalysis, FunctionExplanation, FunctionFacts, ParamFacts } from "../contracts";
import { describeType, paramTypeName, typeOfResults } from "./type-words";

/** How many called names the summary lists before it stops. */
const CALLS_SHOWN = 4;

function signature(fn: FunctionFacts): string {
  const params = fn.params.map((p) => (p.default !== null ? `${p.name}=${p.default}` : p.name));
  return `${fn.name}(${params.join(", ")})`;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function firstLine(docstring: string | null): string | null {
  const line = docstring?.trim().split("\n")[0]?.trim();
  return line ? line : null;
}

function inputsSentence(fn: FunctionFacts): string {
  const call = code(signature(fn));
  if (fn.params.length === 0) return `${call} takes no inputs.`;
  const names = fn.params.map((p) => code(p.name));
  const optional = fn.params.filter((p) => p.default !== null).map((p) => `${code(p.name)} is optional (${code(p.default!)} when not given)`);
  return `${call} takes ${plural(fn.params.length, "input")}: ${listWords(names)}.${optional.length ? ` ${capitalise(listWords(optional))}.` : ""}`;
}

function capitalise(text: string): string {
  return text.startsWith("`") ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

function bodySentence(fn: FunctionFacts): string | null {
  const parts: string[] = [];
  if (fn.loops > 0) parts.push(`uses ${plural(fn.loops, "loop")} to repeat steps`);
  if (fn.recursive) parts.push("calls itself (that's called recursion)");
  // print and the function itself are described on their own.
  const allOthers = [...new Set(fn.calls.filter((c) => c !== fn.name && c !== "print"))];
  const others = allOthers.slice(0, CALLS_SHOWN);
  if (others.length > 0) parts.push(`uses ${listWords(others.map((c) => code(c)))}${allOthers.length > others.length ? " and more" : ""}`);
  if (fn.printCalls > 0) parts.push(`prints ${fn.printCalls === 1 ? "once" : `in ${fn.printCalls} places`}`);
  return parts.length ? `It ${listWords(parts)}.` : null;
}

function outcomeSentence(fn: FunctionFacts): string {
  const raises = fn.raises.length ? ` It can stop with ${listWords(fn.raises.map((r) => `**${r}**`))} when something is wrong.` : "";
  const gives = fn.returnsValue ? "It gives back a value with `return`." : "It has no `return` with a value, so calling it gives back `None`.";
  return `${gives}${raises}`;
}

function inputDescription(p: ParamFacts): string {
  const type = describeType(paramTypeName(p));
  return p.default !== null ? `${capitalise(type)}; optional, ${code(p.default)} if not given.` : `${capitalise(type)}.`;
}

function outputDescription(fn: FunctionFacts, example: { call: string; result: string } | null): string {
  if (!fn.returnsValue) return fn.printCalls > 0 ? "Nothing: it returns `None` (it prints instead)." : "Nothing: it returns `None`.";
  const type = fn.returnAnnotation ?? (example ? typeOfResults([example.result]) : null);
  return type ? `${capitalise(describeType(type))}, given back with \`return\`.` : "A value, given back with `return`.";
}

export function explainFunctionOffline(_analysis: CodeAnalysis, fn: FunctionFacts, _code: string, example: { call: string; result: string } | null): FunctionExplanation {
  const doc = firstLine(fn.docstring);
  const summary = [
    inputsSentence(fn),
    doc ? `Its docstring says: “${doc}”` : null,
    bodySentence(fn),
    outcomeSentence(fn),
  ]
    .filter((s): s is string => !!s)
    .join(" ");
  return {
    function: fn.name,
    summary,
    steps: fn.steps.map((s) => ({ line: s.line, text: s.text })),
    inputs: fn.params.map((p) => ({ name: p.name, description: inputDescription(p) })),
    output: outputDescription(fn, example),
    example,
    engine: "offline",
    note: null,
  };
}
