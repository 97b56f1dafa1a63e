// The exercise folder format (docs/exercise-format.md): the shape of exercise.yaml and of each case in cases.yaml.
import { z } from "zod";
import suggestionManifest from "../../runner-image/tutor_analysis/manifests/suggestions.json";

export const CONCEPT_ID = /^[a-z][a-z0-9-]*$/;
/** How many helper files (exercise.yaml's `helpers`) an exercise's tests may import. */
export const MAX_HELPER_FILES = 10;
// The review's suggestion ids, from the manifest the reviewers in the sandbox read too.
const suggestionId = z.enum(suggestionManifest.entries.map((e) => e.id) as [string, ...string[]]);
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
    // Required only when some case in cases.yaml uses `call` (checked by the loader).
    entry: z.string().regex(PY_IDENTIFIER, "a Python function name").optional(),
    limits: z
      .object({
        timeoutMs: z.number().int().min(100).max(30_000).optional(),
        memoryMb: z.number().int().min(32).max(2048).optional(),
      })
      .strict()
      .optional(),
    // Where an imported exercise came from, for attribution (see `tutor import`).
    source: z
      .object({
        origin: z.string().min(1).max(200),
        url: z.url().optional(),
        licence: z.string().min(1).max(100),
        authors: z.array(z.string().min(1).max(200)).default([]),
      })
      .strict()
      .optional(),
    // Level-1 hints: short nudges a learner may ask for, in order.
    hints: z.array(z.string().min(1).max(2000)).max(50).optional(),
    // `refactor`: the starter already passes every check, and the learner makes it cleaner while keeping it
    // passing (`tutor check` then expects the starter to pass). `solve`, the default: the starter fails a check.
    kind: z.enum(["solve", "refactor"]).optional(),
    // Python files in tests/ that the test files import (a test double, shared fixtures), carried into the
    // sandbox beside them and never run as tests themselves, whatever their name.
    helpers: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.py$/, "a Python file name in tests/ that is a valid module name, such as test_utils.py"))
      .max(MAX_HELPER_FILES)
      .optional(),
    // What the review of a passing solution should stress (`expect`: essential here, because the exercise teaches
    // it) or leave out (`avoid`: it goes against what the exercise practises, such as a hand-written sum in a loops exercise).
    review: z
      .object({ expect: z.array(suggestionId).max(30).default([]), avoid: z.array(suggestionId).max(30).default([]) })
      .strict()
      .optional(),
    // What the tutor must not suggest here (`avoid`: words such as "recursion" or "sorted", or concept ids of the
    // tutor's catalogue), like CodeHelp's keywords to avoid: the exercise wants the learner to do without them.
    tutor: z
      .object({
        avoid: z
          .array(z.string().trim().min(2, "an avoided term has at least 2 characters").max(60, "an avoided term has at most 60 characters"))
          .max(30)
          .default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ExerciseManifest = z.infer<typeof exerciseManifestSchema>;

/** Largest stdin or expected stdout a program case may give, in characters. */
export const MAX_PROGRAM_TEXT = 256 * 1024;

/**
 * A case as written in cases.yaml, before its expected value is decoded (the YAML node is checked separately).
 * Either a call case (`call` with `expect`, `raises` or neither) or a program case (`stdout`, optional `stdin`).
 */
export const rawCaseSchema = z
  .object({
    name: z.string().min(1).max(120),
    call: z.string().min(1).max(20_000).optional(),
    expect: z.unknown().optional(),
    raises: z.string().regex(PY_IDENTIFIER, "an exception class name, such as ValueError").optional(),
    stdin: z.string().max(MAX_PROGRAM_TEXT).optional(),
    stdout: z.string().max(MAX_PROGRAM_TEXT).optional(),
    hidden: z.boolean().default(false),
    // Read with exact integers, so `tolerance: 0` arrives as a bigint.
    tolerance: z.union([z.number(), z.bigint()]).transform(Number).pipe(z.number().min(0).max(1)).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const program = c.stdout !== undefined || c.stdin !== undefined;
    if (c.call !== undefined && program) {
      for (const field of ["stdin", "stdout"] as const) {
        if (c[field] !== undefined) {
          ctx.addIssue({ code: "custom", path: [field], message: "belongs to a program case: give either call (with expect or raises) or stdout (with stdin), not both" });
        }
      }
      return;
    }
    if (c.call === undefined && !program) {
      ctx.addIssue({ code: "custom", path: ["call"], message: "is required: give call (a Python expression) or stdout (the output a program case expects)" });
      return;
    }
    if (program) {
      if (c.stdout === undefined) ctx.addIssue({ code: "custom", path: ["stdout"], message: "is required in a program case: the output the program must print" });
      for (const field of ["expect", "raises", "tolerance"] as const) {
        if (c[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: "belongs to a call case: a program case compares stdout only" });
      }
      return;
    }
    if (c.raises !== undefined && c.expect !== undefined) ctx.addIssue({ code: "custom", path: ["raises"], message: "give either expect or raises, not both" });
  });

/** The fields each file may hold, named when an unknown one is found. */
export const EXERCISE_FIELDS = ["title", "summary", "difficulty", "concepts", "file", "entry", "limits", "source", "hints", "kind", "helpers", "review"] as const;
export const CASE_FIELDS = ["name", "call", "expect", "raises", "stdin", "stdout", "hidden", "tolerance"] as const;

/** A file the exercise's tests/ folder may hold: run inside the sandbox against the learner's module. */
export const TEST_FILE_NAME = /^test_[A-Za-z0-9_]*\.py$/;
/** How many test files an exercise may have, and how large each may be. */
export const MAX_TEST_FILES = 20;
export const MAX_TEST_FILE_BYTES = 100 * 1024;
export const SET_FIELDS = ["title", "summary", "order", "concepts", "topics"] as const;

/** set.yaml: a problem set (a unit of a course) and what it teaches. */
export const setManifestSchema = z
  .object({
    title: z.string().min(1).max(120),
    summary: z.string().max(400).optional(),
    // The exercise folders in teaching order; folders not named come after, by name.
    order: z.array(z.string()).optional(),
    // The concepts the unit teaches (ids such as off-by-one; the tutor's catalogue links those it knows to lessons).
    concepts: z.array(z.string().regex(CONCEPT_ID, "a concept id in kebab-case, such as off-by-one")).optional(),
    // What a learner will be able to do after the unit, in a few words each ("read a line with input()").
    topics: z.array(z.string().min(1).max(200)).max(20).optional(),
  })
  .strict();

export type SetManifest = z.infer<typeof setManifestSchema>;
