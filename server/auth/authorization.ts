// The checks routes make about who is asking. Each throws an HttpError whose message says what to do, so a
// route reads as a list of requirements.
import type { Request } from "express";
import type { Role, User } from "../database/generated/client";
import { HttpError } from "../http/errors";
import type { Identity } from "./identity";

export function requireIdentity(req: Request): Identity {
  if (!req.identity) throw new HttpError(401, "no-identity", "Who is asking is unknown: enable cookies and reload the page.");
  return req.identity;
}

export function requireUser(req: Request): User {
  return requireIdentity(req).user;
}

export function requireAccount(req: Request): User {
  const identity = requireIdentity(req);
  if (!identity.signedIn) throw new HttpError(401, "sign-in", "Sign in (or sign up) first.");
  return identity.user;
}

export function requireRole(req: Request, ...roles: Role[]): User {
  const user = requireAccount(req);
  if (!roles.includes(user.role)) {
    throw new HttpError(403, "forbidden", `Only ${roles.join(" or ")} accounts may do this. Ask an admin if you need the role.`);
  }
  return user;
}

/** Instructors create courses and author exercises; admins can do anything an instructor can. */
export const requireInstructor = (req: Request) => requireRole(req, "instructor", "admin");


export const requireAdmin = (req: Request) => requireRole(req, "admin");
