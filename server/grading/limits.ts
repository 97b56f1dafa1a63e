// Sandbox limits: the defaults, and how an exercise's own limits override them. docs/sandbox.md explains each.
export interface SandboxLimits {
  /** Wall-clock budget of one case, enforced by the harness and, as a backstop, by RLIMIT_CPU. */
  caseTimeoutMs: number;
  /** Wall-clock budget of all cases together; the container is killed from outside shortly after. */
  totalTimeoutMs: number;
  /** Memory for the learner's code (RLIMIT_AS); the container's cgroup allows a little more for the harness. */
  memoryMb: number;
  pids: number;
  cpus: number;
  /** Size of /tmp, the only writable place in the container. */
  tmpfsMb: number;
  /** What one case may print to stdout and stderr together. */
  outputBytes: number;
  /** The largest file a case may write. */
  fileBytes: number;
  /** The largest learner source file accepted. */
  sourceBytes: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  caseTimeoutMs: 3000,
  totalTimeoutMs: 20_000,
  memoryMb: 256,
  pids: 64,
  cpus: 1,
  tmpfsMb: 16,
  outputBytes: 64 * 1024,
  fileBytes: 8 * 1024 * 1024,
  sourceBytes: 100 * 1024,
});

/** Room in the container's cgroup for the harness and /tmp on top of what the learner's code may use. */
export const CONTAINER_MEMORY_HEADROOM_MB = 96;
/**
 * Time allowed, beyond the cases' budget (which already includes the compile check), for the harness to start,
 * fork, clean up between cases and report. Only a harness that stopped answering ever uses it up: then the
 * container is killed from outside, so a verdict never takes longer than total + case timeout + this.
 */
export const STARTUP_ALLOWANCE_MS = 5_000;

/** What an exercise may set (exercise.yaml's `limits`); each is clamped to what the platform allows. */
export interface ExerciseLimits {
  timeoutMs?: number;
  totalTimeoutMs?: number;
  memoryMb?: number;
  pids?: number;
  outputBytes?: number;
}

const CEILINGS = { caseTimeoutMs: 30_000, totalTimeoutMs: 120_000, memoryMb: 2048, pids: 256, outputBytes: 1024 * 1024 };

/** The longest any sandbox run may last under the ceilings: a container older than this cannot be in use. */
export const LONGEST_RUN_MS = CEILINGS.totalTimeoutMs + CEILINGS.caseTimeoutMs + STARTUP_ALLOWANCE_MS;

export function resolveLimits(exerciseLimits: ExerciseLimits = {}, base: SandboxLimits = DEFAULT_LIMITS): SandboxLimits {
  const pick = (value: number | undefined, fallback: number, ceiling: number) => (value && value > 0 ? Math.min(value, ceiling) : fallback);
  const caseTimeoutMs = pick(exerciseLimits.timeoutMs, base.caseTimeoutMs, CEILINGS.caseTimeoutMs);
  return {
    ...base,
    caseTimeoutMs,
    // One case may always use its whole budget, even when an exercise raises it past the total.
    totalTimeoutMs: Math.max(pick(exerciseLimits.totalTimeoutMs, base.totalTimeoutMs, CEILINGS.totalTimeoutMs), caseTimeoutMs),
    memoryMb: pick(exerciseLimits.memoryMb, base.memoryMb, CEILINGS.memoryMb),
    pids: pick(exerciseLimits.pids, base.pids, CEILINGS.pids),
    outputBytes: pick(exerciseLimits.outputBytes, base.outputBytes, CEILINGS.outputBytes),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).replace(/\.0$/, "")} s`;
}
