// Routes for accounts (docs/api.md, "Accounts"): who am I, sign up, sign in, sign out, change password, and the
// admin's role changes. Sign-up and sign-in are rate-limited per address and per account.
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { AccountError, accountView, changePassword, displayNameSchema, emailSchema, newPasswordSchema, setRole, signIn, signUp } from "../auth/accounts";
import { requireAccount, requireAdmin, requireIdentity } from "../auth/authorization";
import { cookieOptions, LEARNER_COOKIE, SESSION_COOKIE } from "../auth/identity";
import { countAttempt, type RateRule } from "../auth/rate-limit";
import { endSession, SESSION_TTL_MS, startSession } from "../auth/sessions";
import { csrfTokenFor, readCookie } from "../auth/tokens";
import type { Database } from "../database/client";
import { HttpError, notFound } from "./errors";

export interface RateLimits {
  /** Sign-in attempts per account (and address) per 15 minutes: what stops guessing one password. */
  signInPerAccount: number;
  /** Sign-in attempts per address per 15 minutes: a whole class may share one address, so it is generous. */
  signInPerAddress: number;
  /** Sign-ups per address per hour. */
  signUpPerAddress: number;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const signUpBody = z.object({ email: emailSchema, password: newPasswordSchema, displayName: displayNameSchema.optional() }).strict();
const signInBody = z.object({ email: emailSchema, password: z.string({ error: "password must be a string" }).max(1000) }).strict();
const passwordBody = z.object({ currentPassword: z.string({ error: "currentPassword must be a string" }).max(1000), newPassword: newPasswordSchema }).strict();
const roleBody = z.object({ role: z.enum(["learner", "instructor", "admin"], { error: "role is learner, instructor or admin" }) }).strict();
const userParams = z.object({ id: z.uuid("a user id is a UUID") });

async function enforce(db: Database, rules: RateRule[], what: string) {
  for (const rule of rules) {
    const verdict = await countAttempt(db, rule);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
      throw new HttpError(429, "rate-limited", `Too many ${what} attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, { retryAfterSeconds: verdict.retryAfterSeconds });
    }
  }
}

export function authRoutes(db: Database, limits: RateLimits, secureCookies: boolean): Router {
  const router = Router();

  const beginSession = async (res: Response, userId: string) => {
    const token = await startSession(db, userId);
    res.cookie(SESSION_COOKIE, token, cookieOptions(secureCookies, SESSION_TTL_MS));
    res.setHeader("X-CSRF-Token", csrfTokenFor(token));
    return token;
  };
  // Password attempts on one account, by sign-in or by a password change: both are ways to guess it.
  const guessesOn = (email: string): RateRule => ({ key: `signin:account:${email}`, limit: limits.signInPerAccount, windowMs: QUARTER_HOUR_MS });
  const accountError = (e: unknown) => {
    if (e instanceof AccountError) return new HttpError(e.code === "email-taken" ? 409 : e.code === "bad-credentials" ? 401 : 404, e.code, e.message);
    return e;
  };

  router.get("/me", (req, res) => {
    const identity = requireIdentity(req);
    res.json({ user: accountView(identity.user, identity.signedIn), csrfToken: csrfTokenFor(identity.token) });
  });

  router.post("/auth/signup", async (req: Request, res: Response) => {
    const identity = requireIdentity(req);
    if (identity.signedIn) throw new HttpError(409, "signed-in", "You are signed in already: sign out first to make another account.");
    await enforce(db, [{ key: `signup:ip:${req.ip}`, limit: limits.signUpPerAddress, windowMs: HOUR_MS }], "sign-up");
    const body = signUpBody.parse(req.body);
    const user = await signUp(db, body, identity.user).catch((e: unknown) => {
      throw accountError(e);
    });
    const claimed = user.id === identity.user.id;
    if (claimed) res.clearCookie(LEARNER_COOKIE, { path: "/" });
    const token = await beginSession(res, user.id);
    res.status(201).json({ user: accountView(user, true), csrfToken: csrfTokenFor(token), claimedProgress: claimed });
  });

  router.post("/auth/signin", async (req, res) => {
    const body = signInBody.parse(req.body);
    await enforce(
      db,
      [
        { key: `signin:ip:${req.ip}`, limit: limits.signInPerAddress, windowMs: QUARTER_HOUR_MS },
        guessesOn(body.email),
      ],
      "sign-in",
    );
    const user = await signIn(db, body.email, body.password).catch((e: unknown) => {
      throw accountError(e);
    });
    // A session token the browser held before is replaced, never reused (no session fixation).
    await endSession(db, readCookie(req.headers.cookie, SESSION_COOKIE));
    const token = await beginSession(res, user.id);
    res.json({ user: accountView(user, true), csrfToken: csrfTokenFor(token) });
  });

  router.post("/auth/signout", async (req, res) => {
    await endSession(db, readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.json({ signedOut: true });
  });

  router.post("/auth/password", async (req, res) => {
    const user = requireAccount(req);
    const body = passwordBody.parse(req.body);
    // A stolen session must not become a way to guess the password.
    await enforce(db, [guessesOn(user.email!)], "password");
    const updated = await changePassword(db, user, body.currentPassword, body.newPassword).catch((e: unknown) => {
      // 403, not 401: the one asking is signed in, and stays so.
      throw e instanceof AccountError ? new HttpError(403, "wrong-password", e.message) : e;
    });
    // Every session ended with the old password, this one too; the browser that changed it gets a new one.
    const token = await beginSession(res, updated.id);
    res.json({ user: accountView(updated, true), csrfToken: csrfTokenFor(token) });
  });

  router.get("/admin/users", async (req, res) => {
    requireAdmin(req);
    const users = await db.user.findMany({ where: { email: { not: null } }, orderBy: { createdAt: "asc" } });
    res.json({ users: users.map((u) => ({ ...accountView(u, false), createdAt: u.createdAt.toISOString() })) });
  });

  router.post("/admin/users/:id/role", async (req, res) => {
    const admin = requireAdmin(req);
    const { id } = userParams.parse(req.params);
    const { role } = roleBody.parse(req.body);
    if (id === admin.id) throw new HttpError(409, "own-role", "You cannot change your own role; ask another admin (or use `npx tutor admin create`).");
    const user = await setRole(db, id, role).catch((e: unknown) => {
      if (e instanceof AccountError) throw notFound("The account");
      throw e;
    });
    res.json({ user: accountView(user, false) });
  });

  return router;
}
