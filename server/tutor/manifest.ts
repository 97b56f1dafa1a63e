// The manifests the server shares with the analysis tool in the sandbox image: JSON files in
// runner-image/tutor_analysis/manifests/ (inside the image's build context, so the tool reads the very same file),
// each an ordered list of entries whose ids name one module on each side. A registry here reads its manifest and
// loads the module named after each id from its own folder, so no list of ids is kept in code. The analysis
// tool's side of this is runner-image/tutor_analysis/manifest.py.
import path from "node:path";
import { z } from "zod";

export const MANIFESTS_DIR = "runner-image/tutor_analysis/manifests";

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** What every manifest entry has: a kebab-case id (its module is `<id>.ts` here) and a title for people. */
export const manifestEntrySchema = z.object({
  id: z.string().regex(ID, "must be kebab-case, such as off-by-one"),
  title: z.string().trim().min(1, "must not be empty"),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

const manifestSchema = z.object({ about: z.string(), entries: z.array(manifestEntrySchema).min(1) });

/** The entries of manifest `name` (already read as JSON), in order, after checking them. */
export function manifestEntries(name: string, json: unknown): ManifestEntry[] {
  const file = `${MANIFESTS_DIR}/${name}.json`;
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".") || "the file"} ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const { id } of parsed.data.entries) {
    if (seen.has(id)) throw new Error(`${file}: the id ${id} is listed twice`);
    seen.add(id);
  }
  return parsed.data.entries;
}

/**
 * For each entry, the default export of `<dir>/<id>.ts`, which `isModule` must accept. Loaded by name, so a new
 * entry needs only its file; a missing or malformed file stops the server at start with a message naming it.
 */
export function modulesNamedByEntries<T>(entries: readonly ManifestEntry[], dir: string, isModule: (x: unknown) => x is T, what: string): T[] {
  return entries.map(({ id }) => {
    const file = path.join(dir, `${id}.ts`);
    let exported: unknown;
    try {
      exported = (require(path.join(dir, id)) as { default?: unknown }).default;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((e as Error).message).includes(path.join(dir, id))) {
        throw new Error(`${file} is missing: every id of the manifest needs its own module`);
      }
      throw e;
    }
    if (!isModule(exported)) throw new Error(`${file} must \`export default\` ${what}`);
    return exported;
  });
}
