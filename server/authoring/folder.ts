// Reading an exercise folder's editable files, and writing a draft the safe way: into a staging copy of the
// folder under <exercises>/.authoring/ (the loader and `tutor check` skip folders starting with "."), loaded
// there by the real loader, and only then swapped in for the old folder. A draft that does not load never
// touches the exercise.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Exercise, ExerciseFolderError, type ExerciseProblem } from "../exercises/exercise";
import { loadExercise } from "../exercises/load";
import { EDITABLE_FILES, type EditableFiles } from "./draft";
import { STAGING_FOLDER } from "./paths";

export function readEditableFiles(dir: string): EditableFiles {
  const read = (file: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), "utf8") : null);
  return {
    "exercise.yaml": read("exercise.yaml") ?? "",
    "README.md": read("README.md") ?? "",
    "starter.py": read("starter.py") ?? "",
    "solution.py": read("solution.py") ?? "",
    "cases.yaml": read("cases.yaml"),
  };
}

/** A draft written out beside the exercises, as `<staging>/<set>/<slug>` so it loads with the exercise's own id. */
export interface StagedDraft {
  dir: string;
  /** Removes the staging copy (and the staging folder once nothing else is staged there). */
  discard(): void;
}

/**
 * Copies the exercise folder `from` (its tests/ and any other files come along; null for a new exercise) into a
 * staging folder and writes `files` over it.
 */
export function stageDraft(root: string, set: string, slug: string, files: EditableFiles, from: string | null): StagedDraft {
  const stagingParent = path.join(root, STAGING_FOLDER);
  mkdirSync(stagingParent, { recursive: true });
  const staging = mkdtempSync(path.join(stagingParent, "draft-"));
  const dir = path.join(staging, set, slug);
  if (from && existsSync(from)) cpSync(from, dir, { recursive: true });
  else mkdirSync(dir, { recursive: true });
  for (const name of EDITABLE_FILES) {
    const contents = files[name];
    if (contents !== null) writeFileSync(path.join(dir, name), contents);
  }
  return {
    dir,
    discard() {
      rmSync(staging, { recursive: true, force: true });
      try {
        rmdirSync(stagingParent);
      } catch {
        // Another draft is staged there right now; the last one out removes the folder.
      }
    },
  };
}

/** The staged draft as the platform would load it, or every problem the loader found (file, field, message). */
export function loadStaged(staged: StagedDraft): { exercise: Exercise | null; problems: ExerciseProblem[] } {
  try {
    return { exercise: loadExercise(staged.dir), problems: [] };
  } catch (e) {
    if (e instanceof ExerciseFolderError) return { exercise: null, problems: e.problems };
    throw e;
  }
}

/**
 * Puts the staged folder in place of `target`: the old folder is moved aside, the new one renamed in (two
 * renames on one file system), and the old one removed. If the second rename fails the old folder goes back.
 */
export function swapIn(staged: StagedDraft, target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const aside = `${staged.dir}.previous`;
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, aside);
  try {
    renameSync(staged.dir, target);
  } catch (e) {
    if (hadOld) renameSync(aside, target);
    throw e;
  }
}
