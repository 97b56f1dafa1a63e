// The shapes the model must answer in: zod schemas to validate every reply, and the JSON Schemas sent as
// response_format (OpenAI "strict" structured outputs: every property required, no extra properties).
import { z } from "zod";
import type { ResponseSchema } from "./client";

export const explanationAnswer = z.object({
  explanation: z.string().describe("A few sentences of markdown for a beginner: what went wrong, where (line numbers), and why. No corrected code."),
  concepts: z.array(z.string()).describe("Ids of the concepts this mistake is about, most relevant first, chosen only from the allowed ids."),
});

export const hintAnswer = z.object({
  text: z.string().describe("The hint, in markdown, at the requested level. Never the solution and never a block of code."),
});

export const functionAnswer = z.object({
  summary: z.string().describe("One or two sentences: what the function is for."),
  steps: z.array(z.object({ line: z.int().describe("A line number inside the function."), text: z.string().describe("What that line does, in plain words.") })),
  inputs: z.array(z.object({ name: z.string().describe("A parameter name, exactly as in the code."), description: z.string() })),
  output: z.string().describe("What the function gives back (or that it returns None)."),
});

export const docstringAnswer = z.object({
  summary: z.string().describe("One line saying what the function does, in the imperative (\"Return ...\")."),
  args: z.array(z.object({ name: z.string().describe("A parameter name, exactly as in the code."), description: z.string() })),
  returns: z.string().nullable().describe("What the function returns, or null when it returns nothing."),
  raises: z.array(z.object({ exception: z.string().describe("An exception class the code raises."), when: z.string() })),
});

export const reviewAnswer = z.object({
  suggestions: z.array(
    z.object({
      id: z.string().describe("The id of one of the given suggestions when you reword it, or \"model\" for a suggestion of your own."),
      line: z.int().describe("The line of the learner's code it is about."),
      title: z.string().describe("A short title (used only for a suggestion of your own)."),
      message: z.string().describe("One or two sentences of markdown for a beginner. The code passes its tests: never call it wrong."),
    }),
  ),
});

export type ExplanationAnswer = z.infer<typeof explanationAnswer>;
export type HintAnswer = z.infer<typeof hintAnswer>;
export type FunctionAnswer = z.infer<typeof functionAnswer>;
export type DocstringAnswer = z.infer<typeof docstringAnswer>;
export type ReviewAnswer = z.infer<typeof reviewAnswer>;

/** JSON Schema for response_format, without keywords that strict structured outputs reject or do not need. */
export function toResponseSchema(name: string, schema: z.ZodType): ResponseSchema {
  return { name, schema: clean(z.toJSONSchema(schema)) as Record<string, unknown> };
}

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    // z.int() adds the safe-integer range; it says nothing to a model and some servers reject huge bounds.
    if ((key === "minimum" || key === "maximum") && Math.abs(value as number) === Number.MAX_SAFE_INTEGER) continue;
    out[key] = clean(value);
  }
  return out;
}

/** The explanation's schema names the allowed concept ids as an enum, so a constrained decoder cannot invent one. */
export function explanationResponseSchema(conceptIds: readonly string[]): ResponseSchema {
  const ids = [...new Set(conceptIds)];
  const concepts = ids.length > 0 ? z.array(z.enum(ids as [string, ...string[]])) : z.array(z.string());
  return toResponseSchema("failure_explanation", explanationAnswer.extend({ concepts: concepts.describe(explanationAnswer.shape.concepts.description ?? "") }));
}

export const hintResponseSchema: ResponseSchema = toResponseSchema("hint", hintAnswer);
export const functionResponseSchema: ResponseSchema = toResponseSchema("function_explanation", functionAnswer);
export const docstringResponseSchema: ResponseSchema = toResponseSchema("docstring", docstringAnswer);
export const reviewResponseSchema: ResponseSchema = toResponseSchema("code_review", reviewAnswer);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses the model's text as JSON (tolerating a ```json fence around it) and validates it against `schema`. */
export function parseAnswer<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let body = text.trim();
  const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(body);
  if (fenced?.[1] !== undefined) body = fenced[1].trim();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: "the answer was not valid JSON" };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    return { ok: false, problem: `the answer did not match the schema${first ? ` (${first.path.join(".") || "root"}: ${first.message})` : ""}` };
  }
  return { ok: true, value: result.data };
}

/** The model's concept ids that are in the allowed list, in its order, without repeats; the rest are dropped. */
export function knownConcepts(ids: readonly string[], allowed: readonly string[]): string[] {
  const allow = new Set(allowed);
  const out: string[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    if (allow.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}
