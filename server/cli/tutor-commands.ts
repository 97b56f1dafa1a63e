// The tutor from the command line, offline unless a model is configured: `feedback`, `explain`, `review`,
// `docstrings` and `tests`. Each needs only a Docker engine (analysis and example runs happen in the sandbox).
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadExercise } from "../exercises/load";
import { fileReferenceCache } from "../grading/expectations";
import { gradeSubmission } from "../grading/grade";
import type { Sandbox } from "../grading/sandbox/sandbox";
import type { HintLevel } from "../tutor/contracts";
import { createTutorEngine } from "../tutor/engine";
import { explainFunction, generateTests, reviewCode, submissionFacts, writeDocstrings } from "../tutor/tasks";
import { requireCommandSandbox } from "./command-sandbox";

/** Docker and the runner image for a command; `doing` completes "so nothing can ...". */
export function sandbox(doing = "run"): Promise<Sandbox> {
  return requireCommandSandbox(`nothing can ${doing}`);
}

export function readSource(file: string | undefined, usage: string): string {
  if (!file) throw new Error(`usage: ${usage}`);
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new Error(`cannot read ${file}: check the path.`);
  }
}

export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Options that take a value: the word after one is its value, not a positional argument. */
const VALUE_FLAGS = new Set(["--function", "--case", "--call", "--exercise"]);

export function positional(args: string[]): string[] {
  return args.filter((a, i) => !a.startsWith("--") && !(i > 0 && VALUE_FLAGS.has(args[i - 1]!)));
}

const log = (line: string) => console.error(line);

export async function feedbackCommand(args: string[]): Promise<number> {
  const usage = "tutor feedback <exercise-dir> <submission-file> [--json]";
  const [exerciseDir, file] = positional(args);
  if (!exerciseDir) throw new Error(`usage: ${usage}`);
  const exercise = loadExercise(exerciseDir);
  const code = readSource(file, usage);
  const box = await sandbox();
  const engine = createTutorEngine(process.env, log);
  const graded = await gradeSubmission(box, fileReferenceCache(), exercise, code);
  const submission = { code, verdict: graded.status, tests: graded.tests, observations: graded.observations as Record<string, unknown>, passedCount: graded.passedCount, totalCount: graded.totalCount };
  // One analysis and one localization for the explanation and the three hints.
  const facts = await submissionFacts(box, exercise, submission);
  const explanation = await engine.explainFailure(facts);
  const hints = graded.status === "passed" ? [] : await Promise.all(([1, 2, 3] as HintLevel[]).map((level) => engine.hint(facts, level, exercise.solution)));
  if (args.includes("--json")) {
    console.log(JSON.stringify({
      status: graded.status,
      explanation: explanation.explanation,
      concepts: explanation.concepts.map(({ id, title }) => ({ id, title })),
      hints: hints.map((h) => h.text),
      engine: explanation.engine,
      ...(explanation.note ? { note: explanation.note } : {}),
    }));
    return 0;
  }
  console.log(`${graded.status}: ${graded.message}\n\n${explanation.explanation}\n`);
  if (explanation.note) console.log(`(${explanation.note})\n`);
  if (explanation.concepts.length) console.log(`Concepts: ${explanation.concepts.map((c) => `${c.title} [${c.id}]`).join(", ")}\n`);
  hints.forEach((h, i) => console.log(`Hint ${i + 1}: ${h.text}\n`));
  return 0;
}

export async function explainCommand(args: string[]): Promise<number> {
  const code = readSource(positional(args)[0], "tutor explain <file> [--function NAME] [--json]");
  const result = await explainFunction(await sandbox(), createTutorEngine(process.env, log), code, flag(args, "--function"));
  if (args.includes("--json")) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`${result.function}: ${result.summary}\n`);
  for (const s of result.steps) console.log(`  line ${s.line}: ${s.text}`);
  if (result.inputs.length) console.log(`\nInputs:\n${result.inputs.map((i) => `  ${i.name}: ${i.description}`).join("\n")}`);
  console.log(`\nOutput: ${result.output}`);
  if (result.example) console.log(`\nExample (run in the sandbox):\n  >>> ${result.example.call}\n  ${result.example.result}`);
  if (result.note) console.log(`\n(${result.note})`);
  return 0;
}

const SEVERITY_WORDS = { essential: "Essential", actionable: "Suggestion", celebratory: "Well done" } as const;

export async function reviewCommand(args: string[]): Promise<number> {
  const usage = "tutor review <file> [--exercise DIR] [--json]";
  const code = readSource(positional(args)[0], usage);
  const dir = flag(args, "--exercise");
  if (args.includes("--exercise") && !dir) throw new Error(`usage: ${usage}`);
  const exercise = dir ? loadExercise(dir) : null;
  const review = await reviewCode(await sandbox("review it"), createTutorEngine(process.env, log), code, exercise);
  if (args.includes("--json")) {
    console.log(JSON.stringify({ suggestions: review.suggestions.map(({ id, title, line, severity, message }) => ({ id, title, line, severity, message })) }));
    return 0;
  }
  if (review.suggestions.length === 0) console.log("Nothing to suggest: this code reads well as it is.");
  for (const s of review.suggestions) console.log(`${SEVERITY_WORDS[s.severity]}, line ${s.line}: ${s.title}${s.source === "model" ? " (the AI tutor's own suggestion)" : ""}\n  ${s.message}\n`);
  if (review.note) console.log(`(${review.note})`);
  return 0;
}

export async function docstringsCommand(args: string[]): Promise<number> {
  const code = readSource(positional(args)[0], "tutor docstrings <file>");
  const result = await writeDocstrings(await sandbox(), createTutorEngine(process.env, log), code);
  process.stdout.write(result.code);
  return 0;
}

export async function testsCommand(args: string[]): Promise<number> {
  const file = positional(args)[0];
  const code = readSource(file, "tutor tests <file> [--function NAME] [--json]");
  const moduleName = path.basename(file!).replace(/\.py$/, "");
  const result = await generateTests(await sandbox(), code, { functionName: flag(args, "--function"), moduleName });
  if (args.includes("--json")) {
    console.log(JSON.stringify(result, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
    return 0;
  }
  console.log(`# cases.yaml entries for ${result.function} (expected values from running it in the sandbox)\n${result.casesYaml}`);
  console.log(`# test_${moduleName}.py\n${result.pytest}`);
  const { total, killed, survivors } = result.mutation;
  console.log(`# These tests catch ${killed} of ${total} automatic mutants of ${result.function}.`);
  for (const s of survivors) console.log(`#   not caught: ${s.description}${s.line ? ` (line ${s.line})` : ""}`);
  if (result.dropped.length) console.log(`# Dropped (did not finish): ${result.dropped.join(", ")}`);
  return 0;
}
