// Every setting the platform reads from the environment, typed, with its default, in one place.
import os from "node:os";
import path from "node:path";
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
  /** How long a worker's claim on a submission lasts without renewal; after a crash, the job resumes then. */
  leaseMs: number;
  secureCookies: boolean;
  rateLimits: RateLimits;
  tutorDailyRequests: number;
  tutorDailyModelAnswers: number;
}

const ROOT = path.resolve(__dirname, "..");

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

/** Grading is mostly waiting on containers, but each case can use a whole core: one job per core, at least one. */
export function defaultGradingConcurrency(): number {
  const byMemory = Math.floor(os.totalmem() / (512 * 1024 * 1024));
  return Math.max(1, Math.min(os.availableParallelism(), byMemory));
}

export function readConfig(env = process.env): PlatformConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDatabasePort: integer("TUTOR_EMBEDDED_DB_PORT", 54329),
    dataDir: path.resolve(env.TUTOR_DATA_DIR ?? path.join(ROOT, ".tutor-data")),
    exercisesDir: path.resolve(env.TUTOR_EXERCISES_DIR ?? path.join(ROOT, "exercises")),
    host: env.HOST ?? "127.0.0.1",
    port: integer("PORT", 3000),
    gradingConcurrency: integer("TUTOR_GRADING_CONCURRENCY", defaultGradingConcurrency()) || 1,
    leaseMs: integer("TUTOR_LEASE_MS", 30_000),
    secureCookies: env.TUTOR_SECURE_COOKIES === "1",
    rateLimits: {
      signInPerAccount: integer("TUTOR_SIGNIN_PER_ACCOUNT", 10),
      signInPerAddress: integer("TUTOR_SIGNIN_PER_ADDRESS", 300),
      signUpPerAddress: integer("TUTOR_SIGNUP_PER_ADDRESS", 100),
    },
    tutorDailyRequests: integer("TUTOR_DAILY_REQUESTS", 200),
    tutorDailyModelAnswers: integer("TUTOR_MODEL_DAILY_BUDGET", 50),
  };
}
