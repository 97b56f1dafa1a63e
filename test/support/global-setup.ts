// Before any test: a fresh migrated database for this run, and the runner image built once (not by every file).
import { connectDocker } from "../../server/grading/docker";
import { ensureRunnerImage } from "../../server/grading/runner-image";
import { createMigratedDatabase } from "./database";

export default async function globalSetup(): Promise<void> {
  const name = `tutor_test_${process.pid}_${Date.now().toString(36)}`;
  process.env.TUTOR_TEST_DATABASE_NAME = name;
  process.env.DATABASE_URL = await createMigratedDatabase(name);
  await ensureRunnerImage(connectDocker(), (line) => process.stderr.write(`runner image: ${line}\n`));
}
