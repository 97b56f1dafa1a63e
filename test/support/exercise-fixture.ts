// Builds throwaway exercise folders for tests, so each test states exactly the exercise it grades.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadExercise } from "../../server/exercises/load";
import type { Exercise } from "../../server/exercises/exercise";

export interface FixtureFiles {
  exerciseYaml?: string;
  readme?: string;
  starter?: string;
  solution: string;
  /** cases.yaml; left out of the folder when undefined. */
  casesYaml?: string;
  /** Files for the exercise's tests/ folder, by name. */
  tests?: Record<string, string>;
}

export function writeExerciseFolder(files: FixtureFiles, slug = "fixture"): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "tutor-ex-"));
  const dir = path.join(root, "tests", slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "exercise.yaml"),
    files.exerciseYaml ?? "title: Fixture\nsummary: A test exercise.\ndifficulty: 1\nconcepts: []\nfile: answer.py\nentry: answer\n",
  );
  writeFileSync(path.join(dir, "README.md"), files.readme ?? "# Fixture\n");
  writeFileSync(path.join(dir, "starter.py"), files.starter ?? "def answer():\n    pass\n");
  writeFileSync(path.join(dir, "solution.py"), files.solution);
  if (files.casesYaml !== undefined) writeFileSync(path.join(dir, "cases.yaml"), files.casesYaml);
  if (files.tests) {
    mkdirSync(path.join(dir, "tests"));
    for (const [name, source] of Object.entries(files.tests)) writeFileSync(path.join(dir, "tests", name), source);
  }
  return dir;
}

export function fixtureExercise(files: FixtureFiles, slug?: string): Exercise {
  return loadExercise(writeExerciseFolder(files, slug));
}
