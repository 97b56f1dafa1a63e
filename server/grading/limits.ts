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
/** Time allowed for the container to start and the harness to report, on top of the cases' budget. */
export const STARTUP_ALLOWANCE_MS = 10_000;

export function resolveLimits(exerciseLimits: { timeoutMs?: number; memoryMb?: number } = {}, base: SandboxLimits = DEFAULT_LIMITS): SandboxLimits {
  return {
    ...base,
    ...(exerciseLimits.timeoutMs ? { caseTimeoutMs: exerciseLimits.timeoutMs } : {}),
    ...(exerciseLimits.memoryMb ? { memoryMb: exerciseLimits.memoryMb } : {}),
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
