// A Google-style docstring written from facts: the summary line, Args (name (type): description), Returns,
// Raises and Examples. Example results are exactly those of real runs in the sandbox, so the Examples section
// is a working doctest.
import type { DocstringRequest, FunctionFacts, ParamFacts } from "../contracts";
import { paramTypeName, typeOfResults } from "./type-words";

const INDENT = "    ";

const ARG_DESCRIPTIONS: Record<string, string> = {
  str: "The text to work on.",
  int: "A whole number.",
  float: "A number, possibly with decimals.",
  bool: "Whether to do it (True or False).",
  list: "The items to work on.",
  dict: "A dictionary of keys and values.",
  tuple: "A fixed group of values.",
  set: "A set of distinct items.",
};

function endWithPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function summaryLine(fn: FunctionFacts): string {
  const own = fn.docstring?.trim().split("\n")[0]?.trim();
  if (own) return endWithPeriod(own);
  const names = fn.params.map((p) => p.name).join(", ");
  const from = names ? ` computed from ${names}` : "";
  if (fn.returnsValue) return `Return a result${from}.`;
  if (fn.printCalls > 0) return `Print a result${from}.`;
  return `Run ${fn.name}${names ? ` with ${names}` : ""}.`;
}

function argLine(p: ParamFacts): string {
  const type = paramTypeName(p);
  const optional = p.default !== null;
  const kind = type ? ` (${type}${optional ? ", optional" : ""})` : optional ? " (optional)" : "";
  const description = (type && ARG_DESCRIPTIONS[type]) ?? "The value to work on.";
  return `${p.name}${kind}: ${description}${optional ? ` Defaults to ${p.default}.` : ""}`;
}

// How a raised exception arrives in an example's result, e.g. "raised ValueError" or "raises ValueError: bad".
const RAISED = /^rais(?:ed|es)\s+([A-Za-z_][\w.]*)(?::\s*([\s\S]*))?$/;

function exampleLines(call: string, result: string): string[] {
  const lines = [`>>> ${call}`];
  const raised = RAISED.exec(result.trim());
  if (raised) {
    lines.push("Traceback (most recent call last):", "    ...", raised[2] ? `${raised[1]}: ${raised[2]}` : raised[1]!);
  } else if (result !== "None") {
    // The interpreter (and doctest) shows nothing for a call that returns None.
    lines.push(...result.split("\n"));
  }
  return lines;
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? ["", `${title}:`, ...lines.map((l) => (l ? `${INDENT}${l}` : l))] : [];
}

export function docstringOffline(request: DocstringRequest): string {
  const { fn, examples } = request;
  const returnType = fn.returnAnnotation ?? typeOfResults(examples.map((e) => e.result));
  const returns = fn.returnsValue
    ? [returnType && returnType !== "None" ? `${returnType}: The result.` : "The result."]
    : [fn.printCalls > 0 ? "None: The result is printed, not returned." : "None."];
  const raised = [...new Set([...fn.raises, ...examples.flatMap((e) => RAISED.exec(e.result.trim())?.[1] ?? [])])];
  const lines = [
    summaryLine(fn),
    ...section("Args", fn.params.map(argLine)),
    ...section("Returns", returns),
    ...section("Raises", raised.map((r) => `${r}: If the arguments are not valid.`)),
    ...section("Examples", examples.flatMap((e) => exampleLines(e.call, e.result))),
  ];
  return lines.join("\n");
}
