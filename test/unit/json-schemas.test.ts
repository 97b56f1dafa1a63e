// docs/schemas/*.json are generated from the loader's zod schemas: the committed files must match what
// `npm run schemas` (server/exercises/write-schemas.ts) writes now.
import { readFileSync } from "node:fs";
import path from "node:path";
import { generateSchemas, SCHEMAS_DIR } from "../../server/exercises/write-schemas";

const generated = generateSchemas();

test.each(Object.keys(generated))("docs/schemas/%s is up to date (run `npm run schemas` if not)", (name) => {
  expect(readFileSync(path.join(SCHEMAS_DIR, name), "utf8")).toBe(generated[name]);
});

test("the schemas describe the three files, with the fields authors write", () => {
  const exercise = JSON.parse(generated["exercise.schema.json"]!);
  expect(exercise.required).toEqual(expect.arrayContaining(["title", "summary", "difficulty", "file"]));
  // entry is needed only by call cases (issue 6: program cases and tests/ files do without).
  expect(exercise.required).not.toContain("entry");
  expect(Object.keys(exercise.properties)).toEqual(expect.arrayContaining(["limits", "source", "hints"]));
  expect(exercise.additionalProperties).toBe(false);
  const cases = JSON.parse(generated["cases.schema.json"]!);
  expect(cases.type).toBe("array");
  expect(cases.items.required).toEqual(expect.arrayContaining(["name"]));
  const set = JSON.parse(generated["set.schema.json"]!);
  expect(set.required).toEqual(["title"]);
  expect(Object.keys(set.properties)).toEqual(["title", "summary", "order", "concepts", "topics"]);
  expect(set.additionalProperties).toBe(false);
});
