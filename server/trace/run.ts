// Runs ONE case of the learner's code traced in the sandbox and checks what comes back. Only that case's call
// expression (or program stdin) goes in, with the learner's file: never an expected value, never another case,
// never the reference solution. The harness records the steps; nothing here decides a verdict.
import type { Sandbox } from "../grading/sandbox/sandbox";
import { visibleText } from "../grading/judge";
import type { SandboxLimits } from "../grading/limits";
import { type CaseObservation, caseObservationSchema, type ExecutionTrace, MAX_TRACE_STEPS } from "../grading/observation";
import { HarnessProtocolError, type SandboxCase } from "../grading/sandbox/protocol";
import { decodeObservedValue, pyRepr } from "../grading/values";
import { TraceRequestError } from "./choose-case";

/** A traced run: the steps, and how the run ended in a few words ("returned [1, 3, 6]", "ran out of time"). */
export interface TracedRun extends ExecutionTrace {
  ending: string;
}

const TRACED_CASE_ID = 0;

function describeEnding(obs: CaseObservation): string {
  switch (obs.outcome) {
    case "returned":
      try {
        return `returned ${pyRepr(decodeObservedValue(obs.value))}`;
      } catch {
        return "returned a value the tutor could not read";
      }
    case "raised":
      return `raised ${obs.exception.type}${obs.exception.message ? `: ${obs.exception.message}` : ""}`;
    case "finished":
      return obs.exitCode === 0 ? "finished" : `finished with exit code ${obs.exitCode}`;
    case "timeout":
    case "not-run":
      return "ran out of time (is there a loop that never ends?)";
    case "memory-limit":
      return "ran out of memory";
    case "output-limit":
      return "printed too much";
    default:
      return "stopped before it returned";
  }
}

/** Every text in the trace comes from the learner's code: made safe to show in a terminal or a page. */
function cleaned(trace: ExecutionTrace): ExecutionTrace {
  return {
    truncated: trace.truncated,
    steps: trace.steps.map((step) => ({
      ...step,
      frames: step.frames.map((f) => ({ function: visibleText(f.function), locals: Object.fromEntries(Object.entries(f.locals).map(([name, repr]) => [visibleText(name), visibleText(repr)])) })),
      stdout: visibleText(step.stdout),
      ...(step.value !== undefined ? { value: visibleText(step.value) } : {}),
      ...(step.exception !== undefined ? { exception: visibleText(step.exception) } : {}),
    })),
  };
}

/**
 * A call case's trace from its call on: the harness also records the module being imported first (its `def` lines,
 * which only define), which is not what the learner asked to step through. A call of no function of theirs keeps
 * every step.
 */
function fromTheCall(trace: ExecutionTrace): ExecutionTrace {
  const first = trace.steps.findIndex((step) => step.frames.length > 0 && step.frames.at(-1)!.function !== "<module>");
  return first <= 0 ? trace : { ...trace, steps: trace.steps.slice(first) };
}

/** What a case that left no trace behind ran into, for the learner. */
function noTraceMessage(obs: CaseObservation | null): string {
  if (obs?.outcome === "memory-limit") return "The code ran out of memory before its steps could be reported. Look for a list or string that keeps growing.";
  if (obs?.outcome === "output-limit") return "The code printed so much that its steps could not be reported. Look for a print inside a loop that never ends.";
  if (obs?.outcome === "timeout" || obs?.outcome === "not-run") return "The code ran out of time before its steps could be reported. Look for a loop that never ends.";
  return "The sandbox could not record the steps of this run. Try again; if it persists, tell your instructor.";
}

/**
 * Runs `traced` (one case, given as the sandbox takes it) against `source` with tracing on, at most
 * MAX_TRACE_STEPS steps. Throws TraceRequestError when the code cannot run (a syntax error) or left no trace.
 */
export async function traceInSandbox(sandbox: Sandbox, file: string, source: string, traced: SandboxCase, limits: SandboxLimits): Promise<TracedRun> {
  const only = { ...traced, id: TRACED_CASE_ID, trace: { maxSteps: MAX_TRACE_STEPS } };
  const run = await sandbox.run({ file, source, cases: [only] }, limits);
  for (const event of run.events) {
    if (event.kind === "syntax-error") {
      const line = event.error.line;
      throw new TraceRequestError(409, `Python cannot read this code${line ? ` (line ${line})` : ""}: ${visibleText(event.error.message)}. Fix it, then step through again.`);
    }
  }
  const reported = run.events.find((e) => e.kind === "case" && e.id === TRACED_CASE_ID);
  // The schema checks the trace's shape and sizes (observation.ts): a malformed one is the harness's fault.
  const observation = reported?.kind === "case" ? caseObservationSchema.safeParse(reported.observation) : null;
  if (observation && !observation.success) throw new HarnessProtocolError(`the harness sent a malformed observation: ${observation.error.issues[0]?.message ?? "?"}`);
  const obs = observation?.data ?? null;
  if (!obs?.trace) throw new TraceRequestError(409, noTraceMessage(obs ?? (run.end === "timeout" ? { outcome: "timeout" } : null)));
  const trace = cleaned("call" in traced ? fromTheCall(obs.trace) : obs.trace);
  return { ...trace, ending: visibleText(describeEnding(obs)) };
}
