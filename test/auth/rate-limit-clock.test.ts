// Rate-limit windows on a PostgreSQL server whose time zone is not UTC: the window's start is stored in UTC like
// every timestamp column, so Retry-After says how long the window really has left.
import pg from "pg";
import { countAttempt } from "../../server/auth/rate-limit";
import { connectDatabase, type Database } from "../../server/database/client";
import { createMigratedDatabase, dropDatabase } from "../support/database";

const DATABASE = `tutor_rate_clock_${process.pid}`;
let db: Database;

beforeAll(async () => {
  const url = await createMigratedDatabase(DATABASE);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${DATABASE}" SET timezone = 'Asia/Tokyo'`);
  await admin.end();
  db = connectDatabase(url);
});
afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(DATABASE);
});

test("a refused attempt is told the window's real remaining time, whatever the database's time zone", async () => {
  const rule = { key: "signin:account:someone@example.org", limit: 1, windowMs: 60_000 };
  expect((await countAttempt(db, rule)).allowed).toBe(true);
  const refused = await countAttempt(db, rule);
  expect(refused.allowed).toBe(false);
  expect(refused.retryAfterSeconds).toBeGreaterThan(50);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  const stored = await db.rateLimitWindow.findUniqueOrThrow({ where: { key: rule.key } });
  expect(Math.abs(stored.windowStart.getTime() - Date.now())).toBeLessThan(60_000);
});
