// Checks on what a tutor engine wrote, before a learner sees it: does a hint give the solution away, does a text
// repeat a hidden test's data. Pure functions, used by both engines (the model's answers and the offline hints).
import { concept } from "./concepts/catalogue";
import type { TutorFacts } from "./contracts";

// ---- code blocks ----------------------------------------------------------------------------------------------

const FENCE = /^\s{0,3}(```|~~~)/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;
const CODE_LIKE = /[=()[\]{}]|:\s*$|^\s*(for|while|if|elif|else|return|def|print|import|from|try|except|with|class|yield|lambda)\b/;

/**
 * The number of lines in the longest code block of a markdown text: a fenced block (``` or ~~~, closed or not) or
 * a run of indented lines (4 spaces or a tab) that look like code. Indented list items and indented prose (a list
 * item's continuation) are not code.
 */
export function longestCodeBlock(markdown: string): number {
  const lines = markdown.split(/\r?\n/);
  let longest = 0;
  let inFence = false;
  let fenceLines = 0;
  let indentedRun = 0;
  for (const line of lines) {
    if (FENCE.test(line)) {
      if (inFence) longest = Math.max(longest, fenceLines);
      inFence = !inFence;
      fenceLines = 0;
      indentedRun = 0;
      continue;
    }
    if (inFence) {
      if (line.trim() !== "") fenceLines++;
      continue;
    }
    if (line.trim() === "") continue; // a blank line does not end an indented block
    if (/^( {4}|\t)/.test(line) && !LIST_ITEM.test(line) && CODE_LIKE.test(line)) {
      indentedRun++;
      longest = Math.max(longest, indentedRun);
    } else {
      indentedRun = 0;
    }
  }
  if (inFence) longest = Math.max(longest, fenceLines);
  return longest;
}

// ---- lines shared with the reference solution ------------------------------------------------------------------

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

/** A code line compared by content: no comment, whitespace collapsed, no spaces around operators and punctuation. */
export function normaliseCodeLine(line: string): string {
  return squeeze(stripComment(line));
}

/** Whitespace collapsed and dropped around operators and punctuation, so `x+=1` and `x += 1` compare equal. */
function squeeze(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s*([^\w\s])\s*/g, "$1")
    .trim();
}

/** No whitespace at all: `for x in xs:` becomes `forxinxs:`. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

/** A solution line of fewer characters (normalised) says too little to count, wherever it stands. */
const MIN_LINE = 8;
/** A solution line of at least this many characters without whitespace is long enough to look for anywhere. */
const MIN_LOOSE_LINE = 12;

const TRIVIAL = /^(pass|else:|try:|finally:|break|continue|return|import \w+)$/;

/** A solution line that says nothing about how to solve the exercise, however long. */
function trivial(normalised: string): boolean {
  if (TRIVIAL.test(normalised)) return true;
  if (/^return( \w+|-?\d+)$/.test(normalised) && squash(normalised).length < MIN_LOOSE_LINE) return true; // `return count`
  if (/^(def|class) /.test(normalised)) return true; // the signature is given
  if (/^[rbuf]*("""|''')/i.test(normalised)) return true; // docstrings
  return false;
}

function containsAt(haystack: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at === -1) return false;
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const wordStart = /\w/.test(needle[0]!);
    const wordEnd = /\w/.test(needle[needle.length - 1]!);
    if (!(wordStart && before !== undefined && /\w/.test(before)) && !(wordEnd && after !== undefined && /\w/.test(after))) return true;
    from = at + 1;
  }
}

/**
 * The reference solution's non-trivial lines (normalised) that appear in the text. A line appears when a line of
 * the text holds it on word boundaries, however it is spaced or put in backticks; a long line (MIN_LOOSE_LINE
 * characters without whitespace) also when the text holds it with all whitespace removed, even inside a word or
 * broken over lines. Lines the learner already wrote are not counted: repeating their own code gives nothing away.
 */
export function sharedSolutionLines(text: string, referenceSolution: string | null, learnerCode = ""): string[] {
  if (!referenceSolution) return [];
  const own = ownLines(learnerCode);
  const shows = textShows(text);
  const shared: string[] = [];
  for (const raw of referenceSolution.split(/\r?\n/)) {
    const line = normaliseCodeLine(raw);
    if (line.length < MIN_LINE || trivial(line) || own.has(line) || shared.includes(line)) continue;
    if (shows(line, squash(line).length >= MIN_LOOSE_LINE)) shared.push(line);
  }
  return shared;
}

function ownLines(learnerCode: string): Set<string> {
  return new Set(learnerCode.split(/\r?\n/).map(normaliseCodeLine));
}

/**
 * Whether a text shows a (normalised) code line: a line of the text holds it on word boundaries, however it is
 * spaced or put in backticks; with `loose`, also anywhere with all whitespace removed, even broken over lines.
 */
function textShows(text: string): (line: string, loose: boolean) => boolean {
  const textLines = text
    .split(/\r?\n/)
    .map((l) => squeeze(l.replace(/`/g, " ").replace(LIST_ITEM, ""))) // prose: a `#` there is not a comment
    .filter((l) => l !== "");
  const flatText = squash(text.replace(/`/g, ""));
  return (line, loose) => textLines.some((t) => containsAt(t, line)) || (loose && flatText.includes(squash(line)));
}

/**
 * The repaired lines (lines as a repair found by running the code rewrote them: the fix) that the text shows, unless
 * the learner wrote that very line or it says nothing on its own (`return total`, `else:`). Unlike reference lines,
 * any length counts: `if n<=0:` is short, and the whole fix.
 */
export function shownRepairs(text: string, repairedLines: readonly string[], learnerCode = ""): string[] {
  const own = ownLines(learnerCode);
  const shows = textShows(text);
  return [...new Set(repairedLines.map(normaliseCodeLine))].filter((line) => line !== "" && !trivial(line) && !own.has(line) && shows(line, squash(line).length >= MIN_LOOSE_LINE));
}

/**
 * True when a hint gives the solution away: it holds a code block of more than two lines, repeats a non-trivial line
 * of the reference solution (see sharedSolutionLines; `learnerCode` exempts the learner's lines), or shows a line as
 * a repair rewrote it (see shownRepairs).
 */
export function hintLeaksSolution(hintText: string, referenceSolution: string | null, learnerCode = "", repairedLines: readonly string[] = []): boolean {
  return longestCodeBlock(hintText) > 2 || sharedSolutionLines(hintText, referenceSolution, learnerCode).length > 0 || shownRepairs(hintText, repairedLines, learnerCode).length > 0;
}

// ---- hidden test data ----------------------------------------------------------------------------------------

/**
 * Pieces of a hidden test a learner must not see: its call and the literals in it, the expected and actual values,
 * its output and exception message. Short pieces (under 3 characters) and pieces that occur in the learner's own
 * code or in the hidden case's public description are left out: they cannot be told apart from ordinary text.
 * Empty unless the failing case is hidden.
 */
export function hiddenNeedles(facts: TutorFacts): string[] {
  const f = facts.failure;
  if (!f?.hidden) return [];
  const pieces: string[] = [];
  const add = (value: string | null | undefined) => {
    if (!value) return;
    pieces.push(value);
    // Python reprs quote strings: a quoted literal inside any piece is a value of its own.
    for (const literal of value.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g) ?? []) {
      pieces.push(literal, literal.slice(1, -1));
    }
  };
  add(f.call);
  if (f.call) {
    add(/\(([\s\S]*)\)\s*$/.exec(f.call)?.[1]); // the arguments
    for (const n of f.call.match(/-?\d+(?:\.\d+)?/g) ?? []) add(n);
  }
  add(f.expected);
  add(f.actual);
  for (const line of (f.stdout ?? "").split(/\r?\n/)) add(line);
  add(f.exception?.message);
  const code = facts.code.replace(/\s+/g, " ");
  const description = (f.hiddenDescription ?? "").replace(/\s+/g, " ");
  const out: string[] = [];
  for (const piece of pieces) {
    const p = piece.replace(/\s+/g, " ").trim();
    if (p.length < 3 || code.includes(p) || description.includes(p) || out.includes(p)) continue;
    out.push(p);
  }
  return out.sort((a, b) => b.length - a.length);
}

/** True when the text repeats a piece of the hidden failing test (see hiddenNeedles). */
export function explanationLeaksHidden(text: string, facts: TutorFacts): boolean {
  const flat = text.replace(/\s+/g, " ");
  return hiddenNeedles(facts).some((needle) => containsAt(flat, needle));
}

// ---- what the exercise asks the tutor not to suggest -------------------------------------------------------------

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The words exercise.yaml's `tutor.avoid` stands for: each term as written and, for a concept id of the catalogue,
 * the concept's title and the id with spaces ("list-comprehension" also means "list comprehension").
 */
function avoidedWords(avoid: readonly string[]): { term: string; pattern: RegExp }[] {
  return avoid.flatMap((term) => {
    const known = concept(term);
    const words = [...new Set([term, term.replace(/-/g, " "), ...(known ? [known.title] : [])].map((w) => w.trim()).filter((w) => w.length >= 2))];
    // Whole words, any case, plural or not: "recursion" is not in "incursion", but "Loops" is "loop".
    return words.map((w) => ({ term, pattern: new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(w)}(?:e?s)?(?![A-Za-z0-9_])`, "i") }));
  });
}

/** The avoided terms a text uses, each once, in `avoid`'s order. */
export function avoidedTermsIn(text: string, avoid: readonly string[]): string[] {
  const found = new Set(avoidedWords(avoid).filter(({ pattern }) => pattern.test(text)).map(({ term }) => term));
  return avoid.filter((t) => found.has(t));
}

/**
 * The text without its sentences that use an avoided term: the offline engine's answers are built from many
 * sentences, and the others still say what went wrong. `fallback` when nothing would be left.
 */
export function withoutAvoidedTerms(text: string, avoid: readonly string[], fallback: string): string {
  if (avoid.length === 0 || avoidedTermsIn(text, avoid).length === 0) return text;
  const clean = (line: string) =>
    line
      .split(/(?<=[.!?])[ \t]+(?=[A-Z`*"(])/)
      .filter((sentence) => avoidedTermsIn(sentence, avoid).length === 0)
      .join(" ");
  // Line by line within a paragraph, so that a numbered plan keeps its other steps as a list.
  const paragraphs = text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split("\n").map(clean).filter((line) => line.trim() !== "" && !/^\s*(\d+[.)]|[-*+])\s*$/.test(line)).join("\n"))
    .filter((paragraph) => paragraph.trim() !== "");
  return paragraphs.length > 0 ? paragraphs.join("\n\n") : fallback;
}
