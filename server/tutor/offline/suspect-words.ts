// How the offline tutor talks about a suspect line that localization found by running the code: what the line does
// for the failing case's input (the explanation) and a question to ask there (hint 2). Built only from the learner's
// own line, the failing case's call (a visible case) or its kind (a hidden case), and the part of the line a repair
// touched; never from the repair itself, so no wording here can hand over the fix.
import { pyRepr } from "../../grading/values";
import { parseLiteralCall } from "../concepts/python-literals";
import { entryFunction, withoutCommentsAndStrings } from "../concepts/reading-facts";
import { code } from "../concepts/wording";
import type { SuspectAspect, SuspectLine, TutorFacts } from "../contracts";

/**
 * What a line does, by the part of it a repair touched, as a sentence about `line` ("**Line 2** (`if n < 0:`)") and
 * `input` ("for `n = 0`", or "in `f(0)`"): "**Line 2** (`if n < 0:`) decides what happens for `n = 0`".
 */
const ROLE: Record<SuspectAspect, (line: string, input: string) => string> = {
  boundary: (line, input) => `${line} decides what happens ${input}`,
  condition: (line, input) => `${line} decides what happens ${input}`,
  range: (line, input) => `${line} sets the values the loop goes through ${input}`,
  number: (line, input) => `${line} holds a number the result depends on ${input}`,
  operation: (line, input) => `${line} calculates a value ${input}`,
  update: (line, input) => `${line} sets a variable ${input}`,
  discarded: (line, input) => `${line} computes a new value ${input}`,
  order: (line, input) => `${line} puts values together ${input}`,
  output: (line, input) => `${line} shows your function's result ${input}`,
  variable: (line, input) => `${line} uses your variables ${input}`,
  placement: (line, input) => `Where ${line.replace("**Line", "**line")} sits in your code decides what happens ${input}`,
};

/** The question hint 2 asks about the line, by the part of it a repair touched. `when` is " when `n` is 0" or "". */
const QUESTION: Record<SuspectAspect, (when: string) => string> = {
  boundary: (when) => `Is its condition true or false${when}? Try it with the value right at the boundary: should that value count?`,
  condition: (when) => `Is its condition true or false${when}, and is that what you want?`,
  range: (when) => `Which values does the loop go through${when}? Write them down: are the first and the last one right?`,
  number: (when) => `Work out by hand the value it computes${when}: is every number on it right?`,
  operation: (when) => `Work out by hand what it calculates${when}: is each operation on it the one you mean?`,
  discarded: (when) => `Where does the value it computes go${when}? Is it kept anywhere?`,
  update: (when) => `Follow the variable it sets${when}, round after round: should the new value replace the old one, or build on it?`,
  order: (when) => `Work out by hand what it gives${when}: are its values used in the right order?`,
  output: () => "Does that line give the result back to whoever called your function, or only show it on the screen?",
  variable: (when) => `Work out by hand what it does${when}: is each variable on it the one you mean?`,
  placement: (when) => `Follow your code${when}: should that line run inside the block just above it, or after it?`,
};

const MAX_BINDINGS = 2;

/** The failing call's arguments for the parameters that appear on the line: [["n", "0"]]. Visible cases only. */
function bindings(facts: TutorFacts, line: string | null): [string, string][] {
  const call = facts.failure?.hidden ? null : parseLiteralCall(facts.failure?.call ?? null);
  const fn = entryFunction(facts);
  if (!call || !fn || !line) return [];
  const onLine = withoutCommentsAndStrings(line);
  const named = fn.params.map((p, i): [string, string | null] => {
    const value = call.keywords[p.name] ?? call.args[i];
    return [p.name, value ? pyRepr(value) : null];
  });
  return named.filter((b): b is [string, string] => b[1] !== null && b[1].length <= 40 && new RegExp(`\\b${b[0]}\\b`).test(onLine)).slice(0, MAX_BINDINGS);
}

function and(parts: string[]): string {
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** "the hidden test that uses zero" or "`fibonacci(0)`": the failing case as the learner may see it. */
function failingCase(facts: TutorFacts): string {
  const f = facts.failure;
  if (f?.hidden) return f.hiddenDescription ? `the hidden test that uses ${f.hiddenDescription}` : "a hidden test";
  return f?.call ? code(f.call) : "the failing test";
}

/** The explanation's sentences on the top suspect line (a repair or the spectrum found it). */
export function suspectSentences(facts: TutorFacts, suspect: SuspectLine, lineText: string | null): string {
  const line = `**Line ${suspect.line}**${lineText ? ` (${code(lineText, 80)})` : ""}`;
  if (suspect.evidence === "spectrum") {
    return `${line} is the line most tied to the failure: the failing tests run it more than the passing ones do. Start looking there.`;
  }
  const role = ROLE[suspect.aspect ?? "number"];
  const found = bindings(facts, lineText).map(([name, value]) => code(`${name} = ${value}`));
  const failing = failingCase(facts);
  const what = found.length ? `${role(line, `for ${and(found)}`)}, and ${failing} went wrong there.` : `${role(line, `in ${failing}`)}, which went wrong there.`;
  const keeps = facts.passedCount > 0 ? " without breaking the tests you already pass" : "";
  return `${what} Changing one small thing on that line makes the failing tests pass${keeps}, so the bug is very likely there.`;
}

/** Hint 2's question about the suspect line. */
export function suspectQuestion(facts: TutorFacts, suspect: SuspectLine, lineText: string | null): string {
  const found = bindings(facts, lineText);
  const f = facts.failure;
  const when = found.length
    ? ` when ${and(found.map(([name, value]) => `${code(name)} is ${code(value)}`))}`
    : f?.hidden
      ? f.hiddenDescription
        ? ` for ${f.hiddenDescription}`
        : ""
      : f?.call
        ? ` in ${code(f.call)}`
        : "";
  if (suspect.evidence === "repair" && suspect.aspect) return QUESTION[suspect.aspect](when);
  return `Follow your code by hand${when}, up to that line: what values do its variables have there, and what did you expect?`;
}
