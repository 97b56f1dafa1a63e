// `tutor import jsonl <file> --format humaneval`: turns HumanEval-style problems (one JSON object a line with
// task_id, prompt, canonical_solution, test and entry_point) into exercise folders. The prompt (imports, the
// signature and its docstring) becomes the starter with `pass` as its body; prompt + canonical_solution the
// reference; the `test` code, which defines check(candidate), a pytest test run in the sandbox.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ensureSetManifest, findLicence, firstSentence, type ImportedExercise, ImportInputError, type ImportOutcome, oneLine, writeImportedExercise } from "./import-common";

export const humanEvalProblemSchema = z
  .object({
    task_id: z.string().min(1),
    prompt: z.string().min(1),
    canonical_solution: z.string(),
    test: z.string().min(1),
    entry_point: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a Python function name"),
  })
  .loose();

export type HumanEvalProblem = z.infer<typeof humanEvalProblemSchema>;

/** Reads a JSON Lines file of problems, naming the line of any that is not one. */
export function readHumanEvalFile(file: string): HumanEvalProblem[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ImportInputError(`cannot read ${file}: check the path`);
  }
  const problems: HumanEvalProblem[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new ImportInputError(`${file}:${i + 1}: not valid JSON: ${(e as Error).message}`);
    }
    const parsed = humanEvalProblemSchema.safeParse(json);
    if (!parsed.success) {
      throw new ImportInputError(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "line"}: ${x.message}`).join("; ")}`);
    }
    problems.push(parsed.data);
  });
  if (problems.length === 0) throw new ImportInputError(`${file} holds no problems`);
  return problems;
}

/** "HumanEval/12" -> "humaneval_12": a folder name that is also a Python module name. */
export function humanEvalSlug(taskId: string): string {
  const slug = taskId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(slug) ? slug : `task_${slug}`;
}

function dedent(text: string): string {
  const lines = text.split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n");
}

/** As Python's inspect.cleandoc: the first line stripped, the others dedented by their common indentation. */
function cleandoc(text: string): string {
  const [first = "", ...rest] = text.split("\n");
  return `${first.trim()}\n${dedent(rest.join("\n"))}`.trim();
}

/** The entry function's signature (possibly over several lines) and its docstring, found in the prompt. */
export function signatureAndDocstring(prompt: string, entry: string): { signature: string | null; docstring: string | null } {
  const def = new RegExp(`^([ \\t]*)def\\s+${entry}\\s*\\(`, "m").exec(prompt);
  if (!def) return { signature: null, docstring: null };
  const rest = prompt.slice(def.index);
  // The header ends at the first `)`, optionally `-> annotation`, then `:` at the end of a line.
  const headerEnd = /\)\s*(->[^\n]*)?:[ \t]*(\n|$)/.exec(rest);
  const signature = headerEnd ? dedent(rest.slice(0, headerEnd.index + headerEnd[0].length).trimEnd()) : null;
  const body = headerEnd ? rest.slice(headerEnd.index + headerEnd[0].length) : "";
  const doc = /^\s*[rRuU]?("""|''')([\s\S]*?)\1/.exec(body);
  return { signature, docstring: doc ? cleandoc(doc[2]!) : null };
}

/** A line of a docstring that shows code or an example rather than prose. */
function isExampleLine(line: string): boolean {
  return /^\s*(>>>|\.\.\.\s)/.test(line) || /\w\s*\(.*\)\s*(==>|=>|➞|->|==|returns?\b|should return)/.test(line) || /^\s*(for\s+)?\w+\s*\(.*\)\s*$/.test(line);
}

/** A docstring as markdown: prose as paragraphs, doctests and example calls in Python code blocks. */
export function docstringToMarkdown(docstring: string): string {
  const out: string[] = [];
  let code: string[] = [];
  let inDoctest = false;
  const flush = () => {
    if (code.length) out.push("```python", ...code, "```");
    code = [];
  };
  for (const line of docstring.split("\n")) {
    const example = isExampleLine(line) || (inDoctest && line.trim() !== "");
    if (example) {
      if (!code.length && out.length && out.at(-1) !== "") out.push("");
      code.push(line.trimEnd());
      inDoctest = /^\s*>>>/.test(line) || (inDoctest && line.trim() !== "");
    } else {
      if (code.length) {
        flush();
        if (line.trim()) out.push("");
      }
      inDoctest = false;
      out.push(line.trimEnd());
    }
  }
  flush();
  // Examples separated only by a blank line stay in one block.
  return out
    .join("\n")
    .replace(/\n```\n+```python\n/g, "\n\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** One problem in our format. */
export function humanEvalExercise(problem: HumanEvalProblem, licence = "MIT"): ImportedExercise {
  const slug = humanEvalSlug(problem.task_id);
  const prompt = problem.prompt.endsWith("\n") ? problem.prompt : `${problem.prompt}\n`;
  const entry = problem.entry_point;
  const { signature, docstring } = signatureAndDocstring(prompt, entry);
  const title = oneLine(`${problem.task_id}: ${entry}`, 120);
  const summary = oneLine((docstring && firstSentence(docstring)) || `Write the function ${entry}.`, 400);
  const readme = [
    `# ${title}`,
    "",
    docstring ? docstringToMarkdown(docstring) : `Complete the function \`${entry}\` so that it does what its name and the code below say.`,
    "",
    "```python",
    signature ? `${signature}\n    ...` : prompt.trimEnd(),
    "```",
    "",
  ].join("\n");
  const test = [
    `from ${slug} import *  # noqa: F401,F403`,
    "",
    problem.test.trim(),
    "",
    "",
    "def test_humaneval():",
    `    check(${entry})`,
    "",
  ].join("\n");
  return {
    slug,
    manifest: {
      title,
      summary,
      difficulty: 3,
      concepts: [],
      file: `${slug}.py`,
      entry,
      source: { origin: "HumanEval", licence },
    },
    readme,
    starter: `${prompt}    pass\n`,
    solution: `${prompt}${problem.canonical_solution}`,
    tests: { [`test_${slug}.py`]: test },
  };
}

/** Imports every problem in a HumanEval-style JSON Lines file into the set folder `into`. */
export function importHumanEval(file: string, into: string, options: { overwrite?: boolean } = {}): ImportOutcome {
  const problems = readHumanEvalFile(file);
  const licence = findLicence(path.dirname(file), 0) ?? "MIT";
  const exercises = problems.map((p) => humanEvalExercise(p, licence));
  const seen = new Set<string>();
  const outcome: ImportOutcome = { written: [], skipped: [] };
  ensureSetManifest(into, "HumanEval", "Programming problems from OpenAI's HumanEval benchmark.", exercises.map((e) => e.slug));
  for (const e of exercises) {
    if (seen.has(e.slug)) {
      outcome.skipped.push({ source: e.slug, reason: "a second problem with this task_id" });
      continue;
    }
    seen.add(e.slug);
    try {
      outcome.written.push(writeImportedExercise(into, e, options.overwrite));
    } catch (err) {
      outcome.skipped.push({ source: e.slug, reason: (err as Error).message });
    }
  }
  return outcome;
}
