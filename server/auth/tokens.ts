// Random bearer tokens for cookies, of which only a hash is stored, and the CSRF token derived from them.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isWellFormedToken(token: string | undefined): token is string {
  return token !== undefined && TOKEN_PATTERN.test(token);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The CSRF token is a MAC of the identity cookie under a fixed label: a page of this site can read it from our
 * responses, another site cannot read the cookie or our responses, so it cannot compute or learn it. Nothing
 * needs storing, and it changes whenever the identity does (sign-in, sign-out).
 */
export function csrfTokenFor(identityToken: string): string {
  return createHmac("sha256", identityToken).update("tutor csrf v1").digest("base64url");
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
