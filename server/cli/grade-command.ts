// `tutor grade <exercise-dir> <submission-file> [--json]`: grades one file with the real sandbox. Needs only a
// Docker engine, no database. Exit 0 when a verdict was reached (pass or fail), 2 when grading was impossible.
import { existsSync, readFileSync } from "node:fs";
import { loadExercise } from "../exercises/load";
import { checkDockerReachable, connectDocker } from "../grading/docker";
import { fileReferenceCache } from "../grading/expectations";
import { gradeSubmission } from "../grading/grade";
import { Sandbox } from "../grading/sandbox/sandbox";
import type { TestResult } from "../grading/judge";
import { ensureRunnerImage } from "../grading/runner-image";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";
import { dockerDownMessage } from "./tutor-commands";

const ICONS: Record<string, string> = { passed: "✓", failed: "✗", "syntax-error": "✗" };

function printHuman(result: { status: string; message: string; tests: TestResult[]; durationMs: number }) {
  // A syntax error is the same for every test: the summary below says it once.
  const details = result.status !== "syntax-error";
  for (const t of result.tests) {
    console.log(`${ICONS[t.status] ?? "!"} ${t.name}${t.hidden ? " (hidden)" : ""}: ${t.status}`);
    if (t.status !== "passed" && details) {
      if (t.call) console.log(`    call:     ${t.call}`);
      if (t.expected) console.log(`    expected: ${t.expected}`);
      if (t.actual) console.log(`    actual:   ${t.actual}`);
      if (t.message) console.log(`    ${t.message}`);
    }
  }
  console.log(`\n${result.status}: ${result.message} (${result.durationMs} ms)`);
}

export async function gradeCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const [exerciseDir, submissionFile] = args.filter((a) => !a.startsWith("--"));
  if (!exerciseDir || !submissionFile) {
    console.error("usage: tutor grade <exercise-dir> <submission-file> [--json]");
    return 2;
  }
  if (!existsSync(exerciseDir)) {
    console.error(`There is no exercise folder at ${exerciseDir}: check the path. An exercise folder holds exercise.yaml, README.md, starter.py, solution.py and cases.yaml.`);
    return 2;
  }
  const exercise = loadExercise(exerciseDir);
  let code: string;
  try {
    code = readFileSync(submissionFile, "utf8");
  } catch {
    throw new Error(`cannot read the submission file ${submissionFile}: check the path.`);
  }
  const docker = connectDocker();
  try {
    await checkDockerReachable(docker);
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError)) throw e;
    console.error(dockerDownMessage("be graded"));
    return 2;
  }
  // Progress goes to stderr so that --json output stays one clean object on stdout.
  const image = await ensureRunnerImage(docker, (line) => console.error(line));
  const result = await gradeSubmission(new Sandbox(docker, image), fileReferenceCache(), exercise, code);
  if (json) {
    const { status, tests, durationMs } = result;
    console.log(JSON.stringify({ status, message: result.message, tests, durationMs }));
  } else printHuman(result);
  return 0;
}
