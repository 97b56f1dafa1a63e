// The `:set/:slug` route parameters every exercise route shares: folder names as the loader accepts them.
import { z } from "zod";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Exercise } from "../exercises/exercise";
import { SLUG } from "../exercises/import-common";
import { notFound } from "./errors";

export const folderName = (what: string) => z.string().regex(SLUG, `${what} is a folder name: lower-case letters, digits, - and _`).max(100);
export const exerciseParams = z.object({ set: folderName("set"), slug: folderName("slug") });

/** The exercise a route's parameters name, or a 404 that names it. */
export function findExercise(catalog: ExerciseCatalog, params: unknown): Exercise {
  const { set, slug } = exerciseParams.parse(params);
  const exercise = catalog.get(`${set}/${slug}`);
  if (!exercise) throw notFound(`The exercise ${set}/${slug}`);
  return exercise;
}
