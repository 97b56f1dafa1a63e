// Reading a trace step by step, in words: which variables changed since the previous step, and the sentence a
// screen reader hears for each step ("Step 5 of 23, line 4: total changed from 3 to 6"). Pure and free of imports
// at run time, so the browser's stepper (client/src/stepper.ts) bundles this same file and `tutor trace` prints
// the same sentences.
import type { TraceStep } from "../grading/observation";

/** A local variable that differs from the previous step: `before` is null for a new one. */
export interface VariableChange {
  /** Index into the step's frames (outermost first). */
  frame: number;
  name: string;
  before: string | null;
  after: string;
}

/**
 * What changed between two steps. Frames are matched by their depth on the whole stack (a step lists only the
 * innermost 20, `outer` counts the rest) and function; the innermost frame of a "call" step is a new call, so all
 * its variables are new, even when the previous step had a call of the same function there.
 */
export function changesBetween(previous: TraceStep | undefined, current: TraceStep): VariableChange[] {
  const changes: VariableChange[] = [];
  const shift = (current.outer ?? 0) - (previous?.outer ?? 0);
  current.frames.forEach((frame, depth) => {
    // A frame the previous step's listing had scrolled out of view (returning from a deep recursion) did not change.
    if (depth + shift < 0) return;
    const freshCall = current.event === "call" && depth === current.frames.length - 1;
    const was = previous?.frames[depth + shift];
    const before = !freshCall && was?.function === frame.function ? was.locals : null;
    for (const [name, after] of Object.entries(frame.locals)) {
      const was = before && Object.hasOwn(before, name) ? before[name]! : null;
      if (was !== after) changes.push({ frame: depth, name, before: was, after });
    }
  });
  return changes;
}

const SPOKEN_REPR_CHARS = 60;

function shortRepr(repr: string): string {
  return repr.length > SPOKEN_REPR_CHARS ? `${repr.slice(0, SPOKEN_REPR_CHARS)}…` : repr;
}

function describeChange(change: VariableChange): string {
  return change.before === null ? `${change.name} is set to ${shortRepr(change.after)}` : `${change.name} changed from ${shortRepr(change.before)} to ${shortRepr(change.after)}`;
}

function listed(parts: string[], most = 3): string {
  const shown = parts.slice(0, most);
  const more = parts.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/** What happens at one step, without its number. */
export function stepSummary(steps: TraceStep[], index: number): string {
  const step = steps[index]!;
  const inner = step.frames.at(-1);
  const changes = changesBetween(steps[index - 1], step);
  if (step.event === "call") {
    const args = changes.filter((c) => c.frame === step.frames.length - 1).map((c) => `${c.name} = ${shortRepr(c.after)}`);
    return `${inner?.function ?? "the code"} is called${args.length ? ` with ${listed(args, 4)}` : ""}`;
  }
  if (step.event === "return") {
    // Python reports a frame that an exception ends as a return of None, right after the exception's step.
    const previous = steps[index - 1];
    if (previous?.event === "exception" && previous.frames.length === step.frames.length) return `${inner?.function ?? "the code"} stops: ${previous.exception ?? "an exception"} was not caught`;
    // A program's module "returns" when it has run to its end.
    const what = inner?.function === "<module>" ? "the program ends" : `${inner?.function ?? "the code"} returns ${shortRepr(step.value ?? "None")}`;
    return changes.length ? `${listed(changes.map(describeChange))}; ${what}` : what;
  }
  if (step.event === "exception") return `${step.exception ?? "an exception"} is raised`;
  return changes.length ? listed(changes.map(describeChange)) : "nothing changed";
}

/** The sentence for step `index` (0-based): "Step 5 of 23, line 4: total changed from 3 to 6". */
export function narrateStep(steps: TraceStep[], index: number): string {
  const step = steps[index]!;
  const gap = step.skipped ? ` (after ${step.skipped} steps left out)` : "";
  return `Step ${index + 1} of ${steps.length}, line ${step.line}${gap}: ${stepSummary(steps, index)}`;
}

/**
 * The line that ran just before step `index` in the same call: the previous step at the same depth. None for a call
 * (nothing of the new call has run yet) or when that previous step is the call itself (its `def` line).
 */
export function lineThatRan(steps: TraceStep[], index: number): number | null {
  const step = steps[index];
  if (!step || step.event === "call") return null;
  const depth = step.frames.length;
  for (let i = index - 1; i >= 0; i -= 1) {
    const earlier = steps[i]!;
    if (earlier.frames.length < depth) return null;
    if (earlier.frames.length === depth) return earlier.event === "call" ? null : earlier.line;
  }
  return null;
}

/** The first step at `line`, or -1 when the run never reached it. */
export function firstStepAtLine(steps: TraceStep[], line: number): number {
  return steps.findIndex((s) => s.line === line);
}
