// What travels in and out of a started sandbox container: the request written as one JSON line on its stdin, and
// what it prints back, demultiplexed from Docker's attach stream, read as JSON lines (the harness's checked against
// observation.ts's event schema), within a cap on stdout and a deadline after which the container is killed from
// outside. How the container itself is made is container-policy.ts's; this never creates or removes one.
import type { SandboxLimits } from "../limits";
import { STARTUP_ALLOWANCE_MS } from "../limits";
import { type HarnessEvent, harnessEventSchema } from "../observation";
import type { StartedContainer } from "./container-policy";

/**
 * How to trace a case step by step: at most `maxSteps` steps (1 to 1000) come back in the case's observation
 * (runner-image/harness/README.md, "Observing execution"). Visible cases only.
 */
export interface CaseTraceOptions {
  maxSteps: number;
}

/**
 * A call case (evaluate `call` in the learner's module) or a program case (run the file as __main__ with `stdin`).
 * `trace` asks for the case's execution trace.
 */
export type SandboxCase = ({ id: number; call: string } | { id: number; stdin: string }) & { trace?: CaseTraceOptions };

/** A test file from the exercise's tests/ folder: exercise content, run inside the sandbox. */
export interface SandboxTestFile {
  name: string;
  source: string;
}

/** What the harness records of every case besides its outcome: `lines`, which lines of the learner's file ran. */
export interface ObserveOptions {
  lines: boolean;
}

/**
 * All that enters the container: the learner's file, the cases' call expressions or program stdin, and the
 * exercise's test files with the helper files they import, and what to observe. Never expected values (a call case's value or a program case's
 * expected stdout).
 */
export interface SandboxRequest {
  file: string;
  source: string;
  cases: SandboxCase[];
  tests?: SandboxTestFile[];
  /** Files the test files import (exercise.yaml's `helpers`), written beside them; never run as tests. */
  helpers?: SandboxTestFile[];
  observe?: ObserveOptions;
}

/** The most tests the harness runs from an exercise's test files (MAX_TESTS in runner-image/harness/protocol.py). */
export const MAX_SANDBOX_TESTS = 200;

export type ContainerEnd = "done" | "timeout" | "output-limit" | "exited-early";

/** What a container printed, line by line as parsed JSON, and how it ended. */
export interface ToolRun {
  lines: unknown[];
  end: ContainerEnd;
  exitCode: number | null;
  oomKilled: boolean;
  /** The program's own stderr (not the learner's: cases' output travels in their reports), for diagnosing internal errors. */
  harnessStderr: string;
  durationMs: number;
}

/** A harness run: its events, checked against the schema, and how the container ended. */
export interface SandboxRun extends Omit<ToolRun, "lines"> {
  events: HarnessEvent[];
}

/** The harness broke its protocol: our fault, never the learner's. */
export class HarnessProtocolError extends Error {}

const STDERR_KEPT_BYTES = 8 * 1024;

/**
 * The one line the harness reads (runner-image/harness/): the request, and the limits it enforces inside. The
 * request's fields are copied one by one, so nothing else a caller's object holds can enter the container.
 */
export function harnessRequest(request: SandboxRequest, limits: SandboxLimits) {
  return {
    file: request.file,
    source: request.source,
    cases: request.cases,
    tests: request.tests ?? [],
    ...(request.helpers?.length ? { helpers: request.helpers } : {}),
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

export interface ToolOptions {
  onLine?: (line: unknown) => void;
  deadlineMs: number;
  maxStdoutBytes: number;
  /**
   * The run ends at the tool's `{"kind": "done"}` line, without waiting for the container to exit. Only for the
   * harness, whose stdout no case process can write to (docs/sandbox.md), so the line cannot be forged.
   */
  endsAtDone?: boolean;
}

/** The most a harness that keeps its caps can print for this request (its events' JSON), plus room. */
function maxHarnessOutput(request: SandboxRequest, limits: SandboxLimits): number {
  const processes = request.cases.length + (request.tests?.length ? MAX_SANDBOX_TESTS + 1 : 0);
  const observed = request.observe?.lines ? 64 * 1024 : 0;
  const traced = request.cases.filter((c) => c.trace).length * 600 * 1024;
  return processes * (2 * limits.outputBytes + 300 * 1024 + observed) + traced + 64 * 1024;
}

/**
 * Runs one harness request through `run` (a started container's tool run): sets the harness's stdout cap and
 * deadline from the limits, and checks each line it prints against the event schema.
 */
export async function runHarness(request: SandboxRequest, limits: SandboxLimits, options: RunOptions, run: (payload: unknown, toolOptions: ToolOptions) => Promise<ToolRun>): Promise<SandboxRun> {
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
