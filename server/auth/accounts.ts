// Accounts: signing up (which turns the anonymous learner asking into the account, keeping their progress),
// signing in, and the roles only an admin or the command line may change.
import { z } from "zod";
import { Prisma, type Database } from "../database/client";
import type { Role, User } from "../database/generated/client";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyAgainstDecoy, verifyPassword } from "./passwords";

export class AccountError extends Error {
  constructor(
    readonly code: "email-taken" | "bad-credentials" | "not-found",
    message: string,
  ) {
    super(message);
  }
}

export const emailSchema = z
  .string({ error: "email must be a string" })
  .trim()
  .max(254, "an email address has at most 254 characters")
  .pipe(z.email("this is not an email address"))
  .transform((e) => e.toLowerCase());

export const newPasswordSchema = z
  .string({ error: "password must be a string" })
  .min(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `a password has at most ${MAX_PASSWORD_LENGTH} characters`);

export const displayNameSchema = z.string().trim().min(1, "a name cannot be empty").max(80, "a name has at most 80 characters");

export interface NewAccount {
  email: string;
  password: string;
  displayName?: string;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
const emailTaken = () => new AccountError("email-taken", "An account with this email already exists: sign in instead.");

/**
 * Creates an account. When the one asking is an anonymous learner, their row becomes the account, so every
 * submission, hint and bit of progress they made stays theirs; the anonymous cookie stops working.
 */
export async function signUp(db: Database, account: NewAccount, anonymous: User | null): Promise<User> {
  const data = { email: account.email, passwordHash: await hashPassword(account.password), displayName: account.displayName ?? null };
  try {
    if (anonymous && !anonymous.email) {
      return await db.user.update({ where: { id: anonymous.id }, data: { ...data, anonTokenHash: null } });
    }
    return await db.user.create({ data: { ...data, role: "learner" } });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

export async function signIn(db: Database, email: string, password: string): Promise<User> {
  const user = await db.user.findUnique({ where: { email } });
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  // One message for an unknown email and a wrong password, so the form does not reveal who has an account.
  if (!ok || !user) throw new AccountError("bad-credentials", "The email or the password is wrong.");
  return user;
}

/** The command line's way in: creates the account with this role, or gives an existing account the role. */
export async function ensureAccountWithRole(db: Database, email: string, password: string | null, role: Role): Promise<{ user: User; created: boolean }> {
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    const user = await db.user.update({ where: { id: existing.id }, data: { role, ...(password ? { passwordHash: await hashPassword(password) } : {}) } });
    return { user, created: false };
  }
  if (!password) throw new AccountError("not-found", `There is no account for ${email}; give a password to create one.`);
  const user = await db.user.create({ data: { email, passwordHash: await hashPassword(password), role } });
  return { user, created: true };
}

/** Sets an account's password and ends every session of it: whoever knew the old one is signed out too. */
async function replacePassword(db: Database, userId: string, password: string): Promise<User> {
  const [updated] = await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } }),
    db.session.deleteMany({ where: { userId } }),
  ]);
  return updated;
}

/** A new password set from the command line (a forgotten one); every session of the account ends. */
export async function resetPassword(db: Database, email: string, password: string): Promise<User> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw new AccountError("not-found", `There is no account for ${email}.`);
  return replacePassword(db, user.id, password);
}

/** A signed-in user's new password, given the current one; every session of the account ends (the caller starts one). */
export async function changePassword(db: Database, user: User, currentPassword: string, newPassword: string): Promise<User> {
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AccountError("bad-credentials", "Your current password is wrong, so the password was not changed.");
  }
  return replacePassword(db, user.id, newPassword);
}

export async function setRole(db: Database, userId: string, role: Role): Promise<User> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user?.email) throw new AccountError("not-found", "There is no account with this id (anonymous learners have no role to change).");
  return db.user.update({ where: { id: userId }, data: { role } });
}

/** What any page may show about the one asking. */
export function accountView(user: User, signedIn: boolean) {
  return { id: user.id, role: user.role, email: user.email, displayName: user.displayName, signedIn };
}
