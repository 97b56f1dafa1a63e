// Where an exercise's folder is, from names that arrive in a URL or a request body. Names are checked against
// the folder-name rule of the format before any path is built, and the result must still lie inside the
// exercises folder, so nothing a request says can reach another file.
import path from "node:path";
import { HttpError } from "../http/errors";
import { SLUG } from "../exercises/import-common";

/** Where drafts are staged: inside the exercises folder (same file system, so the swap is a rename). */
export const STAGING_FOLDER = ".authoring";

export function checkFolderName(name: string, what: "set" | "slug"): string {
  if (typeof name !== "string" || !SLUG.test(name) || name.length > 100) {
    throw new HttpError(400, "bad-name", `The ${what} "${String(name).slice(0, 100)}" is not a folder name: use lower-case letters, digits, - and _ (starting with a letter or digit), at most 100 characters.`);
  }
  return name;
}

/** The folder of exercise `<set>/<slug>` under `root`, refusing any name that is not a plain folder name. */
export function exerciseFolder(root: string, set: string, slug: string): string {
  const base = path.resolve(root);
  const dir = path.resolve(base, checkFolderName(set, "set"), checkFolderName(slug, "slug"));
  const relative = path.relative(base, dir);
  if (relative.startsWith("..") || path.isAbsolute(relative) || relative.split(path.sep).length !== 2) {
    throw new HttpError(400, "bad-name", "That exercise is outside the exercises folder.");
  }
  return dir;
}
