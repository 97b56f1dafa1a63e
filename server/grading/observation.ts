// What the harness reports about one case (runner-image/harness.py), checked at the boundary: anything that
// does not match is treated as a harness failure, never trusted.
import { z } from "zod";

const exceptionSchema = z.object({
  type: z.string().max(200),
  mro: z.array(z.string().max(200)).max(100),
  message: z.string().max(10_000),
  traceback: z.array(z.object({ line: z.number().int(), function: z.string().max(200), text: z.string().max(1000) })).max(50),
});

const common = {
  durationMs: z.number().int().nonnegative().optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
};

export const caseObservationSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("returned"), value: z.unknown(), ...common }),
  z.object({ outcome: z.literal("raised"), exception: exceptionSchema, ...common }),
  z.object({ outcome: z.literal("timeout"), reason: z.enum(["cpu", "total"]).optional(), ...common }),
  z.object({ outcome: z.literal("memory-limit"), ...common }),
  z.object({ outcome: z.literal("output-limit"), ...common }),
  z.object({ outcome: z.literal("result-too-large"), ...common }),
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

export const harnessEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("case"), id: z.number().int().nonnegative(), observation: z.unknown() }),
  z.object({ kind: z.literal("syntax-error"), error: syntaxErrorSchema }),
  z.object({ kind: z.literal("done") }),
]);
export type HarnessEvent = z.infer<typeof harnessEventSchema>;
