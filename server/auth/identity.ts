// Who is asking. A signed-in user is found from the session cookie; anyone else is an anonymous learner, a
// random token in a second cookie (created on the first visit), so that beginners can start without an account
// and claim their progress when they sign up. Routes and sockets resolve identity here and nowhere else.
import type { NextFunction, Request, Response } from "express";
import type { Database } from "../database/client";
import type { User } from "../database/generated/client";
import { userForSession } from "./sessions";
import { csrfTokenFor, hashToken, isWellFormedToken, newToken, readCookie, sameToken } from "./tokens";

export const LEARNER_COOKIE = "tutor_learner";
export const SESSION_COOKIE = "tutor_session";
export const CSRF_HEADER = "x-csrf-token";
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

export interface Identity {
  user: User;
  /** The cookie value that identifies this request: the session's token, or the anonymous learner's. */
  token: string;
  signedIn: boolean;
}

declare module "express-serve-static-core" {
  interface Request {
    identity?: Identity;
  }
}

async function anonymousLearner(db: Database, token: string | undefined): Promise<User | null> {
  if (!isWellFormedToken(token)) return null;
  return db.user.findUnique({ where: { anonTokenHash: hashToken(token) } });
}

/** The identity a cookie header carries, without creating anything: what sockets and the middleware share. */
export async function identityFromCookies(db: Database, cookieHeader: string | undefined): Promise<Identity | null> {
  const sessionToken = readCookie(cookieHeader, SESSION_COOKIE);
  const user = await userForSession(db, sessionToken);
  if (user && sessionToken) return { user, token: sessionToken, signedIn: true };
  const learnerToken = readCookie(cookieHeader, LEARNER_COOKIE);
  const learner = await anonymousLearner(db, learnerToken);
  if (learner && learnerToken) return { user: learner, token: learnerToken, signedIn: false };
  return null;
}

export function cookieOptions(secure: boolean, maxAge: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure, maxAge, path: "/" };
}

const isSafeMethod = (method: string) => method === "GET" || method === "HEAD" || method === "OPTIONS";

/**
 * Resolves the identity, creating an anonymous learner on a first visit; a first visit cannot be a
 * state-changing request, since those need the CSRF token that only a page of this site has read. Every
 * response carries the identity's CSRF token in a header, so the client always has the current one.
 */
export function identify(db: Database, secureCookies: boolean) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      let identity = await identityFromCookies(db, req.headers.cookie);
      if (!identity && isSafeMethod(req.method)) {
        const token = newToken();
        const user = await db.user.create({ data: { role: "learner", anonTokenHash: hashToken(token) } });
        res.cookie(LEARNER_COOKIE, token, cookieOptions(secureCookies, ONE_YEAR_MS));
        identity = { user, token, signedIn: false };
      }
      if (identity) {
        req.identity = identity;
        res.setHeader("X-CSRF-Token", csrfTokenFor(identity.token));
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

/**
 * The CSRF defence for state-changing requests: the request must come from this site's own pages (Origin),
 * carry a JSON body (a cross-site form cannot send one without a CORS preflight, which we never grant), and
 * carry the CSRF token of the identity whose cookie came with it.
 */
export function requireSameOriginAndCsrf(req: Request, res: Response, next: NextFunction) {
  if (isSafeMethod(req.method)) return next();
  const origin = req.headers.origin;
  if (origin) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.headers.host) return refuse(res, 403, "cross-origin", "This request came from another site and was refused.");
  }
  if (!req.is("application/json")) return refuse(res, 415, "content-type", "Send the request body as JSON (Content-Type: application/json).");
  const sent = req.headers[CSRF_HEADER];
  if (!req.identity || typeof sent !== "string" || !sameToken(sent, csrfTokenFor(req.identity.token))) {
    return refuse(res, 403, "csrf", "This request lacks a valid CSRF token: reload the page and try again.");
  }
  next();
}
