// The Prisma client over node-postgres (no native query engine), and a check that turns "cannot connect"
// into a message that says what to do.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Database = PrismaClient;
export { Prisma } from "./generated/client";

export function connectDatabase(databaseUrl: string): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export class DatabaseUnavailableError extends Error {}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "57P01", "57P03", "3D000", "28P01", "28000"]);

/** True when an error means PostgreSQL cannot be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cause: unknown = e, depth = 0; cause && depth < 5; depth++) {
    const c = cause as { code?: string; name?: string; message?: string; cause?: unknown };
    if (c.code && CONNECTION_CODES.has(c.code)) return true;
    if (c.name === "DriverAdapterError" && /connect|terminat/i.test(String(c.message))) return true;
    if (/Can't reach database|ECONNREFUSED|Connection terminated/i.test(String(c.message))) return true;
    cause = c.cause;
  }
  return false;
}

export async function checkDatabaseReachable(db: Database, where: string): Promise<void> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (e) {
    throw new DatabaseUnavailableError(
      `PostgreSQL at ${where} cannot be reached (${(e as Error).message.split("\n")[0]}). Start it, or unset DATABASE_URL to use the embedded database.`,
    );
  }
}
