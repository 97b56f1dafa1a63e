// JSON Schemas for exercise.yaml, cases.yaml and set.yaml, generated from the zod schemas the loader uses, so that editors
// can check and complete the files (docs/schemas/). `npm run schemas` rewrites them; a test keeps them current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { exerciseManifestSchema, rawCaseSchema, setManifestSchema } from "./schema";

export const SCHEMAS_DIR = path.resolve(__dirname, "../../docs/schemas");

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, id: string, title: string, description: string): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    // What an author writes, before defaults and transforms are applied.
    io: "input",
    // cases.yaml reads integers exactly (as bigints): in the file they are plain integers.
    unrepresentable: "any",
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "bigint") ctx.jsonSchema.type = "integer";
    },
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return { $schema, $id: id, title, description, ...rest };
}

/** The schemas, by file name under docs/schemas/, as the text written there. */
export function generateSchemas(): Record<string, string> {
  const exercise = toJsonSchema(
    exerciseManifestSchema,
    "exercise.schema.json",
    "exercise.yaml",
    "The description of one exercise folder (docs/exercise-format.md).",
  );
  const cases = toJsonSchema(
    z.array(rawCaseSchema),
    "cases.schema.json",
    "cases.yaml",
    "The cases of one exercise (docs/exercise-format.md). Python values in `expect` may use the !tuple and !set tags.",
  );
  const set = toJsonSchema(
    setManifestSchema,
    "set.schema.json",
    "set.yaml",
    "A problem set (a unit of a course): its title, summary, teaching order and what it teaches (docs/exercise-format.md).",
  );
  const text = (schema: JsonSchema) => `${JSON.stringify(schema, null, 2)}\n`;
  return { "exercise.schema.json": text(exercise), "cases.schema.json": text(cases), "set.schema.json": text(set) };
}

if (require.main === module) {
  for (const [name, text] of Object.entries(generateSchemas())) {
    writeFileSync(path.join(SCHEMAS_DIR, name), text);
    console.log(`wrote docs/schemas/${name}`);
  }
}
