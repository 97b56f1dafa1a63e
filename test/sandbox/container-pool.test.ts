// The pool of containers started ahead of time: each container grades one submission and is then removed, the pool
// refills, a container that died while waiting is never handed out, and stop() leaves nothing behind.
import type Docker from "dockerode";
import { ContainerPool, type PoolOptions } from "../../server/grading/container-pool";
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

function newPool(size: number, options: Partial<PoolOptions> = {}): ContainerPool {
  const pool = new ContainerPool(docker, image, DEFAULT_LIMITS, { size, ...options });
  pools.push(pool);
  return pool;
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

const REQUEST = { file: "answer.py", source: CORRECT_DOUBLE, cases: [{ id: 0, call: "answer(21)" }] };

test("a pooled container grades one submission, is removed, and the pool refills", async () => {
  const pool = newPool(2);
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
  const pool = newPool(2);
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
  const pool = newPool(2);
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
  const pool = newPool(3);
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
  const neverQuiet = newPool(5, { refillAtOnceBelow: 2, quietMs: 10 * 60_000 });
  neverQuiet.start();
  await until(() => neverQuiet.readyCount === 2, "the part that cannot wait is started");
  await new Promise((r) => setTimeout(r, 1500));
  expect(neverQuiet.readyCount).toBe(2);
  await neverQuiet.stop();

  const pool = newPool(5, { refillAtOnceBelow: 2, quietMs: 100 });
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
