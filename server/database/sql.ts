// SQL fragments shared by the statements written by hand (where one statement replaces a Prisma transaction).
import { Prisma } from "./generated/client";

/**
 * The database's clock as the timestamp columns hold time: Prisma writes them in UTC (they carry no time zone),
 * so now() read in the server's TimeZone would be off by its offset wherever that is not UTC.
 */
export const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
