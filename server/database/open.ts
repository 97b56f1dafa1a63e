// Opens the platform's database the same way for every command: DATABASE_URL if set, otherwise the embedded
// PostgreSQL; then pending migrations, then a reachability check that says what to do when it fails.
import type { PlatformConfig } from "../config";
import { checkDatabaseReachable, connectDatabase, type Database } from "./client";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded";
import { applyMigrations } from "./migrate";

export interface OpenDatabase {
  db: Database;
  url: string;
  close(): Promise<void>;
}

export async function openDatabase(config: PlatformConfig, log: (line: string) => void): Promise<OpenDatabase> {
  let server: EmbeddedDatabase = { url: config.databaseUrl ?? "", stop: async () => undefined };
  if (!config.databaseUrl) {
    log("DATABASE_URL is not set: starting the embedded PostgreSQL");
    server = await startEmbeddedDatabase(config.dataDir, config.embeddedDatabasePort, log);
  }
  const applied = await applyMigrations(server.url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  const db = connectDatabase(server.url);
  await checkDatabaseReachable(db, server.url.replace(/\/\/[^@]*@/, "//"));
  return {
    db,
    url: server.url,
    async close() {
      await db.$disconnect();
      await server.stop();
    },
  };
}
