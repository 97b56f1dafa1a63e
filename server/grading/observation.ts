// What the harness reports about one case (runner-image/harness/), checked at the boundary: anything that
// does not match is treated as a harness failure, never trusted.
import { z } from "zod";

const exceptionSchema = z.object({
  type: z.string().max(200),
  mro: z.array(z.string().max(200)).max(100),
  message: z.string().max(10_000),
  traceback: z.array(z.object({ line: z.number().int(), function: z.string().max(200), text: z.string().max(1000) })).max(50),
  /** In a test from tests/: the line of the test file where it ended (the failing assert). */
  testLine: z.object({ line: z.number().int(), text: z.string().max(1000) }).optional(),
});

// The harness cuts texts to a number of Python characters; a character beyond U+FFFF counts twice in JavaScript.
const text = (pythonChars: number) => z.string().max(2 * pythonChars);

/** The most steps a case's trace may ask for, and the most its JSON weighs (harness/protocol.py's caps). */
export const MAX_TRACE_STEPS = 1000;
export const MAX_TRACE_BYTES = 512 * 1024;

/** One step of a traced case (runner-image/harness/README.md, "Observing execution"): the limits are the harness's. */
export const traceStepSchema = z.strictObject({
  line: z.number().int().nonnegative(),
  event: z.enum(["call", "line", "return", "exception"]),
  /** The learner's frames on the stack, outermost first ("<module>" for module level): variables as reprs. */
  frames: z.array(z.strictObject({ function: text(200), locals: z.record(text(200), text(200)) })).max(20),
  /** When the learner's frames are more than 20 deep: how many are further out than `frames`. */
  outer: z.number().int().positive().optional(),
  /** The end of what was printed so far. */
  stdout: text(2000),
  /** On a "return": the returned value's repr. */
  value: text(200).optional(),
  /** On an "exception": "Type: message". */
  exception: text(500).optional(),
  /** On the first step after steps were left out (the trace keeps its first and its last ones): how many. */
  skipped: z.number().int().positive().optional(),
});
export type TraceStep = z.infer<typeof traceStepSchema>;

export const traceSchema = z.strictObject({
  steps: z.array(traceStepSchema).max(MAX_TRACE_STEPS),
  truncated: z.boolean(),
});
export type ExecutionTrace = z.infer<typeof traceSchema>;

const common = {
  durationMs: z.number().int().nonnegative().optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
  /** With the request's `observe: {lines: true}`: the learner's lines that ran in this case's process, ascending. */
  lines: z.array(z.number().int().positive()).max(5000).optional(),
  /** For a case sent with `trace: {maxSteps}`: its steps. */
  trace: traceSchema.optional(),
};

export const caseObservationSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("returned"), value: z.unknown(), ...common }),
  // A program case ran to its end (or called sys.exit); what it printed is in stdout.
  z.object({ outcome: z.literal("finished"), exitCode: z.number().int(), ...common }),
  // A test from tests/ ran without an exception (possibly skipped by unittest).
  z.object({ outcome: z.literal("test-passed"), skipped: z.string().max(300).optional(), ...common }),
  z.object({ outcome: z.literal("raised"), exception: exceptionSchema, ...common }),
  // "steps": a traced case stopped itself after 100 x maxSteps line events (to report its trace).
  z.object({ outcome: z.literal("timeout"), reason: z.enum(["cpu", "total", "steps"]).optional(), ...common }),
  z.object({ outcome: z.literal("memory-limit"), ...common }),
  z.object({ outcome: z.literal("output-limit"), ...common }),
  z.object({ outcome: z.literal("result-too-large"), ...common }),
  // The case process's report was malformed: only the learner's code can cause that (it shares the process).
  z.object({ outcome: z.literal("unreadable-result"), ...common }),
  z.object({ outcome: z.literal("not-run"), ...common }),
  z.object({ outcome: z.literal("crashed"), signal: z.string().optional(), exitCode: z.number().int().optional(), ...common }),
  z.object({ outcome: z.literal("harness-error"), message: z.string(), ...common }),
]);

export type CaseObservation = z.infer<typeof caseObservationSchema>;
export type ObservedException = z.infer<typeof exceptionSchema>;

export const syntaxErrorSchema = z.object({
  outcome: z.literal("syntax-error"),
  type: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  text: z.string(),
});
export type ObservedSyntaxError = z.infer<typeof syntaxErrorSchema>;

/** One test file as the discovery process found it: its tests, or why none could be listed. */
export const discoveredFileSchema = z.union([
  z.object({ file: z.string(), tests: z.array(z.object({ class: z.string().max(200).nullable(), name: z.string().max(200) })) }),
  z.object({ file: z.string(), syntaxError: z.object({ message: z.string(), line: z.number().int().nullable(), text: z.string() }) }),
  z.object({ file: z.string(), exception: exceptionSchema }),
]);
export type DiscoveredFile = z.infer<typeof discoveredFileSchema>;

/** What listing the tests of tests/test_*.py did: the files' tests, or any case outcome (a timeout, a crash...). */
export const discoveryObservationSchema = z.union([
  z.object({ outcome: z.literal("discovered"), files: z.array(discoveredFileSchema), ...common }),
  caseObservationSchema,
]);
export type DiscoveryObservation = z.infer<typeof discoveryObservationSchema>;

export const harnessEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("case"), id: z.number().int().nonnegative(), observation: z.unknown() }),
  z.object({ kind: z.literal("discovery"), observation: z.unknown() }),
  z.object({ kind: z.literal("test"), id: z.number().int().nonnegative(), observation: z.unknown() }),
  z.object({ kind: z.literal("syntax-error"), error: syntaxErrorSchema }),
  z.object({ kind: z.literal("done") }),
]);
export type HarnessEvent = z.infer<typeof harnessEventSchema>;

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A copy of any JSON-like value (e.g. a GradeResult's observations) that PostgreSQL's json/jsonb and text columns
 * accept: NUL becomes the text \u0000 and lone surrogates become \udXXX. Observations keep the learner's output
 * and values exactly, which may contain both (a submission printing NUL bytes, returning "\ud800"); store them
 * through this.
 */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") {
    return value.replace(UNSTORABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) as T;
  }
  if (Array.isArray(value)) return value.map((v) => storableJson(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableJson(k), storableJson(v)])) as T;
  }
  return value;
}
