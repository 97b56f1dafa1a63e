// The verdict: compares what the sandbox observed with what each case expects, and words the result for a
// beginner. Pure functions; this is the only place a case's status is decided.
import type { ExerciseCase } from "../exercises/exercise";
import { formatBytes, formatSeconds, type SandboxLimits } from "./limits";
import type { CaseObservation, ObservedException, ObservedSyntaxError } from "./observation";
import { decodeObservedValue, pyEquals, pyRepr, type PyValue, ValueDecodeError } from "./values";

export const STATUSES = ["passed", "failed", "error", "syntax-error", "timeout", "memory-limit", "output-limit", "internal-error"] as const;
export type Status = (typeof STATUSES)[number];

/** An expectation with the reference solution's results filled in. */
export type ResolvedExpectation = { kind: "value"; value: PyValue } | { kind: "raises"; exception: string };

/** One case's result as a learner may see it. A hidden case carries only its name, status and a general message. */
export interface TestResult {
  name: string;
  status: Status;
  hidden: boolean;
  call?: string;
  expected?: string;
  actual?: string;
  message?: string;
  stdout?: string;
  line?: number;
}

const STDOUT_SHOWN_CHARS = 2000;

function exceptionLine(e: ObservedException): number | undefined {
  return e.traceback.at(-1)?.line;
}

function describeRaised(e: ObservedException): string {
  const line = exceptionLine(e);
  const where = line ? ` (line ${line})` : "";
  if (e.type === "RecursionError") return `RecursionError: the function called itself too many times${where}: does it reach a base case?`;
  return `${e.type}${e.message ? `: ${e.message}` : ""}${where}`;
}

interface Judgement {
  status: Status;
  message?: string;
  actual?: PyValue;
  line?: number;
}

function judgeObservation(expectation: ResolvedExpectation, obs: CaseObservation, c: ExerciseCase, limits: SandboxLimits): Judgement {
  switch (obs.outcome) {
    case "returned": {
      let actual: PyValue;
      try {
        actual = decodeObservedValue(obs.value);
      } catch (e) {
        if (e instanceof ValueDecodeError) return { status: "internal-error", message: "The grader could not read your function's result. Try again; if it persists, tell your instructor." };
        throw e;
      }
      if (expectation.kind === "raises") {
        return { status: "failed", actual, message: `Expected ${expectation.exception} to be raised, but the function returned ${shorten(pyRepr(actual))}.` };
      }
      if (pyEquals(actual, expectation.value, c.tolerance ?? 0)) return { status: "passed", actual };
      const printedInstead = actual.t === "none" && (obs.stdout ?? "").trim() !== "";
      return {
        status: "failed",
        actual,
        message: printedInstead
          ? "Your function printed something but returned None: use return to give the value back."
          : `Expected ${shorten(pyRepr(expectation.value))} but got ${shorten(pyRepr(actual))}.`,
      };
    }
    case "raised": {
      const e = obs.exception;
      const line = exceptionLine(e);
      if (expectation.kind === "raises") {
        if (e.mro.includes(expectation.exception)) return { status: "passed" };
        return { status: "failed", line, message: `Expected ${expectation.exception}, but your code raised ${describeRaised(e)}.` };
      }
      if (e.type === "MemoryError") return { status: "memory-limit", line, message: memoryMessage(limits) };
      return { status: "error", line, message: describeRaised(e) };
    }
    case "timeout":
      return obs.reason === "total"
        ? { status: "timeout", message: `All tests together ran longer than ${formatSeconds(limits.totalTimeoutMs)}, so this one was stopped: is there a slow or endless loop?` }
        : { status: "timeout", message: `Your code ran longer than ${formatSeconds(limits.caseTimeoutMs)} on this test: is there a loop that never ends?` };
    case "not-run":
      return { status: "timeout", message: `Not run: all tests together may take ${formatSeconds(limits.totalTimeoutMs)}, and that time ran out before this one.` };
    case "memory-limit":
      return { status: "memory-limit", message: memoryMessage(limits) };
    case "output-limit":
      return { status: "output-limit", message: `Your code printed more than ${formatBytes(limits.outputBytes)}: is there a print inside a loop that never ends?` };
    case "result-too-large":
      return { status: "output-limit", message: "Your function returned a value too large to check (over 256 KB)." };
    case "crashed":
      if (obs.exitCode !== undefined) {
        return { status: "error", message: `Your code ended the program (exit code ${obs.exitCode}) before the function returned: remove calls to exit(), quit() or sys.exit().` };
      }
      return { status: "error", message: `Your code was stopped by ${obs.signal ?? "a signal"} before the function returned. Did it kill its own process?` };
    case "harness-error":
      return { status: "internal-error", message: "The grader failed on this test. This is not your fault: please submit again." };
  }
}

function memoryMessage(limits: SandboxLimits): string {
  return `Your code used more than ${limits.memoryMb} MB of memory: is a list or string growing without end?`;
}

function shorten(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Judges one case. The result is safe to show the learner: hidden cases keep their input and values to themselves. */
export function judgeCase(c: ExerciseCase, expectation: ResolvedExpectation, obs: CaseObservation, limits: SandboxLimits): TestResult {
  const j = judgeObservation(expectation, obs, c, limits);
  if (c.hidden) {
    return { name: c.name, status: j.status, hidden: true, ...(j.status === "passed" ? {} : { message: hiddenMessage(j.status, obs) }) };
  }
  const stdout = (obs.stdout ?? "").slice(0, STDOUT_SHOWN_CHARS);
  return {
    name: c.name,
    status: j.status,
    hidden: false,
    call: c.call,
    expected: expectation.kind === "value" ? shorten(pyRepr(expectation.value), 2000) : `raises ${expectation.exception}`,
    ...(j.actual ? { actual: shorten(pyRepr(j.actual), 2000) } : obs.outcome === "raised" ? { actual: `raised ${obs.exception.type}` } : {}),
    ...(j.message ? { message: j.message } : {}),
    ...(stdout ? { stdout } : {}),
    ...(j.line ? { line: j.line } : {}),
  };
}

function hiddenMessage(status: Status, obs: CaseObservation): string {
  switch (status) {
    case "failed":
      return "Your function gave a wrong result for this hidden test. Think about edge cases the examples do not show.";
    case "error":
      return obs.outcome === "raised"
        ? `Your code raised ${obs.exception.type} on this hidden test${exceptionLine(obs.exception) ? ` (line ${exceptionLine(obs.exception)})` : ""}.`
        : "Your code stopped before returning on this hidden test.";
    case "timeout":
      return "Your code ran too long on this hidden test: is there a loop that never ends for some inputs?";
    case "memory-limit":
      return "Your code used too much memory on this hidden test.";
    case "output-limit":
      return "Your code printed too much on this hidden test.";
    default:
      return "The grader failed on this test. This is not your fault: please submit again.";
  }
}

export function syntaxErrorMessage(e: ObservedSyntaxError): string {
  const where = e.line ? ` at line ${e.line}${e.column ? `, column ${e.column}` : ""}` : "";
  if (e.type === "ValueError" && /null bytes/i.test(e.message)) return "Python could not read your code: it contains NUL bytes. Remove them and submit again.";
  const kind = e.type === "IndentationError" || e.type === "TabError" ? `${e.type}: ${e.message}` : e.message;
  return `Python could not read your code${where}: ${kind}.`;
}

// Which status names the whole submission when several cases went wrong: the one a learner should fix first.
const OVERALL_PRIORITY: Status[] = ["internal-error", "syntax-error", "timeout", "memory-limit", "output-limit", "error", "failed"];

export interface Verdict {
  status: Status;
  message: string;
  passedCount: number;
  totalCount: number;
}

export function overallVerdict(tests: TestResult[]): Verdict {
  const passedCount = tests.filter((t) => t.status === "passed").length;
  const totalCount = tests.length;
  if (totalCount > 0 && passedCount === totalCount) return { status: "passed", message: `All ${totalCount} tests passed.`, passedCount, totalCount };
  const status = OVERALL_PRIORITY.find((s) => tests.some((t) => t.status === s)) ?? "internal-error";
  const first = tests.find((t) => t.status === status);
  const summary = `${passedCount} of ${totalCount} tests passed.`;
  const message = status === "failed" ? summary : `${summary} ${first?.message ?? ""}`.trim();
  return { status, message, passedCount, totalCount };
}
