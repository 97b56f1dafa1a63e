// The tutor from the command line, offline unless a model is configured: `feedback`, `explain`, `docstrings`
// and `tests`. Each needs only a Docker engine (analysis and example runs happen in the sandbox).
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadExercise } from "../exercises/load";
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { fileReferenceCache } from "../grading/expectations";
import { gradeSubmission } from "../grading/grade";
import { Sandbox } from "../grading/sandbox/sandbox";
import { ensureRunnerImage } from "../grading/runner-image";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";
import type { HintLevel } from "../tutor/contracts";
import { createTutorEngine } from "../tutor/engine";
import { explainFunction, explainSubmission, generateTests, hintForSubmission, writeDocstrings } from "../tutor/tasks";

/**
 * The server's wording says grading resumes by itself; a command does not wait, so it says what to do instead.
 * `doing` completes "so nothing can ...".
 */
export function dockerDownMessage(doing: string): string {
  const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : "the local socket /var/run/docker.sock";
  return `The Docker engine cannot be reached (tried ${where}), so nothing can ${doing}. Start Docker (for example \`sudo systemctl start docker\`), or point DOCKER_HOST at a running engine, then run this command again.`;
}

/** Docker and the runner image, for a command; progress goes to stderr so that --json output stays clean. */
export async function sandbox(doing = "run"): Promise<Sandbox> {
  const docker = connectDocker();
  try {
    await checkDockerReachable(docker);
  } catch (e) {
    throw e instanceof SandboxUnavailableError ? new SandboxUnavailableError(dockerDownMessage(doing)) : e;
  }
  return new Sandbox(docker, await ensureRunnerImage(docker, (line) => console.error(line)));
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
const VALUE_FLAGS = new Set(["--function", "--case", "--call"]);

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
  const explanation = await explainSubmission(box, engine, exercise, submission);
  const hints = graded.status === "passed" ? [] : await Promise.all(([1, 2, 3] as HintLevel[]).map((level) => hintForSubmission(box, engine, exercise, submission, level)));
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
