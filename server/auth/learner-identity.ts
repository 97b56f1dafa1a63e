// Who is asking. Until accounts exist, a learner is an anonymous identity: a random token in an httpOnly,
// SameSite cookie, of which only a hash is stored. Every route and socket resolves the learner through here.
import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Database } from "../database/client";
import type { User } from "../database/generated/client";

export const LEARNER_COOKIE = "tutor_learner";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

declare module "express-serve-static-core" {
  interface Request {
    learner?: User;
  }
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

export async function learnerForToken(db: Database, token: string | undefined): Promise<User | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  return db.user.findUnique({ where: { anonTokenHash: hashToken(token) } });
}

/** Resolves the learner from the cookie, creating an anonymous one (and its cookie) on the first visit. */
export function identifyLearner(db: Database, secureCookies: boolean) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const existing = await learnerForToken(db, readCookie(req.headers.cookie, LEARNER_COOKIE));
      if (existing) {
        req.learner = existing;
        return next();
      }
      const token = randomBytes(32).toString("base64url");
      req.learner = await db.user.create({ data: { role: "learner", anonTokenHash: hashToken(token) } });
      res.cookie(LEARNER_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: secureCookies, maxAge: ONE_YEAR_MS, path: "/" });
      next();
    } catch (e) {
      next(e);
    }
  };
}

/**
 * Refuses state-changing requests from other origins. Together with SameSite cookies and JSON-only bodies
 * (which a cross-site form cannot send without a CORS preflight), this is the CSRF defence for now.
 */
export function requireSameOrigin(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.headers.origin;
  if (origin) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.headers.host) {
      res.status(403).json({ error: { code: "cross-origin", message: "This request came from another site and was refused." } });
      return;
    }
  }
  if (!req.is("application/json")) {
    res.status(415).json({ error: { code: "content-type", message: "Send the request body as JSON (Content-Type: application/json)." } });
    return;
  }
  next();
}
