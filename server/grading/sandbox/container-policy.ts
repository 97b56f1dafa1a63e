// How a sandbox container is made: everything that can be set from outside the container (network, users,
// capabilities, memory, processes, CPU, disk, logs) is set here, for every container of every tool, pooled or not;
// docs/sandbox.md explains each measure. Also how a container is started, waiting for its request, and removed, and
// what Docker refusing means for the caller. What travels in and out of a running container is protocol.ts's.
import type Docker from "dockerode";
import { ownerLabel, SANDBOX_OWNER_LABEL } from "./container-owner";
import { CONTAINER_MEMORY_HEADROOM_MB, type SandboxLimits } from "../limits";

/** Not a host user: the sandbox's files and processes belong to nobody on the host. */
export const SANDBOX_UID = 47001;
export const SANDBOX_LABEL = "tutor.sandbox";
/** Labels a container with when its owner stops handing it out, for removeLeftoverContainers (epoch seconds). */
export const SANDBOX_IDLE_UNTIL_LABEL = "tutor.sandbox.idle-until";

/** Docker cannot be reached or the runner image is missing: nothing was graded, and the job should wait. */
export class SandboxUnavailableError extends Error {}

export function containerOptions(image: string, limits: SandboxLimits): Docker.ContainerCreateOptions {
  const memoryBytes = (limits.memoryMb + CONTAINER_MEMORY_HEADROOM_MB) * 1024 * 1024;
  return {
    Image: image,
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    Env: [],
    WorkingDir: "/tmp",
    Hostname: "sandbox",
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: true,
    Labels: { [SANDBOX_LABEL]: "1" },
    HostConfig: {
      NetworkMode: "none",
      ReadonlyRootfs: true,
      Tmpfs: { "/tmp": `rw,nosuid,nodev,noexec,size=${limits.tmpfsMb}m,mode=1777` },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      PidsLimit: limits.pids,
      NanoCpus: Math.round(limits.cpus * 1e9),
      // No Docker init (tini): the harness itself is PID 1. From inside the container the kernel drops signals
      // sent to PID 1 that it does not handle, so the learner's `kill -1` or `kill 1` cannot stop grading, and
      // tini's file descriptors (the container's stdout) would be open to the learner through /proc/1/fd,
      // letting them forge result lines. The harness reaps every orphan, as an init must.
      Init: false,
      IpcMode: "private",
      ShmSize: 1024 * 1024,
      Ulimits: [
        { Name: "nofile", Soft: 256, Hard: 256 },
        { Name: "core", Soft: 0, Hard: 0 },
      ],
      // Logs would copy everything the container prints onto the host's disk; output is read over attach only.
      LogConfig: { Type: "none", Config: {} },
      AutoRemove: false,
      Privileged: false,
    },
  };
}

function isDockerUnreachable(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "ENOENT" || code === "ECONNREFUSED" || code === "EACCES" || code === "ECONNRESET" || code === "EPIPE";
}

export function describeDockerFailure(e: unknown, image: string): SandboxUnavailableError | null {
  if (isDockerUnreachable(e)) {
    return new SandboxUnavailableError(
      "The Docker engine cannot be reached, so nothing can be graded. Start Docker (for example `sudo systemctl start docker` or `dockerd &`) and grading resumes by itself.",
    );
  }
  const status = (e as { statusCode?: number })?.statusCode;
  if (status === 404 && /image/i.test(String((e as Error)?.message))) {
    return new SandboxUnavailableError(`The runner image ${image} is missing. Build it with \`npx tutor runner build\`; queued submissions wait until it exists.`);
  }
  return null;
}

/** The programs the runner image holds: the grading harness (the image's entrypoint, `python3 -I -B /opt/tutor/harness`) and the tutor's analysis tool. */
export type SandboxTool = "harness" | "analysis";
const TOOL_ENTRYPOINTS: Record<SandboxTool, string[] | undefined> = {
  harness: undefined,
  analysis: ["python3", "-I", "-B", "/opt/tutor/analysis.py"],
};

/** A created, attached and started container whose program waits for its request on stdin. */
export interface StartedContainer {
  container: Docker.Container;
  stream: NodeJS.ReadWriteStream;
  /** Settles when the container exits (or Docker stops answering about it). */
  exited: Promise<{ StatusCode?: number }>;
  startedAt: number;
}

/**
 * Creates a locked-down container for one of the image's tools, attaches to it and starts it: the program blocks
 * reading its request, so the container can wait for work. Throws SandboxUnavailableError when Docker or the
 * image is not there; removes the container if any later step fails.
 */
export async function startContainer(docker: Docker, image: string, tool: SandboxTool, limits: SandboxLimits, labels: Record<string, string> = {}): Promise<StartedContainer> {
  let container: Docker.Container;
  try {
    const entrypoint = TOOL_ENTRYPOINTS[tool];
    const options = containerOptions(image, limits);
    const owner = ownerLabel();
    const allLabels = { ...options.Labels, ...(owner ? { [SANDBOX_OWNER_LABEL]: owner } : {}), ...labels };
    container = await docker.createContainer({ ...options, Labels: allLabels, ...(entrypoint ? { Entrypoint: entrypoint } : {}) });
  } catch (e) {
    throw describeDockerFailure(e, image) ?? e;
  }
  try {
    const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as NodeJS.ReadWriteStream;
    // "next-exit": a wait sent before start must not be answered at once because the container is not running yet.
    const exited = container.wait({ condition: "next-exit" }) as Promise<{ StatusCode?: number }>;
    exited.catch(() => undefined);
    await container.start();
    return { container, stream, exited, startedAt: Date.now() };
  } catch (e) {
    await removeContainer(container);
    throw describeDockerFailure(e, image) ?? e;
  }
}

export function removeContainer(container: Docker.Container): Promise<void> {
  return container.remove({ force: true, v: true }).then(
    () => undefined,
    () => undefined,
  );
}
