// The verdict: compares what the sandbox observed with what each case expects, and words the result for a
// beginner. Pure functions; this is the only place a case's status is decided.
import type { ExerciseCase } from "../exercises/exercise";
import { formatBytes, formatSeconds, type SandboxLimits } from "./limits";
import type { CaseObservation, DiscoveredFile, ObservedException, ObservedSyntaxError } from "./observation";
import { decodeObservedValue, pyEquals, pyRepr, type PyValue, ValueDecodeError } from "./values";

export const STATUSES = ["passed", "failed", "error", "syntax-error", "timeout", "memory-limit", "output-limit", "internal-error"] as const;
export type Status = (typeof STATUSES)[number];

/** An expectation with the reference solution's results filled in. */
export type ResolvedExpectation = { kind: "value"; value: PyValue } | { kind: "raises"; exception: string } | { kind: "stdout"; stdout: string };

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
  /** A visible program case's standard input. */
  stdin?: string;
  line?: number;
  /**
   * Set on results of the exercise's tests/ files: their pass or fail was decided inside the sandbox, where the
   * learner's code also ran and could in principle have tampered with it (docs/sandbox.md). Absent elsewhere.
   */
  inSandbox?: true;
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
  if (expectation.kind === "stdout") return judgeProgram(expectation.stdout, obs, limits);
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
    case "finished":
    case "test-passed":
      // A call case's process never reports these (the harness accepts them only from program cases and tests).
      return { status: "internal-error", message: "The grader failed on this test. This is not your fault: please submit again." };
    default:
      return judgeEnding(obs, limits, "function");
  }
}

type Ending = Exclude<CaseObservation, { outcome: "returned" | "raised" | "finished" | "test-passed" }>;

/** Outcomes that mean the same whatever ran (a case's function, a program, a test): limits, crashes, our failures. */
function judgeEnding(obs: Ending, limits: SandboxLimits, what: "function" | "program" | "test"): Judgement {
  switch (obs.outcome) {
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
        if (what === "program") return { status: "error", message: `Your program ended with exit code ${obs.exitCode} (os._exit) before it finished.` };
        const before = what === "test" ? "before the test finished" : "before the function returned";
        return { status: "error", message: `Your code ended the program (exit code ${obs.exitCode}) ${before}: remove calls to exit(), quit(), sys.exit() or os._exit().` };
      }
      return { status: "error", message: describeSignal(obs.signal) };
    case "harness-error":
      return { status: "internal-error", message: "The grader failed on this test. This is not your fault: please submit again." };
  }
}

/** Output compared the way a reader would: line endings unified, trailing spaces and trailing blank lines ignored. */
export function normaliseOutput(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}

function quoteLine(line: string): string {
  return JSON.stringify(shorten(line, 200));
}

/** Where two normalised outputs first differ, said for a beginner. */
export function describeOutputDifference(expected: string, actual: string): string {
  if (actual === "") return "Your program printed nothing, but output was expected.";
  const want = expected === "" ? [] : expected.split("\n");
  const got = actual.split("\n");
  for (let i = 0; i < Math.min(want.length, got.length); i++) {
    if (want[i] !== got[i]) return `Line ${i + 1} differs: expected ${quoteLine(want[i]!)} but your program printed ${quoteLine(got[i]!)}.`;
  }
  if (got.length < want.length) {
    return `Your program printed ${got.length} line${got.length === 1 ? "" : "s"}, but ${want.length} were expected: line ${got.length + 1} should be ${quoteLine(want[got.length]!)}.`;
  }
  return `Your program printed more than expected: line ${want.length + 1} (${quoteLine(got[want.length]!)}) should not be there.`;
}

function judgeProgram(expected: string, obs: CaseObservation, limits: SandboxLimits): Judgement {
  switch (obs.outcome) {
    case "finished":
      if (obs.exitCode !== 0) return { status: "error", message: `Your program ended with exit code ${obs.exitCode} (sys.exit) instead of finishing normally.` };
      return compareOutput(expected, obs.stdout ?? "");
    case "crashed":
      // os._exit(0) ends a program without an error: what it printed is its output.
      if (obs.exitCode === 0) return compareOutput(expected, obs.stdout ?? "");
      return judgeEnding(obs, limits, "program");
    case "raised": {
      const e = obs.exception;
      const line = exceptionLine(e);
      if (e.type === "MemoryError") return { status: "memory-limit", line, message: memoryMessage(limits) };
      if (e.type === "EOFError") {
        return { status: "error", line, message: `EOFError${line ? ` (line ${line})` : ""}: your program asked for more input than this test gives. Does it call input() too many times?` };
      }
      return { status: "error", line, message: describeRaised(e, limits) };
    }
    case "returned":
    case "test-passed":
      return { status: "internal-error", message: "The grader failed on this test. This is not your fault: please submit again." };
    default:
      return judgeEnding(obs, limits, "program");
  }
}

function compareOutput(expected: string, printed: string): Judgement {
  const want = normaliseOutput(expected);
  const got = normaliseOutput(printed);
  return want === got ? { status: "passed" } : { status: "failed", message: describeOutputDifference(want, got) };
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
  if (expectation.kind === "stdout") {
    // The learner's output is the actual value here, so it is not repeated as stdout.
    const printed = obs.outcome === "finished" || obs.outcome === "crashed" || obs.outcome === "raised" ? normaliseOutput(obs.stdout ?? "") : null;
    return {
      name: c.name,
      status: j.status,
      hidden: false,
      stdin: visibleText(shorten(c.stdin ?? "", 2000)),
      expected: visibleText(shorten(normaliseOutput(expectation.stdout), STDOUT_SHOWN_CHARS)),
      ...(printed !== null ? { actual: visibleText(shorten(printed, STDOUT_SHOWN_CHARS)) } : {}),
      ...(j.message ? { message: visibleText(j.message) } : {}),
      ...(j.line ? { line: j.line } : {}),
    };
  }
  const stdout = visibleText((obs.stdout ?? "").slice(0, STDOUT_SHOWN_CHARS));
  return {
    name: c.name,
    status: j.status,
    hidden: false,
    ...(c.call !== null ? { call: c.call } : {}),
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
      return obs.outcome === "finished" || obs.outcome === "crashed"
        ? "Your program printed the wrong output for this hidden test. Think about inputs the examples do not show."
        : "Your function gave a wrong result for this hidden test. Think about edge cases the examples do not show.";
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

// ---- tests from the exercise's tests/ folder: verdicts decided from what ran inside the sandbox ----------------

/** One test the harness discovered in a test file. */
export interface DiscoveredTest {
  file: string;
  class: string | null;
  name: string;
}

/** test_file.py::test_name, or test_file.py::Class::method. */
export function testResultName(t: DiscoveredTest): string {
  return `${t.file}::${t.class ? `${t.class}::` : ""}${t.name}`;
}

const INTERNAL = "The grader failed on this test. This is not your fault: please submit again.";

function testFileLine(e: ObservedException, file: string): string {
  return e.testLine ? `${file}, line ${e.testLine.line}` : file;
}

function judgeTestObservation(obs: CaseObservation, limits: SandboxLimits, file: string): Judgement {
  switch (obs.outcome) {
    case "test-passed":
      return obs.skipped !== undefined ? { status: "passed", message: `Skipped: ${obs.skipped}` } : { status: "passed" };
    case "raised": {
      const e = obs.exception;
      const line = exceptionLine(e);
      if (e.mro.includes("AssertionError")) {
        const source = e.testLine?.text.trim();
        const where = testFileLine(e, file);
        const message = e.message
          ? `AssertionError: ${shorten(e.message, 1000)} (${where}${source ? `: ${source}` : ""})`
          : `This check failed (${where})${source ? `: ${source}` : ""}`;
        return { status: "failed", line, message };
      }
      if (e.type === "MemoryError") return { status: "memory-limit", line, message: memoryMessage(limits) };
      const inTest = line === undefined && e.testLine ? ` (${testFileLine(e, file)})` : "";
      return { status: "error", line, message: `${describeRaised(e, limits)}${inTest}` };
    }
    case "returned":
    case "finished":
      return { status: "internal-error", message: INTERNAL };
    default:
      return judgeEnding(obs, limits, "test");
  }
}

function inSandboxResult(name: string, j: Judgement, obs: CaseObservation | null): TestResult {
  const stdout = visibleText((obs?.stdout ?? "").slice(0, STDOUT_SHOWN_CHARS));
  return {
    name,
    status: j.status,
    hidden: false,
    ...(j.message ? { message: visibleText(j.message) } : {}),
    ...(stdout ? { stdout } : {}),
    ...(j.line ? { line: j.line } : {}),
    inSandbox: true,
  };
}

/** Judges one test from tests/. Its pass or fail was decided inside the sandbox, so the result says so. */
export function judgeTest(test: DiscoveredTest, obs: CaseObservation, limits: SandboxLimits): TestResult {
  return inSandboxResult(testResultName(test), judgeTestObservation(obs, limits, test.file), obs);
}

/**
 * A test file whose tests could not be listed, as one result named after the file: a syntax error in it (the
 * exercise's fault), an exception while importing it (usually the learner's module), or no tests found. Null when
 * the file's tests were listed: each of them gets its own result.
 */
export function judgeUnlistedTestFile(file: DiscoveredFile, limits: SandboxLimits): TestResult | null {
  if ("tests" in file) {
    if (file.tests.length > 0) return null;
    return inSandboxResult(file.file, { status: "error", message: `No tests were found in ${file.file}, so it cannot pass. If your code does not change how tests are found, tell your instructor.` }, null);
  }
  if ("syntaxError" in file) {
    const e = file.syntaxError;
    const where = e.line ? ` (line ${e.line})` : "";
    return inSandboxResult(file.file, { status: "internal-error", message: `The exercise's test file ${file.file} has a syntax error${where}: ${e.message}. This is not your fault: please tell your instructor.` }, null);
  }
  const e = file.exception;
  const line = exceptionLine(e);
  if (e.type === "MemoryError") return inSandboxResult(file.file, { status: "memory-limit", line, message: memoryMessage(limits) }, null);
  const cause = e.type === "ImportError" || e.type === "ModuleNotFoundError" ? " Does your file define everything the tests use?" : "";
  return inSandboxResult(file.file, { status: "error", line, message: `${file.file} could not import your code: ${e.type}${e.message ? `: ${shorten(e.message, 500)}` : ""}${line ? ` (line ${line})` : ""}.${cause}` }, null);
}

/** Every test file's result when listing the tests itself did not finish (a timeout, a crash, our failure). */
export function judgeDiscoveryFailure(file: string, obs: CaseObservation, limits: SandboxLimits): TestResult {
  const j = obs.outcome === "test-passed" || obs.outcome === "returned" || obs.outcome === "finished" ? { status: "internal-error" as const, message: INTERNAL } : judgeTestObservation(obs, limits, file);
  return inSandboxResult(file, j, obs);
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
