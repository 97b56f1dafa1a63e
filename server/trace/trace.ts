// The two things that can be stepped through: a case of an exercise (for a submission, or `tutor trace` on a
// file) and any call on a snippet of code (the "Explain code" page's example run, `tutor trace --call`). No
// database here: the CLI calls these directly, and service.ts adds who may ask and how often.
import type { Exercise, ExerciseCase } from "../exercises/exercise";
import type { Sandbox } from "../grading/sandbox/sandbox";
import { resolveLimits } from "../grading/limits";
import { TraceRequestError } from "./choose-case";
import { traceInSandbox } from "./run";
import type { TraceStep } from "../grading/observation";

/** A trace as the API and the CLI give it (docs/api.md, "Stepping through a run"). */
export interface TraceView {
  /** The case stepped through: its name and its call, or a program case's stdin. A snippet's case is named by its call. */
  case: { name: string; call: string | null; stdin?: string };
  /** The file that ran, as it ran (the submission's code, not what the editor holds now). */
  file: string;
  code: string;
  steps: TraceStep[];
  truncated: boolean;
  /** How the run ended, in a few words: "returned [1, 3, 6]", "raised ZeroDivisionError: division by zero". */
  ending: string;
}

/** Long enough for any call a learner types; the code's own size is limited like a submission's. */
export const MAX_CALL_CHARS = 2000;

/** Traces one case of the exercise. The caller has checked the case is visible (choose-case.ts). */
export async function traceExerciseCase(sandbox: Sandbox, exercise: Exercise, code: string, c: ExerciseCase): Promise<TraceView> {
  // A guard of its own, so that no caller can send a hidden case's input into a traced run by mistake.
  if (c.hidden) throw new TraceRequestError(403, `"${c.name}" is a hidden test: hidden tests cannot be stepped through.`);
  const traced = c.call !== null ? { id: c.index, call: c.call } : { id: c.index, stdin: c.stdin ?? "" };
  const run = await traceInSandbox(sandbox, exercise.file, code, traced, resolveLimits(exercise.limits, sandbox.limits));
  return { case: { name: c.name, call: c.call, ...(c.call === null ? { stdin: c.stdin ?? "" } : {}) }, file: exercise.file, code, ...run };
}

/** Traces `call` (a Python expression such as `total([1, 2])`) evaluated in `code`'s module. */
export async function traceCall(sandbox: Sandbox, file: string, code: string, call: string): Promise<TraceView> {
  const expression = call.trim();
  if (!expression) throw new TraceRequestError(400, 'Say which call to step through, for example `total([1, 2, 3])`.');
  if (expression.length > MAX_CALL_CHARS) throw new TraceRequestError(400, `The call is ${expression.length} characters long; at most ${MAX_CALL_CHARS} are traced. Use a shorter example.`);
  const run = await traceInSandbox(sandbox, file, code, { id: 0, call: expression }, sandbox.limits);
  return { case: { name: expression, call: expression }, file, code, ...run };
}
