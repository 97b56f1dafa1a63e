// OAuth2 access tokens for the LTI Advantage services (AGS, NRPS): the client-credentials grant with a JWT client
// assertion signed by the tool's current key (RFC 7523, as LTI Advantage's security framework asks), sent only to the
// token URL an admin registered for the platform.
import type { Database } from "../database/client";
import type { LtiPlatform } from "../database/generated/client";
import { signAsTool } from "./tool-keys";

const ASSERTION_TTL_SECONDS = 5 * 60;
const REQUEST_TIMEOUT_MS = 10_000;

export interface AccessToken {
  token: string;
  scopes: string[];
  expiresAt: Date;
}

export class AccessTokenError extends Error {}

export async function requestAccessToken(db: Database, platform: Pick<LtiPlatform, "clientId" | "tokenUrl">, scopes: string[]): Promise<AccessToken> {
  const assertion = await signAsTool(db, { sub: platform.clientId }, { issuer: platform.clientId, audience: platform.tokenUrl, expiresInSeconds: ASSERTION_TTL_SECONDS });
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
    scope: scopes.join(" "),
  });
  let res: Response;
  try {
    res = await fetch(platform.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (e) {
    throw new AccessTokenError(`The platform's token endpoint ${platform.tokenUrl} could not be reached (${(e as Error).message}).`);
  }
  const json = (await res.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown; scope?: unknown; error?: unknown; error_description?: unknown } | null;
  if (!res.ok || typeof json?.access_token !== "string") {
    throw new AccessTokenError(`The platform's token endpoint refused the tool (${res.status} ${String(json?.error ?? "")} ${String(json?.error_description ?? "")}).`.replace(/\s+\)/, ")"));
  }
  const expiresIn = typeof json.expires_in === "number" ? json.expires_in : 3600;
  return { token: json.access_token, scopes: typeof json.scope === "string" ? json.scope.split(" ").filter(Boolean) : scopes, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}
