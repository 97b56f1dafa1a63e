// The trace the harness records for one case (runner-image/harness.py, `"trace": {"maxSteps": N}` on a case),
// checked at the boundary like every observation: a trace that does not match, or is larger than we accept, is
// refused, never trusted. Every text in it comes from the learner's code (names, reprs, what it printed).
import { z } from "zod";

/** The most steps a trace may hold; the harness keeps the first MAX_STEPS-100 and the last 100 beyond it. */
export const MAX_TRACE_STEPS = 1000;
/** The most a trace may weigh as JSON, whatever its values hold: what the server accepts and sends on. */
export const MAX_TRACE_BYTES = 2 * 1024 * 1024;

const NAME_CHARS = 200;
/** The harness's reprs are cut at 2,000 characters plus "..."; a little room on top. */
const REPR_CHARS = 2100;

const reprSchema = z.string().max(REPR_CHARS);

export const traceFrameSchema = z.object({
  function: z.string().max(NAME_CHARS),
  locals: z.record(z.string().max(NAME_CHARS), reprSchema),
});

export const traceStepSchema = z.object({
  line: z.number().int().nonnegative(),
  event: z.enum(["call", "line", "return", "exception"]),
  /** The learner's file's frames only, outermost first. */
  frames: z.array(traceFrameSchema).max(MAX_TRACE_STEPS),
  /** What the code had printed up to this step. */
  stdout: z.string().max(1024 * 1024),
  /** On a return: the value returned, as a repr. */
  value: reprSchema.optional(),
  /** On an exception: "Type: message". */
  exception: z.string().max(REPR_CHARS + NAME_CHARS).optional(),
  /** On the first step after a gap: how many steps were left out before it. */
  skipped: z.number().int().positive().optional(),
});

export const traceSchema = z.object({
  steps: z.array(traceStepSchema).max(MAX_TRACE_STEPS),
  truncated: z.boolean(),
});

export type TraceFrame = z.infer<typeof traceFrameSchema>;
export type TraceStep = z.infer<typeof traceStepSchema>;
export type Trace = z.infer<typeof traceSchema>;
