// The exercise folder format (docs/exercise-format.md): the shape of exercise.yaml and of each case in cases.yaml.
import { z } from "zod";

export const CONCEPT_ID = /^[a-z][a-z0-9-]*$/;
const PY_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const exerciseManifestSchema = z
  .object({
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(400),
    difficulty: z.number().int().min(1).max(5),
    concepts: z.array(z.string().regex(CONCEPT_ID, "a concept id in kebab-case, such as off-by-one")).default([]),
    file: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*\.py$/, "a Python file name that is a valid module name, such as shout.py"),
    entry: z.string().regex(PY_IDENTIFIER, "a Python function name"),
    limits: z
      .object({
        timeoutMs: z.number().int().min(100).max(30_000).optional(),
        memoryMb: z.number().int().min(32).max(2048).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ExerciseManifest = z.infer<typeof exerciseManifestSchema>;

/** A case as written in cases.yaml, before its expected value is decoded (the YAML node is checked separately). */
export const rawCaseSchema = z
  .object({
    name: z.string().min(1).max(120),
    call: z.string().min(1).max(20_000),
    expect: z.unknown().optional(),
    raises: z.string().regex(PY_IDENTIFIER, "an exception class name, such as ValueError").optional(),
    hidden: z.boolean().default(false),
    // Read with exact integers, so `tolerance: 0` arrives as a bigint.
    tolerance: z.union([z.number(), z.bigint()]).transform(Number).pipe(z.number().min(0).max(1)).optional(),
  })
  .strict()
  .refine((c) => !(c.raises !== undefined && c.expect !== undefined), {
    message: "give either expect or raises, not both",
    path: ["raises"],
  });

/** The fields each file may hold, named when an unknown one is found. */
export const EXERCISE_FIELDS = ["title", "summary", "difficulty", "concepts", "file", "entry", "limits"] as const;
export const CASE_FIELDS = ["name", "call", "expect", "raises", "hidden", "tolerance"] as const;
export const SET_FIELDS = ["title", "summary", "order"] as const;

export const setManifestSchema = z
  .object({
    title: z.string().min(1),
    summary: z.string().optional(),
    order: z.array(z.string()).optional(),
  })
  .strict();
