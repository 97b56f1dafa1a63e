// Test databases: each run creates its own database on the PostgreSQL server and drops it afterwards.
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// Read at call time: global setup may switch to an embedded server after this module loaded.
const adminUrl = () => process.env.TEST_ADMIN_DATABASE_URL ?? ADMIN_DATABASE_URL;

export function databaseUrlFor(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createMigratedDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(name);
  const root = path.resolve(__dirname, "../..");
  const migrated = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/database/migrate-cli.ts", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (migrated.status !== 0) throw new Error(`migrations failed on ${name}: ${migrated.stderr || migrated.stdout}`);
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
