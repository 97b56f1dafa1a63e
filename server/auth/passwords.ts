// Password hashing with argon2id (the library's defaults: 64 MiB, 3 passes, parallelism 4) and the rules a
// new password must meet. Length is the rule that matters; composition rules only push people to patterns.
import argon2 from "argon2";

export const MIN_PASSWORD_LENGTH = 10;
// argon2 hashes any length, but a megabyte "password" is a cheap way to make the server hash for nothing.
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the email is unknown keeps the response time from telling which
// emails have accounts.
let decoyHash: Promise<string> | null = null;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy password that matches nothing");
  await verifyPassword(await decoyHash, password);
  return false;
}
