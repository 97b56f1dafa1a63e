// The tool's own RSA keys: generated on first need, kept in PostgreSQL so that every web server signs with the same
// one, and rotatable. /lti/jwks publishes the current key and those retired within RETIRED_KEYS_PUBLISHED_MS, so
// a platform that cached our JWKS, or holds a token signed just before a rotation, still verifies it.
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT, type JWTPayload } from "jose";
import type { Database, Prisma } from "../database/client";

export const TOOL_KEY_ALGORITHM = "RS256";
export const RETIRED_KEYS_PUBLISHED_MS = 7 * 24 * 3600 * 1000;

export interface ToolKeySummary {
  kid: string;
  createdAt: string;
  retiredAt: string | null;
}

async function createKey(db: Prisma.TransactionClient) {
  const { publicKey, privateKey } = await generateKeyPair(TOOL_KEY_ALGORITHM, { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOOL_KEY_ALGORITHM, use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOOL_KEY_ALGORITHM };
  return db.ltiToolKey.create({ data: { kid, publicJwk, privateJwk } });
}

/** The key that signs now: the newest one not retired, created if there is none yet. */
async function currentKey(db: Database) {
  const key = await db.ltiToolKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  return key ?? createKey(db);
}

/** Retires the current key and makes a new one; the retired key stays published for a week. */
export async function rotateToolKey(db: Database): Promise<ToolKeySummary> {
  return db.$transaction(async (tx) => {
    await tx.ltiToolKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
    return summary(await createKey(tx));
  });
}

const summary = (k: { kid: string; createdAt: Date; retiredAt: Date | null }): ToolKeySummary => ({
  kid: k.kid,
  createdAt: k.createdAt.toISOString(),
  retiredAt: k.retiredAt?.toISOString() ?? null,
});

/** The keys /lti/jwks publishes, current first. */
export async function publishedToolKeys(db: Database): Promise<{ keys: JWK[] }> {
  await currentKey(db);
  const keys = await db.ltiToolKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(Date.now() - RETIRED_KEYS_PUBLISHED_MS) } }] },
    orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return { keys: keys.map((k) => k.publicJwk as JWK) };
}

export async function listToolKeys(db: Database): Promise<ToolKeySummary[]> {
  await currentKey(db);
  return (await db.ltiToolKey.findMany({ orderBy: { createdAt: "desc" } })).map(summary);
}

/** Signs claims as the tool (deep linking responses, OAuth2 client assertions), with the current key's kid. */
export async function signAsTool(db: Database, claims: JWTPayload, options: { issuer: string; audience: string; expiresInSeconds: number }): Promise<string> {
  const key = await currentKey(db);
  const privateKey = await importJWK(key.privateJwk as JWK, TOOL_KEY_ALGORITHM);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOOL_KEY_ALGORITHM, kid: key.kid, typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds}s`)
    .setJti(randomUUID())
    .sign(privateKey);
}
