// What the program-analysis tool (runner-image/analysis.py, run inside the sandbox) answers, checked at the
// boundary: zod schemas of contracts.ts's CodeAnalysis and of the other modes' answers. The compile-time checks at
// the bottom keep codeAnalysisSchema and the CodeAnalysis interface from drifting apart.
import { z } from "zod";
import { caseObservationSchema, syntaxErrorSchema } from "../grading/observation";
import type { CodeAnalysis, FunctionFacts, ParamFacts } from "./contracts";

export const inferredTypeSchema = z.enum(["str", "int", "float", "bool", "list", "dict", "tuple", "set", "none", "unknown"]);

const line = z.number().int().positive();

export const paramFactsSchema = z.strictObject({
  name: z.string().min(1),
  default: z.string().nullable(),
  annotation: z.string().nullable(),
  inferredType: inferredTypeSchema,
});

export const functionFactsSchema = z.strictObject({
  name: z.string().min(1),
  line,
  endLine: line,
  params: z.array(paramFactsSchema),
  returnAnnotation: z.string().nullable(),
  docstring: z.string().nullable(),
  returnsValue: z.boolean(),
  printCalls: z.number().int().nonnegative(),
  loops: z.number().int().nonnegative(),
  recursive: z.boolean(),
  raises: z.array(z.string()),
  calls: z.array(z.string()),
  steps: z.array(z.strictObject({ line, text: z.string().min(1) })),
  candidateCalls: z.array(z.strictObject({ kind: z.enum(["typical", "edge", "error"]), call: z.string().min(1) })),
});

export const findingSchema = z.strictObject({
  concept: z.string().min(1),
  line,
  function: z.string().nullable(),
  message: z.string().min(1),
});

export const codeAnalysisSchema = z.strictObject({
  parsed: z.boolean(),
  syntaxError: z
    .strictObject({ type: z.string(), message: z.string(), line: z.number().int().nullable(), column: z.number().int().nullable() })
    .nullable(),
  functions: z.array(functionFactsSchema),
  findings: z.array(findingSchema),
  shadowedBuiltins: z.array(z.string()),
  imports: z.array(z.string()),
  lineCount: z.number().int().nonnegative(),
});

/** Mode "review": what the reviewers (runner-image/tutor_analysis/reviewers/) say about working code. */
export const reviewSuggestionSchema = z.strictObject({
  id: z.string().min(1),
  line,
  function: z.string().nullable(),
  message: z.string().min(1),
  severity: z.literal("essential").optional(),
});
export const codeReviewSchema = z.strictObject({
  parsed: z.boolean(),
  syntaxError: codeAnalysisSchema.shape.syntaxError,
  suggestions: z.array(reviewSuggestionSchema),
});
export type DetectedSuggestion = z.infer<typeof reviewSuggestionSchema>;

/** Any mode's answer when the request itself could not be handled (bad input, a bug in the tool). */
export const analysisErrorSchema = z.strictObject({ error: z.string() });

/** Mode "insert-docstrings". */
export const docstringInsertionSchema = z.strictObject({
  source: z.string(),
  sameAst: z.boolean(),
  inserted: z.array(z.string()),
});

/** Mode "mutants". */
export const mutantsSchema = z.strictObject({
  mutants: z.array(z.strictObject({ id: z.number().int().positive(), line, description: z.string().min(1), source: z.string() })),
});

const variantId = z.union([z.string(), z.number().int()]);

/** Mode "run-variants": one line of the stream. Observations are the harness's own (see grading/observation.ts). */
export const runVariantsEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("case"), variant: variantId, id: z.union([z.string(), z.number().int()]), observation: caseObservationSchema }),
  z.object({ kind: z.literal("syntax-error"), variant: variantId, error: syntaxErrorSchema }),
  z.object({ kind: z.literal("error"), error: z.string() }),
  z.object({ kind: z.literal("done") }),
]);

export type RunVariantsEvent = z.infer<typeof runVariantsEventSchema>;

// ---- the schema and the contract must describe the same shape ------------------------------------------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const paramsMatch: Same<z.infer<typeof paramFactsSchema>, ParamFacts> = true;
const functionsMatch: Same<z.infer<typeof functionFactsSchema>, FunctionFacts> = true;
const analysisMatches: Same<z.infer<typeof codeAnalysisSchema>, CodeAnalysis> = true;
void [paramsMatch, functionsMatch, analysisMatches];
