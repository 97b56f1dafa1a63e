// The tutor's uses of the sandbox: program analysis, docstring insertion and mutants come from the analysis
// tool (runner-image/analysis.py), and running calls (examples, generated tests, mutants) from the harness.
// Learner code is only ever parsed or run inside a container; the server checks what comes back.
import { z } from "zod";
import type { Sandbox } from "../grading/sandbox/sandbox";
import { DEFAULT_LIMITS, type SandboxLimits } from "../grading/limits";
import { type CaseObservation, caseObservationSchema } from "../grading/observation";
import { codeAnalysisSchema, codeReviewSchema } from "./analysis-schema";
import type { CodeAnalysis } from "./contracts";

const ANALYSIS_DEADLINE_MS = 15_000;
const MAX_TOOL_OUTPUT_BYTES = 8 * 1024 * 1024;

export class AnalysisFailedError extends Error {}

async function singleAnswer<T>(sandbox: Sandbox, payload: object, schema: z.ZodType<T>): Promise<T> {
  const run = await sandbox.analyse(payload, { deadlineMs: ANALYSIS_DEADLINE_MS, maxStdoutBytes: MAX_TOOL_OUTPUT_BYTES });
  if (run.end === "timeout") throw new AnalysisFailedError("the analysis took too long");
  const answer = run.lines[0] as { error?: unknown } | undefined;
  if (answer && typeof answer.error === "string") throw new AnalysisFailedError(`the analysis failed: ${answer.error}`);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new AnalysisFailedError(`the analysis answered in an unexpected shape: ${parsed.error.issues[0]?.message ?? "empty"}`);
  return parsed.data;
}

export function analyseCode(sandbox: Sandbox, file: string, source: string): Promise<CodeAnalysis> {
  return singleAnswer(sandbox, { mode: "analyze", file, source }, codeAnalysisSchema) as Promise<CodeAnalysis>;
}

/** The reviewers' suggestions for working code (mode "review"): only the file's name and its code go in. */
export function reviewOf(sandbox: Sandbox, file: string, source: string): Promise<z.infer<typeof codeReviewSchema>> {
  return singleAnswer(sandbox, { mode: "review", file, source }, codeReviewSchema);
}

const insertedSchema = z.object({ source: z.string(), sameAst: z.boolean(), inserted: z.array(z.string()) });
export type InsertedDocstrings = z.infer<typeof insertedSchema>;

export function insertDocstrings(sandbox: Sandbox, source: string, docstrings: Record<string, string>): Promise<InsertedDocstrings> {
  return singleAnswer(sandbox, { mode: "insert-docstrings", source, docstrings }, insertedSchema);
}

const mutantsSchema = z.object({
  mutants: z.array(z.object({ id: z.union([z.number(), z.string()]).transform(String), line: z.number().int().nullable().optional(), description: z.string(), source: z.string() })),
});
export type Mutant = z.infer<typeof mutantsSchema>["mutants"][number];

export async function mutantsOf(sandbox: Sandbox, source: string, functionName: string, max = 20): Promise<Mutant[]> {
  return (await singleAnswer(sandbox, { mode: "mutants", source, function: functionName, max }, mutantsSchema)).mutants;
}

const variantLineSchema = z.object({ kind: z.literal("case"), variant: z.string(), id: z.number().int(), observation: z.unknown() });

/** Runs the same calls against several versions of a file, one container; returns observations by variant and call. */
export async function runVariants(
  sandbox: Sandbox,
  file: string,
  variants: { id: string; source: string }[],
  calls: string[],
  limits: SandboxLimits = { ...DEFAULT_LIMITS, caseTimeoutMs: 2000 },
): Promise<Map<string, (CaseObservation | null)[]>> {
  const harnessLimits = {
    caseTimeoutMs: limits.caseTimeoutMs,
    totalTimeoutMs: limits.caseTimeoutMs * calls.length * variants.length + 5000,
    outputBytes: limits.outputBytes,
    fileBytes: limits.fileBytes,
    addressSpaceBytes: limits.memoryMb * 1024 * 1024,
  };
  const results = new Map(variants.map((v) => [v.id, calls.map((): CaseObservation | null => null)]));
  await sandbox.analyse(
    { mode: "run-variants", file, variants, cases: calls.map((call, id) => ({ id, call })), limits: harnessLimits },
    {
      deadlineMs: harnessLimits.totalTimeoutMs + 10_000,
      maxStdoutBytes: MAX_TOOL_OUTPUT_BYTES,
      onLine: (line) => {
        const parsed = variantLineSchema.safeParse(line);
        if (!parsed.success) return;
        const observation = caseObservationSchema.safeParse(parsed.data.observation);
        const row = results.get(parsed.data.variant);
        if (row && parsed.data.id < row.length) row[parsed.data.id] = observation.success ? observation.data : null;
      },
    },
  );
  return results;
}
