// Signed-in sessions, stored in PostgreSQL so that any web server can check any session and signing out ends
// it everywhere. The cookie carries a random token; the row keeps its hash.
import type { Database } from "../database/client";
import type { User } from "../database/generated/client";
import { hashToken, isWellFormedToken, newToken } from "./tokens";

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
// Sliding expiry without a write per request: the session is extended at most once per interval.
const TOUCH_INTERVAL_MS = 3600 * 1000;

export async function startSession(db: Database, userId: string): Promise<string> {
  const token = newToken();
  await db.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
  return token;
}

export async function userForSession(db: Database, token: string | undefined): Promise<User | null> {
  if (!isWellFormedToken(token)) return null;
  // The session and its user in one round trip (Prisma's include takes two): every signed-in request and socket
  // connection waits for this.
  const rows = await db.$queryRaw<(User & { sessionId: string; sessionLastSeenAt: Date; sessionExpiresAt: Date })[]>`
    SELECT u.*, s.id AS "sessionId", s."lastSeenAt" AS "sessionLastSeenAt", s."expiresAt" AS "sessionExpiresAt"
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s."tokenHash" = ${hashToken(token)}`;
  if (!rows[0]) return null;
  const { sessionId, sessionLastSeenAt, sessionExpiresAt, ...user } = rows[0];
  const now = Date.now();
  if (sessionExpiresAt.getTime() <= now) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now - sessionLastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_TTL_MS) } });
  }
  return user;
}

export async function endSession(db: Database, token: string | undefined): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}
