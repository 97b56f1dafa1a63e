// The offline explanation of a graded submission: what went wrong (the failing case, or only its kind when it
// is hidden), where (the line), why (the top concept's evidence) and what to read. A few short paragraphs of
// markdown, the same every time for the same facts.
import { code, plural } from "../concepts/wording";
import type { FailureExplanation, FailureFacts, TutorFacts } from "../contracts";
import { thrown } from "../concepts/reading-facts";
import { shownRepairs } from "../guardrails";
import { focusOf, type Focus } from "./focus";
import { suspectSentences } from "./suspect-words";
import { learnerSafeFacts } from "./learner-safe-facts";
import { asRankedConcepts, CONFIDENT_SCORE, rankModules, type RankedModule } from "./rank";

/** What each common exception means, in a beginner's words. */
const EXCEPTION_MEANINGS: Record<string, string> = {
  KeyError: "a dictionary was asked for a key it doesn't have",
  IndexError: "a list or text was asked for a position it doesn't have",
  NameError: "Python met a name it doesn't know",
  UnboundLocalError: "a variable was used before it got a value",
  TypeError: "a value was used in a way its type doesn't allow, like adding text to a number",
  ValueError: "a value had the right type but contents that don't work here, like turning the text \"abc\" into a number",
  AttributeError: "a value doesn't have the method or attribute your code used",
  ZeroDivisionError: "something was divided by zero",
  RecursionError: "a function called itself too many times",
  RuntimeError: "Python couldn't carry on with what your code asked",
  AssertionError: "an `assert` found something false",
};

/** A second concept this close to the first is worth naming too. */
const ALSO_WORTH_READING = 0.6;

function raisedWords(type: string, message: string): string {
  const detail = message.trim() ? ` (${code(message.trim(), 120)})` : "";
  const meaning = EXCEPTION_MEANINGS[type];
  return `Python raised **${type}**${detail}${meaning ? `: ${meaning}` : ""}.`;
}

/** The expected value says "raises X" when the case expects an exception (see grading/judge.ts). */
function expectedException(f: FailureFacts): string | null {
  return /^raises (\w[\w.]*)$/.exec(f.expected ?? "")?.[1] ?? null;
}

/** A program case's failure: it ran the whole file with some input and compared what it printed. */
function whatProgramDid(f: FailureFacts, test: string): string | null {
  if (f.call !== null || f.stdin === null || f.status !== "failed") return null;
  const input = f.stdin.trim() ? `With the input ${code(f.stdin.trim())}, your` : "With no input, your";
  return `${test} ${input} program should print ${code(f.expected ?? "?")}, but it printed ${f.actual?.trim() ? code(f.actual) : "nothing"}.`;
}

function whatVisible(f: FailureFacts): string {
  const call = f.call !== null ? code(f.call) : f.stdin !== null ? "your program" : "your function";
  const test = `The test “${f.caseName}” failed.`;
  const program = whatProgramDid(f, test);
  if (program) return program;
  switch (f.status) {
    case "failed": {
      const wanted = expectedException(f);
      if (wanted && f.exception) return `${test} ${call} should raise **${wanted}**, but your code raised **${f.exception.type}** instead.`;
      if (wanted) return `${test} ${call} should raise **${wanted}**, but your function returned ${code(f.actual ?? "a value")} instead.`;
      const printed = (f.stdout ?? "").trim();
      const printedNote = printed && f.actual === "None" ? ` It printed ${code(printed)} along the way.` : "";
      return `${test} ${call} should return ${code(f.expected ?? "?")}, but your function returned ${code(f.actual ?? "?")}.${printedNote}`;
    }
    case "error":
      return f.exception ? `${test} While running ${call}, ${raisedWords(f.exception.type, f.exception.message)}` : `${test} While running ${call}, your code stopped before the function could return (did it call \`exit()\`?).`;
    case "timeout":
      return `${test} ${call} ran out of time: your code was still running when the time limit was reached.`;
    case "memory-limit":
      return `${test} While running ${call}, your code used more memory than it is allowed.`;
    case "output-limit":
      return `${test} While running ${call}, your code printed far too much (or returned a huge value).`;
    default:
      return test;
  }
}

function whatHidden(f: FailureFacts): string {
  const test = f.hiddenDescription ? `a hidden test that uses ${f.hiddenDescription}` : "a hidden test";
  const Test = `A${test.slice(1)}`;
  const secret = f.hiddenDescription
    ? " Hidden tests keep their input secret, but you can try that kind of input yourself."
    : " Hidden tests keep their input secret: think about inputs the examples don't show, like empty, negative or very long ones.";
  switch (f.status) {
    case "failed":
      return f.exception
        ? `${Test} failed: your code raised **${f.exception.type}** where another result was expected.${secret}`
        : `${Test} failed: your function gave a wrong result.${secret}`;
    case "error":
      return `${Test} failed. ${f.exception ? raisedWords(f.exception.type, f.exception.message) : "Your code stopped before the function could return."}${secret}`;
    case "timeout":
      return `${Test} ran out of time: your code was still running when the time limit was reached.${secret}`;
    case "memory-limit":
      return `On ${test}, your code used more memory than it is allowed.${secret}`;
    case "output-limit":
      return `On ${test}, your code printed far too much.${secret}`;
    default:
      return `${Test} failed.${secret}`;
  }
}

function whatSyntax(facts: TutorFacts): string {
  const s = facts.analysis.syntaxError ?? facts.failure?.exception;
  const message = s?.message.trim() ?? "";
  const said = message ? ` Python says: “${/[.!?]$/.test(message) ? message : `${message}.`}”` : "";
  return `Python couldn't read your code, so none of the tests could run.${said}`;
}

function lineWithText(line: number, text: string | null): string {
  return `**line ${line}**${text ? `: ${code(text, 80)}` : "."}`;
}

/** Where Python stopped, if it did, and the line to look at, with why when running the code found it. */
function where(facts: TutorFacts, focus: Focus | null): string | null {
  if (!focus) return null;
  const e = thrown(facts);
  const stopped = e?.line && e.line !== focus.line ? `Python stopped on ${lineWithText(e.line, e.lineText)} ` : "";
  if (focus.suspect) return `${stopped}${focus.crashed ? `Python stopped on ${lineWithText(focus.line, focus.text)} ` : ""}${suspectSentences(facts, focus.suspect, focus.text)}`;
  return focus.crashed ? `Python stopped on ${lineWithText(focus.line, focus.text)}` : `${stopped}Look at ${lineWithText(focus.line, focus.text)}`;
}

function why(ranked: RankedModule[], verdict: TutorFacts["verdict"], focus: Focus | null): string | null {
  const top = ranked[0];
  if (verdict === "syntax-error" && !top) {
    return "Check that line and the one just above it: a missing `:` at the end of an `if`, `for`, `while` or `def` line, or a bracket or quote that was opened but never closed, are the usual causes.";
  }
  if (!top || top.score < CONFIDENT_SCORE) {
    if (focus?.suspect) return `Follow your code by hand with this input up to line ${focus.line}: what value does each variable have there, and what did you expect?`;
    return "This test alone doesn't show the cause for sure. Follow your code by hand with this input, line by line: where does a value first differ from what you expect?";
  }
  const lead = top.signals[0]!;
  // Runtime evidence rarely names a line; the strongest signal that does adds the "where" in the code.
  const located = lead.line ? null : top.signals.find((s) => s.line && s.evidence !== lead.evidence);
  return [lead.evidence, ...(located ? [located.evidence] : [])].join(" ");
}

function pointer(ranked: RankedModule[]): string | null {
  const [top, second] = ranked;
  if (!top) return null;
  if (top.score < CONFIDENT_SCORE) {
    // Only the exercise's topics, no evidence: offer them as reading, not as the diagnosis.
    return `This exercise practises ${listTitles(ranked.map((r) => r.module.title))}: reading about them may help.`;
  }
  const also = second && second.score >= ALSO_WORTH_READING ? ` It could also be **${second.module.title}**.` : "";
  return `Read about: **${top.module.title}**.${also}`;
}

function listTitles(titles: string[]): string {
  const bold = titles.map((t) => `**${t}**`);
  return bold.length <= 1 ? bold.join("") : `${bold.slice(0, -1).join(", ")} and ${bold.at(-1)}`;
}

function progress(facts: TutorFacts): string | null {
  if (facts.totalCount === 0 || facts.passedCount === 0) return null;
  return `You already pass ${facts.passedCount} of ${plural(facts.totalCount, "test")}: keep going!`;
}

function paragraphs(parts: (string | null)[]): string {
  return parts.filter((p): p is string => !!p).join("\n\n");
}

/** A paragraph of reasoning, or null if it would show a line as a repair rewrote it (the fix: see guardrails.ts). */
function withoutFix(facts: TutorFacts, paragraph: string | null): string | null {
  return paragraph && shownRepairs(paragraph, facts.repairedLines, facts.code).length === 0 ? paragraph : null;
}

/** Explains a graded submission for the learner. Hidden cases are described only by their kind. */
export function explainFailure(rawFacts: TutorFacts): FailureExplanation {
  const facts = learnerSafeFacts(rawFacts);
  const result = (explanation: string, ranked: RankedModule[]): FailureExplanation => ({ explanation, concepts: asRankedConcepts(ranked), engine: "offline", note: null });
  if (facts.verdict === "passed") {
    const all = facts.totalCount > 0 ? `all ${plural(facts.totalCount, "test")} pass` : "your code passes";
    return result(`Well done: ${all}! Your function does what the exercise asks.`, []);
  }
  if (facts.verdict === "internal-error" || facts.failure?.status === "internal-error") {
    return result("Something went wrong on our side while checking your code. It isn't your fault: please submit again, and tell your instructor if it keeps happening.", []);
  }
  const ranked = rankModules(facts);
  const focus = focusOf(facts, ranked);
  const f = facts.failure;
  const what = facts.verdict === "syntax-error" || f?.status === "syntax-error" ? whatSyntax(facts) : !f ? "Your code didn't pass the tests." : f.hidden ? whatHidden(f) : whatVisible(f);
  const extra = facts.verdict === "syntax-error" ? null : progress(facts);
  // What happened is the test's own data; the reasoning after it is checked for the fix.
  const reasoning = [where(facts, focus), why(ranked, facts.verdict, focus), pointer(ranked)].map((p) => withoutFix(facts, p));
  return result(paragraphs([what, ...reasoning, extra]), ranked);
}
