// Expired sessions, old rate-limit windows and LTI logins nobody finished are dead weight; any web server may sweep them, and sweeping
// twice is harmless.
import type { Database } from "../database/client";

const DAY_MS = 24 * 3600 * 1000;

export async function forgetExpiredAuthState(db: Database, now = new Date()): Promise<{ sessions: number; windows: number; ltiLogins: number }> {
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  // The longest window is an hour, so a day-old window cannot matter any more.
  const windows = await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - DAY_MS) } } });
  const ltiLogins = await db.ltiLoginState.deleteMany({ where: { expiresAt: { lte: now } } });
  return { sessions: sessions.count, windows: windows.count, ltiLogins: ltiLogins.count };
}

/** Sweeps now and then every hour, without keeping the process alive. */
export function sweepAuthStateHourly(db: Database, log: (line: string) => void): () => void {
  const sweep = () =>
    forgetExpiredAuthState(db).catch((e: unknown) => log(`could not sweep expired sessions: ${(e as Error).message.split("\n")[0]}`));
  void sweep();
  const timer = setInterval(sweep, 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
