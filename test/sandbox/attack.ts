// Shared by the attack suite: grades one hostile submission through the real runner (Docker, the runner image,
// gradeSubmission) and measures how long the verdict took. Each test file also checks, after its last test, that
// nothing was left behind on the host (see expectHostClean).
import { readdirSync, readFileSync, rmSync, statfsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import type { ReferenceCache } from "../../server/grading/expectations";
import { gradeSubmission, type GradeResult, type Sandbox } from "../../server/grading/grade";
import { DEFAULT_LIMITS, type SandboxLimits } from "../../server/grading/limits";
import { SANDBOX_LABEL, SANDBOX_UID } from "../../server/grading/sandbox";
import type { Exercise } from "../../server/exercises/exercise";
import { fixtureExercise, type FixtureFiles } from "../support/exercise-fixture";
import { realSandbox } from "../support/sandbox";

/** Small limits keep the suite fast: 1 s per case, 4 s in all. */
export const FAST: SandboxLimits = { ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 4000 };

/** What a verdict may take beyond the time its cases may use: creating, starting and removing a container. */
export const SLACK_MS = 3000;

/** The exercise most attacks are graded against: answer(x) returns 2x, with one visible and one hidden case. */
export const DOUBLE: FixtureFiles = {
  solution: "def answer(x):\n    return x * 2\n",
  casesYaml: "- name: one\n  call: answer(1)\n  expect: 2\n- name: twenty-one\n  call: answer(21)\n  expect: 42\n  hidden: true\n",
};

export const CORRECT_DOUBLE = "def answer(x):\n    return x * 2\n";

export interface Graded {
  result: GradeResult;
  /** Wall-clock time from the call to gradeSubmission to its verdict. */
  wallMs: number;
  limits: SandboxLimits;
  exercise: Exercise;
}

export interface AttackOptions {
  limits?: Partial<SandboxLimits>;
  files?: Partial<FixtureFiles>;
  references?: ReferenceCache;
}

/** An in-memory reference cache: tests leave no cache files behind. */
export function memoryReferenceCache(): ReferenceCache {
  const entries = new Map<string, Record<string, unknown>>();
  return { get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value) };
}

let sandboxes = new Map<string, Promise<Sandbox>>();

export function sandboxWith(limits: SandboxLimits): Promise<Sandbox> {
  const key = JSON.stringify(limits);
  if (!sandboxes.has(key)) sandboxes.set(key, realSandbox(limits));
  return sandboxes.get(key)!;
}

/** Builds a throwaway exercise folder, and removes it again once loaded. */
export function exerciseFrom(files: Partial<FixtureFiles> = {}): Exercise {
  const exercise = fixtureExercise({ ...DOUBLE, ...files });
  rmSync(path.dirname(path.dirname(exercise.dir)), { recursive: true, force: true });
  return exercise;
}

export async function gradeAttack(code: string, options: AttackOptions = {}): Promise<Graded> {
  const limits: SandboxLimits = { ...FAST, ...options.limits };
  const exercise = exerciseFrom(options.files);
  const sandbox = await sandboxWith(limits);
  const started = Date.now();
  const result = await gradeSubmission(sandbox, options.references ?? memoryReferenceCache(), exercise, code);
  return { result, wallMs: Date.now() - started, limits, exercise };
}

/** The longest a verdict may take: the time its cases may use, plus a small constant. */
export function verdictBoundMs(g: Pick<Graded, "limits" | "exercise">): number {
  const casesMayUse = Math.min(g.limits.totalTimeoutMs, g.exercise.cases.length * g.limits.caseTimeoutMs);
  return casesMayUse + SLACK_MS;
}

export function expectPromptVerdict(g: Graded): void {
  expect(g.wallMs).toBeLessThan(verdictBoundMs(g));
}

/** Everything grading produced, as one string: for proving a secret appears nowhere in it. */
export function everything(result: GradeResult): string {
  return JSON.stringify(result);
}

/** The value the first (visible) case returned, decoded by the grader and shown as a Python repr. */
export function shownActual(result: GradeResult, index = 0): string | undefined {
  return result.tests[index]?.actual;
}

/**
 * Runs Python in the sandbox and returns what it returned, as JSON: the probe's source defines `probe()` and
 * returns json.dumps(...) of its findings. Used by tests that inspect the container from inside.
 */
export async function probeInside(source: string, options: AttackOptions = {}): Promise<{ found: unknown; graded: Graded }> {
  const graded = await gradeAttack(source, {
    ...options,
    files: {
      solution: "def probe():\n    return ''\n",
      casesYaml: "- name: probe\n  call: probe()\n  expect: ''\n",
      ...options.files,
    },
  });
  const obs = graded.result.observations[0];
  if (obs?.outcome !== "returned") throw new Error(`the probe did not return: ${JSON.stringify(graded.result).slice(0, 2000)}`);
  const value = obs.value as { t: string; v: string };
  if (value.t !== "str") throw new Error(`the probe returned ${value.t}, not a JSON string`);
  return { found: JSON.parse(value.v), graded };
}

// ---- what must be left as it was ------------------------------------------------------------------------------

export const docker = new Docker();

export async function sandboxContainers(): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [SANDBOX_LABEL] } });
}

/** Host processes running as the sandbox's uid: every one of them would be a leftover from a container. */
export function hostProcessesOfSandboxUser(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(uid) === SANDBOX_UID) found.push(`${entry}: ${/^Name:\s+(.*)$/m.exec(status)?.[1]}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

export interface HostSnapshot {
  tmpEntries: Set<string>;
  volumes: number;
  dockerContainersDirEntries: number | null;
  freeBytes: number;
}

function dockerContainersDirEntries(): number | null {
  try {
    return readdirSync("/var/lib/docker/containers").length;
  } catch {
    return null;
  }
}

export async function snapshotHost(): Promise<HostSnapshot> {
  const fs = statfsSync("/");
  return {
    tmpEntries: new Set(readdirSync(os.tmpdir())),
    volumes: ((await docker.listVolumes()).Volumes ?? []).length,
    dockerContainersDirEntries: dockerContainersDirEntries(),
    freeBytes: fs.bavail * fs.bsize,
  };
}

/** What may differ on the host's disk after a test file: other processes (jest's caches, logs) write too. */
const DISK_TOLERANCE_BYTES = 200 * 1024 * 1024;

/** After a test file: no sandbox container, no process of the sandbox's user, no new temp file, no volume. */
export async function expectHostClean(before: HostSnapshot): Promise<void> {
  expect(await sandboxContainers()).toEqual([]);
  expect(hostProcessesOfSandboxUser()).toEqual([]);
  const after = await snapshotHost();
  const newTmp = [...after.tmpEntries].filter((e) => !before.tmpEntries.has(e) && /^tutor-/.test(e));
  expect(newTmp).toEqual([]);
  expect(after.volumes).toBe(before.volumes);
  expect(after.dockerContainersDirEntries).toBe(before.dockerContainersDirEntries);
  expect(Math.abs(after.freeBytes - before.freeBytes)).toBeLessThan(DISK_TOLERANCE_BYTES);
}

/** Registers the before/after host check for the calling test file. */
export function checkHostAfterFile(): void {
  let before: HostSnapshot;
  beforeAll(async () => {
    before = await snapshotHost();
  });
  afterAll(async () => {
    sandboxes = new Map();
    await expectHostClean(before);
  });
}
