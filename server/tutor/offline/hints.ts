// Offline hints at three levels for the failure's top concept: 1 a nudge (a question), 2 the concept and where to
// look, 3 a plan in words. Never code beyond a short inline expression, never the solution, and for a hidden
// case never its input or values (the facts are made learner-safe first).
import type { ConceptModule, Signal } from "../concepts/concept-module";
import { thrown } from "../concepts/reading-facts";
import { code } from "../concepts/wording";
import type { Hint, HintLevel, TutorFacts } from "../contracts";
import { hintLeaksSolution } from "../guardrails";
import { focusOf, type Focus } from "./focus";
import { learnerSafeFacts } from "./learner-safe-facts";
import { CONFIDENT_SCORE, rankModules, type RankedModule } from "./rank";
import { suspectQuestion } from "./suspect-words";

function lineWords(facts: TutorFacts, focus: Focus | null): string {
  if (!focus) return "";
  const look = focus.text ? ` Look at line ${focus.line}: ${code(focus.text, 80)}.` : ` Look at line ${focus.line}.`;
  return focus.suspect ? `${look} ${suspectQuestion(facts, focus.suspect, focus.text)}` : look;
}

/** What the learner should hold in mind while reading the nudge: the failing call, or the hidden case's kind. */
function caseInFocus(facts: TutorFacts): string {
  const f = facts.failure;
  if (!f) return "";
  if (f.hidden) return f.hiddenDescription ? `One hidden test uses ${f.hiddenDescription}. ` : "";
  return f.call ? `Take the failing test, ${code(f.call)}. ` : "";
}

/** A level-3 plan: numbered steps in words. */
function plan(steps: string[]): string {
  return `Here is a plan, in words (the code is yours to write):\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}`;
}

function conceptHint(facts: TutorFacts, level: HintLevel, module: ConceptModule, lead: Signal, focus: Focus | null): string {
  switch (level) {
    case 1:
      return `${caseInFocus(facts)}${module.hints.nudge(facts, lead)}`;
    case 2:
      return `This looks like a case of **${module.title}**. ${module.hints.where(facts, lead)}${lineWords(facts, focus)}`;
    case 3:
      return `${plan(module.hints.plan(facts, lead))}\n\nTo learn more, read about **${module.title}**.`;
  }
}

/** Hints when no concept fits: general debugging moves for the kind of failure. */
function generalHint(facts: TutorFacts, level: HintLevel, focus: Focus | null): string {
  const stoppedAt = thrown(facts)?.line;
  const at = stoppedAt ? `line ${stoppedAt}` : focus ? `line ${focus.line}` : "the line Python points at";
  if (facts.verdict === "syntax-error") {
    return [
      `Python couldn't read ${at}. What's on that line, and on the line just above it? Is anything missing?`,
      `Look at ${at} and the line above it. Lines starting with \`if\`, \`for\`, \`while\` or \`def\` end with \`:\`, and every bracket and quote that opens must close.${lineWords(facts, focus)}`,
      plan([
        `Read ${at} slowly, one symbol at a time.`,
        "Check the line above it too: Python often notices a problem one line late.",
        "Look for a missing `:`, a bracket or quote that isn't closed, or a misspelled keyword.",
        "Fix one thing at a time and submit again.",
      ]),
    ][level - 1]!;
  }
  const crash = facts.failure?.exception;
  if (crash) {
    return [
      `${caseInFocus(facts)}Python stopped with a **${crash.type}** at ${at}. What values do the variables on that line have at that moment?`,
      `Start at ${at}: the **${crash.type}** happened there. Check each value used on that line.${focus?.suspect && focus.line !== stoppedAt ? ` Running your code points further back, though.${lineWords(facts, focus)}` : lineWords(facts, focus)}`,
      plan([
        `Go to ${at}.`,
        "Take the failing input and work out, by hand, the value of each variable used on that line.",
        `Find the value that makes it fail with a ${crash.type}, and trace back where that value came from.`,
        "Fix the step that produced it, then run the tests again.",
      ]),
    ][level - 1]!;
  }
  return [
    `${caseInFocus(facts)}Follow your code line by line with that input, writing down each variable as it changes. Where does it first go differently from what you expect?`,
    focus
      ? lineWords(facts, focus).trim()
      : "Compare what your function should give back with what it does, then look for the first line where a variable gets a value you didn't expect. Re-read the exercise too: is there a special case it mentions?",
    plan([
      "Pick the failing input (or, for a hidden test, an input of the kind it describes).",
      "Work out on paper what the answer should be.",
      "Follow your code by hand with that input and write down every variable after each line.",
      focus ? `Look hardest at line ${focus.line}: where do your notes and your expectations first differ? That's the line to fix.` : "Find the first line where your notes and your expectations differ: that's the line to fix.",
    ]),
  ][level - 1]!;
}

/** For a guess from the exercise's topics: a pointer to read, not a diagnosis. */
function exerciseTopics(ranked: RankedModule[]): string {
  const titles = ranked.map((r) => `**${r.module.title}**`);
  if (titles.length === 0) return "";
  const list = titles.length === 1 ? titles[0]! : `${titles.slice(0, -1).join(", ")} or ${titles.at(-1)}`;
  return ` This exercise practises ${list}: one of those may be the cause.`;
}

function hint(text: string, level: HintLevel, concept: string | null): Hint {
  return { level, text, concept, engine: "offline", note: null };
}

/**
 * The hint at `level` for this failure. `referenceSolution`, when given, is only checked against: a hint that
 * would give the solution away (see hintLeaksSolution in ../guardrails.ts) falls back to the level below (and says
 * so in `level`), and finally to the general nudge.
 */
export function hintFor(rawFacts: TutorFacts, level: HintLevel, referenceSolution: string | null = null): Hint {
  const facts = learnerSafeFacts(rawFacts);
  if (facts.verdict === "passed") {
    return hint("Your code already passes every test, so there's nothing to fix! If you like, try it on inputs of your own, or read it once more to see whether it could be simpler.", level, null);
  }
  if (facts.verdict === "internal-error") {
    return hint("This one isn't about your code: the grader had a problem. Submit again, and tell your instructor if it keeps happening.", level, null);
  }
  const ranked = rankModules(facts);
  const focus = focusOf(facts, ranked);
  const top = ranked[0] && ranked[0].score >= CONFIDENT_SCORE ? ranked[0] : null;
  const topics = top ? "" : exerciseTopics(ranked);
  for (let l = level; l >= 1; l--) {
    const at = l as HintLevel;
    const text = top ? conceptHint(facts, at, top.module, top.signals[0]!, focus) : `${generalHint(facts, at, focus)}${at === 2 ? topics : ""}`;
    // The level actually given, so a caller can tell the learner the hint was held back.
    if (!hintLeaksSolution(text, referenceSolution, facts.code, facts.repairedLines)) return hint(text, at, top?.module.id ?? null);
  }
  return hint(generalHint(facts, 1, focus), 1, null);
}
