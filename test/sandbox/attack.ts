// Shared by the attack suite: grades one hostile submission through the real runner (Docker, the runner image,
// gradeSubmission) and measures how long the verdict took. Each test file also checks, after its last test, that
// nothing was left behind on the host (see expectHostClean).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { memoryReferenceCache, type ReferenceCache } from "../../server/grading/expectations";
import { gradeSubmission, type GradeResult } from "../../server/grading/grade";
import { Sandbox } from "../../server/grading/sandbox/sandbox";
import { DEFAULT_LIMITS, type SandboxLimits } from "../../server/grading/limits";
import { SANDBOX_LABEL, SANDBOX_UID } from "../../server/grading/sandbox/container-policy";
import type { Exercise } from "../../server/exercises/exercise";
import { fixtureExercise, type FixtureFiles } from "../support/exercise-fixture";
import { realSandbox } from "../support/sandbox";

/** Small limits keep the suite fast: 1 s per case, 4 s in all. */
export const FAST: SandboxLimits = { ...DEFAULT_LIMITS, caseTimeoutMs: 1000, totalTimeoutMs: 4000 };

/**
 * For attacks whose limit under test is memory: time enough for the memory to run out first even on a busy machine
 * (with FAST's 1 s, a loaded CI machine once reported `timeout` before the kernel's memory limit was reached).
 */
export const MEMORY_ATTACK: AttackOptions = { limits: { caseTimeoutMs: 3000, totalTimeoutMs: 8000 } };

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
export { memoryReferenceCache };

/**
 * Containers this test process created, with the volumes Docker mounted in each: the leftover checks look for
 * exactly these, so another test run sharing the Docker engine cannot make them fail (or pass).
 */
export const createdContainers = new Map<string, { mounts: unknown[] }>();

/** A Docker client that records every container it creates. */
export function trackingDocker(): Docker {
  const client = new Docker();
  const create = client.createContainer.bind(client) as (o: Docker.ContainerCreateOptions) => Promise<Docker.Container>;
  client.createContainer = (async (options: Docker.ContainerCreateOptions) => {
    const container = await create(options);
    const info = await container.inspect().catch(() => null);
    createdContainers.set(container.id, { mounts: info?.Mounts ?? [] });
    return container;
  }) as typeof client.createContainer;
  return client;
}

let sandboxes = new Map<string, Promise<Sandbox>>();

export function sandboxWith(limits: SandboxLimits): Promise<Sandbox> {
  const key = JSON.stringify(limits);
  if (!sandboxes.has(key)) sandboxes.set(key, realSandbox(limits).then((s) => new Sandbox(trackingDocker(), s.image, limits)));
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

/** Host processes whose cgroup names one of the given containers: each would be a leftover. */
export function hostProcessesOf(containerIds: Iterable<string>): string[] {
  const ids = [...containerIds];
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cgroup = readFileSync(`/proc/${entry}/cgroup`, "utf8");
      if (ids.some((id) => cgroup.includes(id))) found.push(`${entry}: ${readFileSync(`/proc/${entry}/comm`, "utf8").trim()}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Host processes running as the sandbox's uid: with no sandbox running, every one would be a leftover. */
export function hostProcessesOfSandboxUser(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === SANDBOX_UID) found.push(`${entry}: ${/^Name:\s+(.*)$/m.exec(status)?.[1]}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

export function hostFreeBytes(): number {
  const fs = statfsSync("/");
  return fs.bavail * fs.bsize;
}

/**
 * This test process's own temp folder: fixtures are written there, and so would be anything the runner wrote
 * through os.tmpdir(). It must be empty when a file ends.
 */
export const privateTmp = mkdtempSync(path.join(os.tmpdir(), "tutor-sandbox-suite-"));
process.env.TMPDIR = privateTmp;

/** What may differ on the host's disk after a test file: other processes (jest's caches, logs) write too. */
const DISK_TOLERANCE_BYTES = 500 * 1024 * 1024;

/**
 * After a test file: none of its containers exists any more (nor its directory under /var/lib/docker), none had a
 * volume, none of their processes lives on, the runner wrote no temp file, and the host's disk is as it was.
 */
export async function expectHostClean(freeBytesBefore: number): Promise<void> {
  expect(createdContainers.size).toBeGreaterThan(0);
  const stillThere = (await sandboxContainers()).filter((c) => createdContainers.has(c.Id)).map((c) => c.Id);
  expect(stillThere).toEqual([]);
  for (const [id, { mounts }] of createdContainers) {
    expect(existsSync(`/var/lib/docker/containers/${id}`)).toBe(false);
    expect(mounts).toEqual([]);
  }
  expect(hostProcessesOf(createdContainers.keys())).toEqual([]);
  expect(readdirSync(privateTmp)).toEqual([]);
  expect(Math.abs(hostFreeBytes() - freeBytesBefore)).toBeLessThan(DISK_TOLERANCE_BYTES);
}

/** Registers the after-file host check for the calling test file. */
export function checkHostAfterFile(): void {
  let freeBytesBefore = 0;
  beforeAll(() => {
    freeBytesBefore = hostFreeBytes();
  });
  afterAll(async () => {
    sandboxes = new Map();
    await expectHostClean(freeBytesBefore);
    rmSync(privateTmp, { recursive: true, force: true });
  });
}

export type ContainerInspection = Awaited<ReturnType<Docker.Container["inspect"]>>;

/**
 * Grades a submission that sleeps for a while, and inspects its container through Docker while it runs: what
 * Docker actually applied, not only what containerOptions() asked for.
 */
export async function inspectRunningContainer(): Promise<{ inspection: ContainerInspection; graded: Graded }> {
  const running = gradeAttack("import time\ndef answer(x):\n    time.sleep(2)\n    return x * 2\n", {
    limits: { caseTimeoutMs: 5000, totalTimeoutMs: 5000 },
    files: { casesYaml: "- name: one\n  call: answer(1)\n  expect: 2\n" },
  });
  let inspection: ContainerInspection | undefined;
  for (let i = 0; i < 50 && !inspection; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const live = (await sandboxContainers()).find((c) => c.State === "running" && createdContainers.has(c.Id));
    if (live) inspection = await docker.getContainer(live.Id).inspect();
  }
  const graded = await running;
  if (!inspection) throw new Error("the container was never seen running");
  return { inspection, graded };
}
