// Runs the harness in a fresh, locked-down container for one request, streams its events, and removes the
// container in every outcome. Everything that can be set from outside (network, users, capabilities, memory,
// processes, CPU, disk, time) is set here; docs/sandbox.md explains each measure.
import type Docker from "dockerode";
import { ownerIsGone, ownerLabel, SANDBOX_OWNER_LABEL } from "./container-owner";
import { CONTAINER_MEMORY_HEADROOM_MB, type SandboxLimits, STARTUP_ALLOWANCE_MS } from "./limits";
import { type HarnessEvent, harnessEventSchema } from "./observation";

/** Not a host user: the sandbox's files and processes belong to nobody on the host. */
export const SANDBOX_UID = 47001;
export const SANDBOX_LABEL = "tutor.sandbox";

/**
 * A call case (evaluate `call` in the learner's module) or a program case (run the file as __main__ with `stdin`).
 * `trace`: record its steps (visible cases only; runner-image/harness/README.md, "Observing execution").
 */
export type SandboxCase = ({ id: number; call: string } | { id: number; stdin: string }) & { trace?: { maxSteps: number } };

/** A test file from the exercise's tests/ folder: exercise content, run inside the sandbox. */
export interface SandboxTestFile {
  name: string;
  source: string;
}

/**
 * All that enters the container: the learner's file, the cases' call expressions or program stdin, and the
 * exercise's test files. Never expected values (a call case's value or a program case's expected stdout).
 */
export interface SandboxRequest {
  file: string;
  source: string;
  cases: SandboxCase[];
  tests?: SandboxTestFile[];
  /** `lines`: report the learner's lines that ran in each case and test (absent: nothing is watched). */
  observe?: { lines: boolean };
}

/** The most tests the harness runs from an exercise's test files (MAX_TESTS in runner-image/harness/protocol.py). */
export const MAX_SANDBOX_TESTS = 200;

export type ContainerEnd = "done" | "timeout" | "output-limit" | "exited-early";

export interface SandboxRun {
  events: HarnessEvent[];
  end: ContainerEnd;
  exitCode: number | null;
  oomKilled: boolean;
  /** The harness's own stderr (not the learner's), for diagnosing internal errors. */
  harnessStderr: string;
  durationMs: number;
}

/** Docker cannot be reached or the runner image is missing: nothing was graded, and the job should wait. */
export class SandboxUnavailableError extends Error {}

/** The harness broke its protocol: our fault, never the learner's. */
export class HarnessProtocolError extends Error {}

const STDERR_KEPT_BYTES = 8 * 1024;

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

/** The most a harness that keeps its caps can print for this request (its events' JSON), plus room. */
function maxHarnessOutput(request: SandboxRequest, limits: SandboxLimits): number {
  const processes = request.cases.length + (request.tests?.length ? MAX_SANDBOX_TESTS + 1 : 0);
  const observed = request.observe?.lines ? 64 * 1024 : 0;
  const traced = request.cases.filter((c) => c.trace).length * 600 * 1024;
  return processes * (2 * limits.outputBytes + 300 * 1024 + observed) + traced + 64 * 1024;
}

function harnessRequest(request: SandboxRequest, limits: SandboxLimits) {
  return {
    file: request.file,
    source: request.source,
    cases: request.cases,
    tests: request.tests ?? [],
    ...(request.observe ? { observe: request.observe } : {}),
    limits: {
      caseTimeoutMs: limits.caseTimeoutMs,
      totalTimeoutMs: limits.totalTimeoutMs,
      outputBytes: limits.outputBytes,
      fileBytes: limits.fileBytes,
      addressSpaceBytes: limits.memoryMb * 1024 * 1024,
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

/**
 * Splits Docker's multiplexed attach stream (8-byte headers: stream type, then a big-endian length) into
 * stdout and stderr chunks.
 */
export class DockerStreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  constructor(private readonly onChunk: (stream: "stdout" | "stderr", data: Buffer) => void) {}
  push(data: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const type = this.pending[0];
      const payload = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      if (type === 1) this.onChunk("stdout", payload);
      else if (type === 2) this.onChunk("stderr", payload);
    }
  }
}

export interface RunOptions {
  onEvent?: (event: HarnessEvent) => void;
  /** When to kill the container from outside, in ms after it starts; by default the cases' budget plus STARTUP_ALLOWANCE_MS. */
  deadlineMs?: number;
}

/** The programs the runner image holds: the grading harness (the image's entrypoint, `python3 -I -B /opt/tutor/harness`) and the tutor's analysis tool. */
export type SandboxTool = "harness" | "analysis";
const TOOL_ENTRYPOINTS: Record<SandboxTool, string[] | undefined> = {
  harness: undefined,
  analysis: ["python3", "-I", "-B", "/opt/tutor/analysis.py"],
};

/** What a container printed, line by line as parsed JSON, and how it ended. */
export interface ToolRun {
  lines: unknown[];
  end: ContainerEnd;
  exitCode: number | null;
  oomKilled: boolean;
  harnessStderr: string;
  durationMs: number;
}

interface ToolOptions {
  onLine?: (line: unknown) => void;
  deadlineMs: number;
  maxStdoutBytes: number;
  /**
   * The run ends at the tool's `{"kind": "done"}` line, without waiting for the container to exit. Only for the
   * harness, whose stdout no case process can write to (docs/sandbox.md), so the line cannot be forged.
   */
  endsAtDone?: boolean;
}

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

async function runHarness(request: SandboxRequest, limits: SandboxLimits, options: RunOptions, run: (payload: unknown, toolOptions: ToolOptions) => Promise<ToolRun>): Promise<SandboxRun> {
  const events: HarnessEvent[] = [];
  let protocolError: Error | null = null;
  const result = await run(harnessRequest(request, limits), {
    endsAtDone: true,
    // The harness caps each case's output itself; this bound only matters if the harness were subverted.
    maxStdoutBytes: maxHarnessOutput(request, limits),
    deadlineMs: options.deadlineMs ?? limits.totalTimeoutMs + limits.caseTimeoutMs + STARTUP_ALLOWANCE_MS,
    onLine: (line) => {
      const parsed = harnessEventSchema.safeParse(line);
      if (!parsed.success) {
        protocolError ??= new HarnessProtocolError(`unexpected harness event: ${JSON.stringify(line).slice(0, 200)}`);
        return;
      }
      events.push(parsed.data);
      options.onEvent?.(parsed.data);
    },
  });
  if (protocolError && result.end !== "timeout" && result.end !== "output-limit") throw protocolError;
  const { lines: _lines, ...rest } = result;
  return { ...rest, events };
}

/** A created, attached and started container whose program waits for its request on stdin. */
export interface StartedContainer {
  container: Docker.Container;
  stream: NodeJS.ReadWriteStream;
  /** Settles when the container exits (or Docker stops answering about it). */
  exited: Promise<{ StatusCode?: number }>;
  startedAt: number;
}

/** Labels a container with when its owner stops handing it out, for removeLeftoverContainers (epoch seconds). */
export const SANDBOX_IDLE_UNTIL_LABEL = "tutor.sandbox.idle-until";

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

/**
 * Hands a started container its request and reads what it prints, until its program says it is done or the
 * container exits (killed from outside at the deadline). The caller removes the container.
 */
export async function runInStartedContainer(started: StartedContainer, payload: unknown, options: ToolOptions, startedAt = Date.now()): Promise<ToolRun> {
  const { container, stream, exited } = started;
  const lines: unknown[] = [];
  let stdoutBytes = 0;
  let lineBuffer = "";
  let harnessStderr = "";
  let end: ContainerEnd | null = null;
  let protocolError: Error | null = null;
  let onDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (onDone = resolve));

  let killed = false;
  const kill = (reason: ContainerEnd) => {
    if (end === null) end = reason;
    if (killed) return;
    killed = true;
    // SIGKILL from outside the container: nothing inside can catch or ignore it.
    container.kill({ signal: "SIGKILL" }).catch(() => undefined);
  };

  const handleLine = (text: string) => {
    if (!text.trim()) return;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      protocolError ??= new HarnessProtocolError(`unreadable line from the sandbox: ${text.slice(0, 200)}`);
      return;
    }
    lines.push(line);
    options.onLine?.(line);
    if ((line as { kind?: unknown })?.kind === "done") {
      end ??= "done";
      if (options.endsAtDone) onDone();
    }
  };

  const demuxer = new DockerStreamDemuxer((kind, data) => {
    if (kind === "stderr") {
      harnessStderr = (harnessStderr + data.toString("utf8")).slice(-STDERR_KEPT_BYTES);
      return;
    }
    stdoutBytes += data.length;
    if (stdoutBytes > options.maxStdoutBytes) {
      kill("output-limit");
      return;
    }
    lineBuffer += data.toString("utf8");
    let newline: number;
    while ((newline = lineBuffer.indexOf("\n")) >= 0) {
      handleLine(lineBuffer.slice(0, newline));
      lineBuffer = lineBuffer.slice(newline + 1);
    }
  });
  const streamEnded = new Promise<void>((resolve) => {
    stream.on("data", (d: Buffer) => demuxer.push(d));
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });

  // One line: the harness starts on its newline (JSON.stringify escapes every newline inside).
  stream.write(`${JSON.stringify(payload)}\n`);
  stream.end();

  const timer = setTimeout(() => kill("timeout"), options.deadlineMs);
  let exitCode: number | null = null;
  let finishedFirst: "done" | "exited";
  try {
    finishedFirst = await Promise.race([done.then(() => "done" as const), exited.then(() => "exited" as const)]);
    if (finishedFirst === "exited") {
      const result = await exited;
      exitCode = typeof result.StatusCode === "number" ? result.StatusCode : null;
    }
  } finally {
    clearTimeout(timer);
  }
  if (protocolError && end !== "timeout" && end !== "output-limit") throw protocolError;
  // "done" is written by the harness (PID 1) alone, after every case's report: nothing is left to read, and how
  // the container ends no longer matters, so the verdict need not wait for it to exit.
  if (finishedFirst === "done") return { lines, end: "done", exitCode, oomKilled: false, harnessStderr, durationMs: Date.now() - startedAt };
  // The stream may deliver its last bytes just after the container exits.
  await Promise.race([streamEnded, new Promise((r) => setTimeout(r, 2000))]);
  // A line without its newline was cut off by a kill: it carries nothing the tool finished saying.
  const state = (await container.inspect().catch(() => null))?.State;
  if (protocolError && end !== "timeout" && end !== "output-limit") throw protocolError;
  return {
    lines,
    end: end ?? "exited-early",
    exitCode,
    oomKilled: Boolean(state?.OOMKilled),
    harnessStderr,
    durationMs: Date.now() - startedAt,
  };
}

/**
 * Whether a sandbox container is a leftover of a process that stopped: its owner on this host has ended, or it has
 * existed longer than any run may last, plus a minute (for a pooled container, counted from when its pool stops
 * handing it out). Whatever its state: a live owner's container may have exited a moment ago, its owner about to
 * read how it ended.
 */
export function isLeftoverContainer(c: Pick<Docker.ContainerInfo, "Created" | "Labels">, nowMs: number, maxRunMs: number, ownerGone: boolean): boolean {
  if (ownerGone) return true;
  const since = Math.max(c.Created, Number(c.Labels?.[SANDBOX_IDLE_UNTIL_LABEL]) || 0);
  return nowMs / 1000 - since > maxRunMs / 1000 + 60;
}

/** Removes the sandbox containers on this engine that stopped processes left behind (see isLeftoverContainer). */
export async function removeLeftoverContainers(docker: Docker, maxRunMs: number, nowMs = Date.now()): Promise<number> {
  const all = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  const leftovers = all.filter((c) => isLeftoverContainer(c, nowMs, maxRunMs, ownerIsGone(c.Labels?.[SANDBOX_OWNER_LABEL])));
  await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  return leftovers.length;
}
