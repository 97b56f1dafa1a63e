// Exercises edited in the browser change folders on disk in one process, but every web server and worker holds
// its own catalog. The saving process announces the change through PostgreSQL (NOTIFY), and every process that
// follows the feed reads its folders again, so no one serves or grades the old version until a restart.
// (Processes on other machines see the change only if they share the exercises folder: docs/scaling.md.)
import pg from "pg";
import type { Database } from "../database/client";
import type { ExerciseCatalog } from "./catalog";

export const EXERCISES_CHANNEL = "tutor_exercises_changed";
const RECONNECT_MS = 5000;

export async function announceExerciseChange(db: Database, exerciseId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${EXERCISES_CHANNEL}, ${exerciseId})`;
}

/** Reloads `catalog` on every announced change until the returned function is called. */
export function followExerciseChanges(databaseUrl: string, catalog: ExerciseCatalog, log: (line: string) => void): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => {
      const errors = catalog.reload();
      log(`exercises reloaded after a change to ${message.payload ?? "an exercise"}${errors.length ? ` (${errors.length} folder(s) skipped)` : ""}`);
    });
    next.on("error", () => {
      // Losing the connection only delays reloads: reconnect and read the folders once, in case a change was missed.
      if (stopped) return;
      client = null;
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect().then(() => catalog.reload()), RECONNECT_MS);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EXERCISES_CHANNEL}`);
      client = next;
    } catch (e) {
      await next.end().catch(() => undefined);
      if (!stopped) {
        log(`cannot follow exercise changes (${(e as Error).message}); retrying`);
        retry = setTimeout(() => void connect(), RECONNECT_MS);
      }
    }
  };
  const ready = connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await ready;
    await client?.end().catch(() => undefined);
  };
}
