// The pool of containers started ahead of time: each container grades one submission and is then removed, the pool
// refills, a container that died while waiting is never handed out, and stop() leaves nothing behind. Sized by
// demand, it starts small, grows under a burst and shrinks back after a quiet period; a fixed size stays put.
import type Docker from "dockerode";
import { ContainerPool, type PoolOptions } from "../../server/grading/container-pool";
import type { PoolBounds } from "../../server/grading/pool-sizing";
import { gradeSubmission } from "../../server/grading/grade";
import { Sandbox } from "../../server/grading/sandbox/sandbox";
import { DEFAULT_LIMITS } from "../../server/grading/limits";
import { ensureRunnerImage } from "../../server/grading/runner-image";
import { SANDBOX_LABEL, type StartedContainer } from "../../server/grading/sandbox/container-policy";
import { runInStartedSandbox } from "../../server/grading/sandbox/sandbox";
import { checkHostAfterFile, CORRECT_DOUBLE, createdContainers, exerciseFrom, memoryReferenceCache, trackingDocker } from "./attack";

checkHostAfterFile();

let docker: Docker;
let image: string;
const pools: ContainerPool[] = [];

beforeAll(async () => {
  docker = trackingDocker();
  image = await ensureRunnerImage(docker);
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

function newPool(bounds: PoolBounds, options: Partial<PoolOptions> = {}): ContainerPool {
  const pool = new ContainerPool(docker, image, DEFAULT_LIMITS, { bounds, ...options });
  pools.push(pool);
  return pool;
}

/** A pool of a fixed size (as TUTOR_CONTAINER_POOL gives), refilled at once below half of it unless told. */
function fixedPool(size: number, { floor, ...options }: Partial<PoolOptions> & { floor?: number } = {}): ContainerPool {
  return newPool({ floor: floor ?? Math.ceil(size / 2), least: size, most: size }, options);
}

async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function exists(id: string): Promise<boolean> {
  return docker
    .getContainer(id)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

async function runningPoolContainers(): Promise<string[]> {
  const listed = await docker.listContainers({ filters: { label: [`${SANDBOX_LABEL}=1`] } });
  return listed.map((c) => c.Id).filter((id) => createdContainers.has(id));
}

/** The quiet period of the shrinking test: long enough to see the grown pool full, short enough for a quick test. */
const SHRINK_AFTER_MS = 2000;

const REQUEST = { file: "answer.py", source: CORRECT_DOUBLE, cases: [{ id: 0, call: "answer(21)" }] };

test("a pooled container grades one submission, is removed, and the pool refills", async () => {
  const pool = fixedPool(2);
  pool.start();
  await until(() => pool.readyCount === 2, "the pool is full");
  const first = (await pool.take())!;
  expect(first).not.toBeNull();
  const run = await runInStartedSandbox(first, REQUEST, DEFAULT_LIMITS);
  expect(run.end).toBe("done");
  expect(run.events.find((e) => e.kind === "case")).toMatchObject({ observation: { outcome: "returned", value: { t: "int", v: "42" } } });
  pool.release(first);
  await until(async () => !(await exists(first.container.id)), "the used container is removed");
  await until(() => pool.readyCount === 2, "the pool refilled");
  const second = (await pool.take())!;
  expect(second.container.id).not.toBe(first.container.id);
  pool.release(second);
});

test("the Sandbox grades through its pool, a new container each time", async () => {
  const pool = fixedPool(2);
  const sandbox = new Sandbox(docker, image, DEFAULT_LIMITS, pool);
  const exercise = exerciseFrom();
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) {
    await until(() => pool.readyCount > 0 || i === 0, "a container is ready");
    const result = await gradeSubmission(sandbox, memoryReferenceCache(), exercise, CORRECT_DOUBLE);
    expect(result.status).toBe("passed");
    for (const id of createdContainers.keys()) seen.add(id);
  }
  // Three submissions, each in its own container (plus those waiting): never one container twice.
  expect(seen.size).toBeGreaterThanOrEqual(3);
  await sandbox.close();
  for (const id of seen) expect(await exists(id)).toBe(false);
});

test("a container that dies while waiting is removed, replaced and never handed out", async () => {
  const pool = fixedPool(2);
  pool.start();
  await until(() => pool.readyCount === 2, "the pool is full");
  const [victim] = await runningPoolContainers();
  await docker.getContainer(victim!).kill({ signal: "SIGKILL" });
  await until(async () => !(await exists(victim!)), "the dead container is removed");
  await until(() => pool.readyCount === 2, "the pool replaced it");
  const taken: StartedContainer[] = [(await pool.take())!, (await pool.take())!];
  expect(taken.map((t) => t.container.id)).not.toContain(victim);
  for (const t of taken) {
    const run = await runInStartedSandbox(t, REQUEST, DEFAULT_LIMITS);
    expect(run.end).toBe("done");
    pool.release(t);
  }
});

test("stop() removes every container, even those still starting, and the pool hands out no more", async () => {
  const pool = fixedPool(3);
  pool.start();
  // Stopped while its containers are being created and started.
  await new Promise((r) => setTimeout(r, 50));
  await pool.stop();
  expect(await pool.take()).toBeNull();
  for (const id of createdContainers.keys()) expect(await exists(id)).toBe(false);
});

// A large pool spends Docker's work only in quiet moments: what it needs at once it starts at once, the rest while no
// container is in use, and it stops as soon as one is.
test("a large pool starts what it needs at once and the rest only while grading is quiet", async () => {
  const neverQuiet = fixedPool(5, { floor: 2, quietMs: 10 * 60_000 });
  neverQuiet.start();
  await until(() => neverQuiet.readyCount === 2, "the part that cannot wait is started");
  await new Promise((r) => setTimeout(r, 1500));
  expect(neverQuiet.readyCount).toBe(2);
  await neverQuiet.stop();

  const pool = fixedPool(5, { floor: 2, quietMs: 100 });
  pool.start();
  await until(() => pool.readyCount === 5, "the rest is started once quiet");
  const held = (await pool.take())!;
  // In use: no container is removed or started until it is given back, though the pool is one short.
  await new Promise((r) => setTimeout(r, 1500));
  expect(pool.readyCount).toBe(4);
  const run = await runInStartedSandbox(held, REQUEST, DEFAULT_LIMITS);
  expect(run.end).toBe("done");
  pool.release(held);
  await until(async () => !(await exists(held.container.id)), "the used container is removed once quiet");
  await until(() => pool.readyCount === 5, "the pool refilled once quiet");
});

/** Takes `count` containers at once (as that many grading slots would), grades in each, and gives them back. */
async function burst(pool: ContainerPool, count: number): Promise<void> {
  const taken = await Promise.all(Array.from({ length: count }, () => pool.take()));
  for (const started of taken) {
    expect(started).not.toBeNull();
    const run = await runInStartedSandbox(started!, REQUEST, DEFAULT_LIMITS);
    expect(run.end).toBe("done");
    pool.release(started!);
  }
}

/** The running sandbox containers this test process started. */
async function running(): Promise<number> {
  return (await runningPoolContainers()).length;
}

test("a demand-sized pool starts small and grows under a burst, saying so once for each change", async () => {
  const lines: string[] = [];
  const pool = newPool({ floor: 2, least: 3, most: 8 }, { quietMs: 100, log: (l) => lines.push(l) });
  pool.start();
  await until(() => pool.readyCount === 3, "the pool holds its least");
  // Nothing presses it: it stays at its least, not at its most.
  await new Promise((r) => setTimeout(r, 1500));
  expect([pool.target, pool.readyCount, await running()]).toEqual([3, 3, 3]);

  // Six submissions at once from a pool of three: the 2nd finds it at its floor with more than half of it taken
  // (to 6), the 4th finds it empty with more than half of 6 taken (to 8, its most).
  await burst(pool, 6);
  expect(pool.target).toBe(8);
  await until(() => pool.readyCount === 8, "the pool grew to its new target");
  await until(async () => (await running()) === 8, "the used containers are removed");
  expect(lines.filter((l) => l.includes("came faster"))).toEqual([
    "container pool: 2 submissions came faster than their containers were replaced; keeping 6 started from now on (at most 8)",
    "container pool: 4 submissions came faster than their containers were replaced; keeping 8 started from now on (at most 8)",
  ]);
  expect(lines.filter((l) => l.includes("keeping 3 sandbox containers"))).toHaveLength(1);
});

test("a grown pool goes back to its least after a quiet period, removing the idle containers beyond it", async () => {
  const lines: string[] = [];
  const pool = newPool({ floor: 2, least: 3, most: 8 }, { quietMs: 100, shrinkAfterMs: SHRINK_AFTER_MS, log: (l) => lines.push(l) });
  pool.start();
  await until(() => pool.readyCount === 3, "the pool holds its least");
  await burst(pool, 6);
  // The quiet period starts once it holds what it grew to (the line says so: "at 8"); then the 5 waiting beyond 3
  // are removed.
  await until(async () => pool.target === 3 && pool.readyCount === 3 && (await running()) === 3, "the pool is back to 3 containers", 60_000);
  expect(lines.filter((l) => l.includes("back to"))).toEqual([expect.stringMatching(/^container pool: \d+ seconds at 8 without a rush; back to 3 started containers$/)]);
  // And stays there.
  await new Promise((r) => setTimeout(r, 1000));
  expect([pool.target, pool.readyCount]).toEqual([3, 3]);
});

test("a fixed size (TUTOR_CONTAINER_POOL) does not grow under a burst", async () => {
  const lines: string[] = [];
  const pool = fixedPool(3, { floor: 2, quietMs: 100, shrinkAfterMs: 100, log: (l) => lines.push(l) });
  pool.start();
  await until(() => pool.readyCount === 3, "the pool is full");
  await burst(pool, 6);
  expect(pool.target).toBe(3);
  await until(async () => pool.readyCount === 3 && (await running()) === 3, "the pool refilled to its size");
  await new Promise((r) => setTimeout(r, 1000));
  expect([pool.target, pool.readyCount, await running()]).toEqual([3, 3, 3]);
  expect(lines).toEqual(["container pool: keeping 3 sandbox containers started ahead of grading, each for one submission (a fixed number, TUTOR_CONTAINER_POOL)"]);
});
