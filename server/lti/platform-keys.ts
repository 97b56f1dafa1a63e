// The platforms' signing keys, fetched from the JWKS URL an admin registered (never from a URL a token names) and
// cached per URL by jose. A token whose kid is not in the cache makes jose fetch the JWKS again, once: that is how a
// platform's key rotation is picked up. No cooldown between such refetches, because only a launch holding a live
// login state gets this far, so the fetches are bounded by the logins a registered platform starts.
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

const CACHE_MAX_AGE_MS = 10 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

export class PlatformKeys {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  forJwksUrl(jwksUrl: string): JWTVerifyGetKey {
    let set = this.sets.get(jwksUrl);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: CACHE_MAX_AGE_MS, cooldownDuration: 0, timeoutDuration: FETCH_TIMEOUT_MS });
      this.sets.set(jwksUrl, set);
    }
    return set;
  }
}
