// `tutor trace`: steps through one run of a file in the sandbox, as the browser's stepper does. With an exercise,
// the first failing visible case (or `--case NAME`); with `--call`, any call on the file. Needs only Docker.
import path from "node:path";
import { loadExercise } from "../exercises/load";
import { fileReferenceCache } from "../grading/expectations";
import { gradeSubmission } from "../grading/grade";
import { firstFailingVisibleCase, namedCase } from "../trace/choose-case";
import { narrateStep } from "../trace/steps";
import { traceCall, traceExerciseCase, type TraceView } from "../trace/trace";
import { flag, positional, readSource, sandbox } from "./tutor-commands";

const USAGE = 'tutor trace <exercise-dir> <file> [--case NAME] [--json]  or  tutor trace <file> --call "f(1, 2)" [--json]';

/** The JSON shape of `--json`: exactly {case, steps, truncated}, the case named as in cases.yaml (or by its call). */
function jsonShape(trace: TraceView) {
  return { case: trace.case.name, steps: trace.steps, truncated: trace.truncated };
}

function printListing(trace: TraceView): void {
  const lines = trace.code.split("\n");
  const what = trace.case.call ?? `the program with input ${JSON.stringify(trace.case.stdin ?? "")}`;
  console.log(`Stepping through ${trace.case.name === trace.case.call ? what : `"${trace.case.name}": ${what}`} (${trace.steps.length} steps${trace.truncated ? ", some left out" : ""})\n`);
  trace.steps.forEach((step, i) => {
    console.log(narrateStep(trace.steps, i));
    const source = lines[step.line - 1];
    if (source !== undefined && source.trim()) console.log(`    ${String(step.line).padStart(3)} | ${source}`);
  });
  const printed = trace.steps.at(-1)?.stdout ?? "";
  if (printed) console.log(`\nOutput:\n${printed}`);
  console.log(`\nIt ${trace.ending}.`);
  if (trace.truncated) console.log("The run was longer than the steps kept: the middle steps were left out (see \"steps left out\" above).");
}

export async function traceCommand(args: string[]): Promise<number> {
  const [first, second] = positional(args);
  const call = flag(args, "--call");
  const caseName = flag(args, "--case");
  if (args.includes("--call") && call === undefined) throw new Error(`usage: ${USAGE} (--call needs a Python expression)`);
  if (args.includes("--case") && caseName === undefined) throw new Error(`usage: ${USAGE} (--case needs a test's name)`);
  let trace: TraceView;
  if (call !== undefined) {
    if (second !== undefined) throw new Error(`usage: ${USAGE} (--call traces a file on its own, without an exercise folder)`);
    const code = readSource(first, USAGE);
    trace = await traceCall(await sandbox("be traced"), path.basename(first!), code, call);
  } else {
    if (!first || !second) throw new Error(`usage: ${USAGE}`);
    const exercise = loadExercise(first);
    const code = readSource(second, USAGE);
    const box = await sandbox("be traced");
    // Which case failed is the verdict's to say, so without --case the file is graded first (as `tutor grade` does).
    const chosen = caseName !== undefined ? namedCase(exercise, caseName) : firstFailingVisibleCase(exercise, (await gradeSubmission(box, fileReferenceCache(), exercise, code)).tests);
    trace = await traceExerciseCase(box, exercise, code, chosen);
  }
  if (args.includes("--json")) console.log(JSON.stringify(jsonShape(trace)));
  else printListing(trace);
  return 0;
}
