// Every setting the platform reads from the environment, typed, with its default, in one place.
import os from "node:os";
import path from "node:path";
import { CONTAINER_MEMORY_HEADROOM_MB, DEFAULT_LIMITS } from "./grading/limits";
import { type PoolBounds, poolFloorFor, poolStartFor } from "./grading/pool-sizing";
import type { RateLimits } from "./http/auth-routes";

export interface PlatformConfig {
  /** PostgreSQL URL; without one, an embedded PostgreSQL runs from node_modules. */
  databaseUrl: string | undefined;
  embeddedDatabasePort: number;
  dataDir: string;
  exercisesDir: string;
  host: string;
  port: number;
  gradingConcurrency: number;
  /**
   * How many sandbox containers each grading process keeps started ahead of time: a few, more while submissions
   * come faster than they are replaced (up to what memory allows), or the fixed number TUTOR_CONTAINER_POOL gives.
   */
  containerPool: PoolBounds;
  /**
   * Whether `tutor serve` also grades (TUTOR_WORKER, default 1). Set TUTOR_WORKER=0 (or `serve --no-worker`) for
   * a web server only, when separate `tutor worker` processes take the queue.
   */
  runWorker: boolean;
  /** How long a worker's claim on a submission lasts without renewal; after a crash, the job resumes then. */
  leaseMs: number;
  secureCookies: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe when finding a client's address (for the per-address rate limits):
   * express's "trust proxy" value. TUTOR_TRUST_PROXY: "loopback" (the default), a list of addresses or subnets
   * such as "10.0.0.0/8", a number of hops, or "false".
   */
  trustProxy: string | number | boolean;
  rateLimits: RateLimits;
  tutorDailyRequests: number;
  tutorDailyModelAnswers: number;
  /** Runs one learner may step through in an hour (TUTOR_TRACES_PER_HOUR): each starts a container. */
  tracesPerHour: number;
  /**
   * How long a grade bound for an LMS gradebook (LTI) waits after a first failed send (TUTOR_LTI_SCORE_RETRY_MS);
   * the wait doubles with each failure in a row, up to an hour.
   */
  ltiScoreRetryMs: number;
}

const ROOT = path.resolve(__dirname, "..");

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "0" && raw !== "1") throw new Error(`${name} must be 1 (on) or 0 (off), not "${raw}"`);
  return raw === "1";
}

/** Memory kept for the server, PostgreSQL and Docker itself before counting what grading may use. */
const RESERVED_MEMORY_BYTES = 1024 * 1024 * 1024;

/**
 * One grading job per core (a container is capped at one CPU, and a case keeps it busy), and no more jobs than the
 * memory left after RESERVED_MEMORY_BYTES holds if every container used its whole cgroup limit (the learner's
 * memory plus the harness's headroom). At least one.
 */
export function defaultGradingConcurrency(totalMemoryBytes = os.totalmem(), cores = os.availableParallelism()): number {
  const perJobBytes = (DEFAULT_LIMITS.memoryMb + CONTAINER_MEMORY_HEADROOM_MB) * 1024 * 1024;
  const byMemory = Math.floor((totalMemoryBytes - RESERVED_MEMORY_BYTES) / perJobBytes);
  return Math.max(1, Math.min(cores, byMemory));
}

/** What an idle pooled container holds (its harness, fork server and first case process, and Docker's shim): 17 MB measured over 40. */
export const IDLE_CONTAINER_MB = 18;
/** The share of the machine's memory that idle pooled containers may hold at most. */
const POOL_MEMORY_SHARE = 0.1;
const MAX_POOL = 200;

/**
 * The most a demand-sized pool grows to: as many started containers as POOL_MEMORY_SHARE of the memory holds, up
 * to MAX_POOL, and never fewer than the grading slots need (poolFloorFor). A burst before a deadline is then graded
 * from containers started in quiet moments, without Docker's work for each one on the cores doing the grading.
 */
export function poolLimitByMemory(concurrency: number, totalMemoryBytes = os.totalmem()): number {
  const byMemory = Math.floor((totalMemoryBytes * POOL_MEMORY_SHARE) / (IDLE_CONTAINER_MB * 1024 * 1024));
  return Math.max(poolFloorFor(concurrency), Math.min(MAX_POOL, byMemory));
}

/**
 * From poolStartFor(concurrency) up to poolLimitByMemory, as demand asks (server/grading/pool-sizing.ts); `fixed`
 * (TUTOR_CONTAINER_POOL) holds it at that number instead, never below the floor.
 */
export function containerPoolBounds(concurrency: number, fixed: number | undefined, totalMemoryBytes = os.totalmem()): PoolBounds {
  const floor = poolFloorFor(concurrency);
  if (fixed !== undefined) return { floor, least: Math.max(floor, fixed), most: Math.max(floor, fixed) };
  const most = poolLimitByMemory(concurrency, totalMemoryBytes);
  return { floor, least: Math.min(poolStartFor(concurrency), most), most };
}

export function parseTrustProxy(raw: string | undefined): string | number | boolean {
  if (raw === undefined || raw.trim() === "") return "loopback";
  if (raw === "true" || raw === "false") return raw === "true";
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

export function readConfig(env = process.env): PlatformConfig {
  const gradingConcurrency = integer(env, "TUTOR_GRADING_CONCURRENCY", defaultGradingConcurrency()) || 1;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDatabasePort: integer(env, "TUTOR_EMBEDDED_DB_PORT", 54329),
    dataDir: path.resolve(env.TUTOR_DATA_DIR ?? path.join(ROOT, ".tutor-data")),
    exercisesDir: path.resolve(env.TUTOR_EXERCISES_DIR ?? path.join(ROOT, "exercises")),
    host: env.HOST ?? "127.0.0.1",
    port: integer(env, "PORT", 3000),
    gradingConcurrency,
    containerPool: containerPoolBounds(gradingConcurrency, env.TUTOR_CONTAINER_POOL ? integer(env, "TUTOR_CONTAINER_POOL", 0) : undefined),
    runWorker: onOff(env, "TUTOR_WORKER", true),
    leaseMs: integer(env, "TUTOR_LEASE_MS", 30_000),
    secureCookies: env.TUTOR_SECURE_COOKIES === "1",
    trustProxy: parseTrustProxy(env.TUTOR_TRUST_PROXY),
    rateLimits: {
      signInPerAccount: integer(env, "TUTOR_SIGNIN_PER_ACCOUNT", 10),
      signInPerAddress: integer(env, "TUTOR_SIGNIN_PER_ADDRESS", 300),
      signUpPerAddress: integer(env, "TUTOR_SIGNUP_PER_ADDRESS", 100),
    },
    tutorDailyRequests: integer(env, "TUTOR_DAILY_REQUESTS", 200),
    tutorDailyModelAnswers: integer(env, "TUTOR_MODEL_DAILY_BUDGET", 50),
    tracesPerHour: integer(env, "TUTOR_TRACES_PER_HOUR", 120),
    ltiScoreRetryMs: integer(env, "TUTOR_LTI_SCORE_RETRY_MS", 30_000),
  };
}
