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

/**
 * Text the learner's code controls (what it printed, its exception messages, its reprs), made safe to show and to
 * store: control characters (terminal escape sequences, NUL, carriage returns, bells), bidirectional overrides and
 * lone surrogates become visible escapes such as \x1b. Without this a submission could repaint a terminal that
 * shows results (`tutor grade`), hide text in a browser, or make the database refuse the result (PostgreSQL
 * rejects NUL and lone surrogates). Newlines and tabs are kept.
 */
export function visibleText(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => {
      if (ch === "\r") return "\\r";
      const code = ch.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    },
  );
}

/** An exception raised by os.fork or threading when the container's process limit is reached. */
function hitProcessLimit(e: ObservedException): boolean {
  return (e.type === "BlockingIOError" && /Resource temporarily unavailable/i.test(e.message)) || (e.type === "RuntimeError" && /can't start new thread/i.test(e.message));
}

function describeRaised(e: ObservedException, limits: SandboxLimits): string {
  const line = exceptionLine(e);
  const where = line ? ` (line ${line})` : "";
  if (e.type === "RecursionError") return `RecursionError: the function called itself too many times${where}: does it reach a base case?`;
  if (e.type === "SystemExit") return `Your code called exit()${where} before the function returned: remove calls to exit(), quit() or sys.exit() and return the value instead.`;
  if (hitProcessLimit(e)) return `Your code started too many processes or threads${where}: at most ${limits.pids} may run at once here. Is something started inside a loop?`;
  return `${e.type}${e.message ? `: ${e.message}` : ""}${where}`;
}

function describeSignal(signal: string | undefined): string {
  switch (signal) {
    case "SIGSEGV":
    case "SIGBUS":
      return "Python crashed (segmentation fault) while running your code. This usually means recursion far too deep, for example after raising sys.setrecursionlimit: use a loop, or keep the default limit.";
    case "SIGKILL":
      return "Your code was killed (SIGKILL) before the function returned. Did it kill its own process?";
    default:
      return `Your code was stopped by ${signal ?? "a signal"} before the function returned. Did it send a signal to its own process?`;
  }
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
        return { status: "failed", line, message: `Expected ${expectation.exception}, but your code raised ${describeRaised(e, limits)}.` };
      }
      if (e.type === "MemoryError") return { status: "memory-limit", line, message: memoryMessage(limits) };
      return { status: "error", line, message: describeRaised(e, limits) };
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
    case "unreadable-result":
      return { status: "error", message: "The grader could not read what your function returned or raised. Did your code change Python's built-in functions or write to the grader's channels?" };
    case "crashed":
      if (obs.exitCode !== undefined) {
        return { status: "error", message: `Your code ended the program (exit code ${obs.exitCode}) before the function returned: remove calls to exit(), quit(), sys.exit() or os._exit().` };
      }
      return { status: "error", message: describeSignal(obs.signal) };
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
  const stdout = visibleText((obs.stdout ?? "").slice(0, STDOUT_SHOWN_CHARS));
  return {
    name: c.name,
    status: j.status,
    hidden: false,
    call: c.call,
    expected: expectation.kind === "value" ? shorten(pyRepr(expectation.value), 2000) : `raises ${expectation.exception}`,
    ...(j.actual ? { actual: visibleText(shorten(pyRepr(j.actual), 2000)) } : obs.outcome === "raised" ? { actual: visibleText(`raised ${obs.exception.type}`) } : {}),
    ...(j.message ? { message: visibleText(j.message) } : {}),
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
        ? visibleText(`Your code raised ${obs.exception.type} on this hidden test${exceptionLine(obs.exception) ? ` (line ${exceptionLine(obs.exception)})` : ""}.`)
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
  return visibleText(`Python could not read your code${where}: ${kind}.`);
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
