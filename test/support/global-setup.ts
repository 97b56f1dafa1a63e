// Before any test: a fresh migrated database for this run, and the runner image built once (not by every file).
// Without a PostgreSQL server at TEST_ADMIN_DATABASE_URL, a private embedded one is started for the run.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../../server/database/embedded";
import { connectDocker } from "../../server/grading/docker";
import { ensureRunnerImage } from "../../server/grading/runner-image";
import { ADMIN_DATABASE_URL, createMigratedDatabase } from "./database";

export interface EmbeddedForRun {
  stop(): Promise<void>;
  dataRoot: string;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function globalSetup(): Promise<void> {
  if (!(await reachable(ADMIN_DATABASE_URL))) {
    const port = 55000 + (process.pid % 1000);
    process.stderr.write(`PostgreSQL is not reachable at ${ADMIN_DATABASE_URL}: starting an embedded one on port ${port}\n`);
    const dataRoot = mkdtempSync(path.join(os.tmpdir(), "tutor-test-pg-"));
    const embedded = await startEmbeddedDatabase(dataRoot, port, (l) => process.stderr.write(`${l}\n`));
    (globalThis as { tutorEmbeddedDatabase?: EmbeddedForRun }).tutorEmbeddedDatabase = { stop: embedded.stop, dataRoot };
    const admin = new URL(embedded.url);
    admin.pathname = "/postgres";
    process.env.TEST_ADMIN_DATABASE_URL = admin.toString();
  }
  const name = `tutor_test_${process.pid}_${Date.now().toString(36)}`;
  process.env.TUTOR_TEST_DATABASE_NAME = name;
  // Every test platform (and every server a test spawns) would otherwise keep a pool sized for this machine's memory.
  process.env.TUTOR_CONTAINER_POOL ??= "4";
  process.env.DATABASE_URL = await createMigratedDatabase(name);
  await ensureRunnerImage(connectDocker(), (line) => {
    if (!line.startsWith("  ")) process.stderr.write(`runner image: ${line}\n`);
  });
}
