// Calls to an LMS's LTI Advantage services (AGS scores and line items, NRPS memberships) with an OAuth2 access token
// from access-token.ts, kept per platform and scope set until shortly before it expires, so a busy sender asks the
// token endpoint once an hour rather than once a score. A service that answers 401 (the LMS revoked or expired the
// token early) gets one more try with a fresh token.
import type { Database } from "../database/client";
import type { LtiPlatform } from "../database/generated/client";
import { type AccessToken, requestAccessToken } from "./access-token";
import { platformUrl } from "./platforms";

export const SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

/** A token is dropped this long before the LMS said it expires, so it never expires on the way. */
const EXPIRY_MARGIN_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** A service call that did not succeed: `status` is the LMS's answer, or null when it could not be reached. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

type ServicePlatform = Pick<LtiPlatform, "id" | "clientId" | "tokenUrl">;

export class ServiceTokens {
  private readonly cache = new Map<string, Promise<AccessToken>>();

  constructor(private readonly db: Database) {}

  private key(platform: ServicePlatform, scopes: string[]) {
    return `${platform.id} ${[...scopes].sort().join(" ")}`;
  }

  /** A token for these scopes: the cached one while it is good, else a new one (one request shared by concurrent callers). */
  async token(platform: ServicePlatform, scopes: string[]): Promise<string> {
    const key = this.key(platform, scopes);
    const cached = this.cache.get(key);
    if (cached) {
      const token = await cached.catch(() => null);
      if (token && token.expiresAt.getTime() - EXPIRY_MARGIN_MS > Date.now()) return token.token;
      if (this.cache.get(key) === cached) this.cache.delete(key);
    }
    const fresh = requestAccessToken(this.db, platform, scopes);
    this.cache.set(key, fresh);
    fresh.catch(() => this.cache.get(key) === fresh && this.cache.delete(key));
    return (await fresh).token;
  }

  forget(platform: ServicePlatform, scopes: string[]): void {
    this.cache.delete(this.key(platform, scopes));
  }

  /**
   * A request to a service URL the LMS gave in a launch, with a bearer token for `scopes`. Refuses a URL that would
   * send the token in the clear (plain http beyond loopback). Throws ServiceError unless the answer is 2xx.
   */
  async call(platform: ServicePlatform, scopes: string[], url: string, init: { method?: string; accept: string; contentType?: string; body?: string }): Promise<Response> {
    const checked = platformUrl("the service URL").safeParse(url);
    if (!checked.success) throw new ServiceError(`The LMS's service URL ${url} is not https (or http on loopback), so no token is sent to it.`, null);
    const send = async () => {
      let token: string;
      try {
        token = await this.token(platform, scopes);
      } catch (e) {
        throw new ServiceError((e as Error).message, null);
      }
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: init.accept };
      if (init.contentType) headers["content-type"] = init.contentType;
      try {
        return await fetch(url, { method: init.method ?? "GET", headers, body: init.body, redirect: "error", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch (e) {
        throw new ServiceError(`The LMS at ${new URL(url).origin} could not be reached (${(e as Error).message}).`, null);
      }
    };
    let res = await send();
    if (res.status === 401) {
      this.forget(platform, scopes);
      res = await send();
    }
    if (!res.ok) {
      const text = (await res.text().catch(() => "")).slice(0, 300).replace(/\s+/g, " ").trim();
      throw new ServiceError(`The LMS answered ${res.status} to ${init.method ?? "GET"} ${url}${text ? `: ${text}` : ""}.`, res.status);
    }
    return res;
  }
}
