import { rmSync } from "node:fs";
import { dropDatabase } from "./database";
import type { EmbeddedForRun } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  const name = process.env.TUTOR_TEST_DATABASE_NAME;
  if (name) await dropDatabase(name);
  const embedded = (globalThis as { tutorEmbeddedDatabase?: EmbeddedForRun }).tutorEmbeddedDatabase;
  if (embedded) {
    await embedded.stop();
    rmSync(embedded.dataRoot, { recursive: true, force: true });
  }
}
