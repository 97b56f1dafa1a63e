// The sandbox that grading, the checker and the tutor run code in: `Sandbox` runs one request in a container started
// ahead of time (a pool's) or in a new one, created, used and removed in every outcome. Puts container-policy.ts
// (how a container is made) and protocol.ts (what goes in and comes out) together; the pool is ../container-pool.ts.
import type Docker from "dockerode";
import { type ContainerPool, sameContainerLimits } from "../container-pool";
import { DEFAULT_LIMITS, type SandboxLimits } from "../limits";
import type { HarnessEvent } from "../observation";
import { describeDockerFailure, removeContainer, type SandboxTool, type StartedContainer, startContainer } from "./container-policy";
import { type RunOptions, runHarness, runInStartedContainer, type SandboxRequest, type SandboxRun, type ToolOptions, type ToolRun } from "./protocol";

/**
 * A Docker engine, the runner image to use there, the platform's default limits, and optionally a pool of
 * containers started ahead of time for submissions graded under those limits (others run in a new container).
 */
export class Sandbox {
  constructor(
    readonly docker: Docker,
    readonly image: string,
    readonly limits: SandboxLimits = DEFAULT_LIMITS,
    readonly pool: ContainerPool | null = null,
  ) {}
  async run(request: SandboxRequest, limits: SandboxLimits, onEvent?: (e: HarnessEvent) => void): Promise<SandboxRun> {
    const started = this.pool && sameContainerLimits(limits, this.pool.limits) ? await this.pool.take() : null;
    if (!started) return runInSandbox(this.docker, this.image, request, limits, { onEvent });
    try {
      const run = await runInStartedSandbox(started, request, limits, { onEvent });
      // Not a word from the harness, not even on a syntax error: the container died while it waited (before
      // Docker told the pool). Nothing of the submission ran, so it is graded again in a new container.
      if (run.events.length === 0 && run.end === "exited-early") return runInSandbox(this.docker, this.image, request, limits, { onEvent });
      return run;
    } finally {
      this.pool!.release(started);
    }
  }
  /** Removes the pool's containers; grading afterwards runs in new containers. */
  async close(): Promise<void> {
    await this.pool?.stop();
  }
  /** Runs the analysis tool (runner-image/analysis.py) on `payload`, under the same limits as grading. */
  analyse(payload: unknown, options: { deadlineMs: number; maxStdoutBytes: number; onLine?: (line: unknown) => void }): Promise<ToolRun> {
    return runToolInSandbox(this.docker, this.image, "analysis", payload, this.limits, options);
  }
}

/** Resolves the sandbox when grading starts (Docker or the image may not be ready before); close() releases it. */
export type SandboxSource = (() => Promise<Sandbox>) & { close(): Promise<void> };

/** Runs one request in a new container. Throws SandboxUnavailableError when Docker or the image is not there. */
export function runInSandbox(docker: Docker, image: string, request: SandboxRequest, limits: SandboxLimits, options: RunOptions = {}): Promise<SandboxRun> {
  return runHarness(request, limits, options, (payload, toolOptions) => runToolInSandbox(docker, image, "harness", payload, limits, toolOptions));
}

/**
 * Runs one request in a container started ahead of time for the harness with these limits' container options (a
 * pool's). The caller removes the container afterwards: it is never used twice.
 */
export function runInStartedSandbox(started: StartedContainer, request: SandboxRequest, limits: SandboxLimits, options: RunOptions = {}): Promise<SandboxRun> {
  return runHarness(request, limits, options, (payload, toolOptions) => runInStartedContainer(started, payload, toolOptions));
}

/** Runs one of the image's tools in a new, locked-down container, writing `payload` as JSON to its stdin. */
export async function runToolInSandbox(docker: Docker, image: string, tool: SandboxTool, payload: unknown, limits: SandboxLimits, options: ToolOptions): Promise<ToolRun> {
  const started = Date.now();
  const container = await startContainer(docker, image, tool, limits);
  try {
    return await runInStartedContainer(container, payload, options, started);
  } catch (e) {
    throw describeDockerFailure(e, image) ?? e;
  } finally {
    await removeContainer(container.container);
  }
}
