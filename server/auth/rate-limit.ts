// Fixed-window rate limits counted in PostgreSQL, so that every web server behind a load balancer shares them.
import type { Database } from "../database/client";
import { NOW_UTC } from "../database/sql";

export interface RateRule {
  /** What is counted, e.g. "signin:ip:127.0.0.1". */
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the window resets; what a Retry-After header says. */
  retryAfterSeconds: number;
}

/** Counts one attempt against the rule, in one statement, so concurrent requests cannot both slip under it. */
export async function countAttempt(db: Database, rule: RateRule): Promise<RateVerdict> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${rule.key}, ${NOW_UTC}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitWindow"."windowStart" < ${NOW_UTC} - make_interval(secs => ${rule.windowMs / 1000}::float8) THEN 1 ELSE "RateLimitWindow"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitWindow"."windowStart" < ${NOW_UTC} - make_interval(secs => ${rule.windowMs / 1000}::float8) THEN ${NOW_UTC} ELSE "RateLimitWindow"."windowStart" END
    RETURNING "count", "windowStart"`;
  const { count, windowStart } = rows[0]!;
  const resetsAt = windowStart.getTime() + rule.windowMs;
  return { allowed: count <= rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000)) };
}
