// Runs one request in a sandbox container: a new one (created, used, removed in every outcome) or one started ahead
// of time. Puts container-policy.ts (how a container is made) and protocol.ts (what goes in and comes out) together.
import type Docker from "dockerode";
import type { SandboxLimits } from "../limits";
import { describeDockerFailure, removeContainer, type SandboxTool, type StartedContainer, startContainer } from "./container-policy";
import { type RunOptions, runHarness, runInStartedContainer, type SandboxRequest, type SandboxRun, type ToolOptions, type ToolRun } from "./protocol";

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
