// For tests of authoring: a copy of exercises/ in a temp folder (so saving never touches the real one) and a
// signed-in instructor.
import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Platform } from "../../server/platform";
import { type LearnerClient, signedUpPerson } from "./platform";

export const EXERCISES_DIR = path.resolve(__dirname, "../../exercises");

/** A throwaway copy of exercises/ to serve and edit. */
export function copyOfExercises(): string {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), "tutor-authoring-")), "exercises");
  cpSync(EXERCISES_DIR, root, { recursive: true });
  return root;
}

/** A new instructor account, signed in. */
export async function signedInInstructor(platform: Platform): Promise<LearnerClient> {
  return (await signedUpPerson(platform, "instructor")).client;
}
