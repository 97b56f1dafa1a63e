// The durable queue: submissions are stored before grading, survive a killed server, wait while Docker is
// down, and are graded exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { connectDatabase, type Database } from "../../server/database/client";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import { SANDBOX_OWNER_LABEL } from "../../server/grading/sandbox/container-owner";
import { Sandbox } from "../../server/grading/sandbox/sandbox";
import { claimNextSubmission, enqueueSubmission } from "../../server/grading/lifecycle";
import { ensureRunnerImage } from "../../server/grading/runner-image";
import { GradingWorker } from "../../server/grading/worker";
import { silentSubmissionEvents } from "../../server/realtime/submission-events";
import { createMigratedDatabase, dropDatabase } from "../support/database";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const ROOT = path.resolve(__dirname, "../..");
const SOLUTION = "def shout(text):\n    if not text:\n        return ''\n    t = text.upper()\n    return t if t.endswith('!') else t + '!'\n";
// Sleeps at import time, so that the submission is still running when its server is killed.
const SLOW_SOLUTION = `import time\ntime.sleep(0.5)\n${SOLUTION}`;

// A database no other test file queues in: a worker here takes the oldest queued job, which must be this file's,
// not one another test file left queued in the run's shared one.
const DATABASE = `tutor_queue_${process.pid}`;
let databaseUrl: string;
let db: Database;
let catalog: ExerciseCatalog;
let userId: string;

beforeAll(async () => {
  databaseUrl = await createMigratedDatabase(DATABASE);
  db = connectDatabase(databaseUrl);
  catalog = ExerciseCatalog.load(path.join(ROOT, "exercises")).catalog;
  await catalog.syncTo(db);
});
beforeEach(async () => {
  userId = (await db.user.create({ data: { role: "learner" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(DATABASE);
});

async function eventKinds(submissionId: string): Promise<string[]> {
  const events = await db.submissionEvent.findMany({ where: { submissionId }, orderBy: { id: "asc" } });
  return events.map((e) => e.kind);
}

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function gradedSubmission(id: string, what: string) {
  return waitFor(async () => {
    const row = await db.submission.findUnique({ where: { id } });
    return row?.state === "graded" ? row : null;
  }, 30_000, what);
}

function worker(sandbox: () => Promise<Sandbox>, exercises: ExerciseCatalog = catalog): GradingWorker {
  return new GradingWorker({ db, databaseUrl, catalog: exercises, sandbox, references: freshReferenceCache(), events: silentSubmissionEvents, concurrency: 2, pollMs: 200 });
}

test("a submission is stored and queued before anything grades it", async () => {
  const { submission: s } = await enqueueSubmission(db, { userId, exerciseId: "basics/shout", code: SOLUTION });
  const stored = await db.submission.findUniqueOrThrow({ where: { id: s.id } });
  expect(stored.state).toBe("queued");
  expect(await eventKinds(s.id)).toEqual(["queued"]);
  // Leave nothing queued: the next tests' workers take the oldest queued job first. Grade it here.
  const w = worker(() => realSandbox());
  await w.start();
  await waitFor(async () => (await db.submission.findUnique({ where: { id: s.id } }))?.state === "graded", 30_000, "grading");
  await w.stop();
});

test("a job whose worker died is resumed by another worker once the lease expires, and graded once", async () => {
  const { submission: s } = await enqueueSubmission(db, { userId, exerciseId: "basics/shout", code: SOLUTION });
  // A worker claims it and dies without a word: its lease runs out after 500 ms.
  const claimed = await claimNextSubmission(db, "worker-that-died", 500);
  expect(claimed?.id).toBe(s.id);
  const w = worker(() => realSandbox());
  await w.start();
  const graded = await gradedSubmission(s.id, "the resumed submission to be graded");
  await w.stop();
  expect(graded.verdict).toBe("passed");
  expect(graded.gradingAttempts).toBe(2);
  expect(await eventKinds(s.id)).toEqual(["queued", "running", "resumed", "graded"]);
});

test("while Docker cannot be reached, a submission waits in the queue with a reason, then is graded", async () => {
  const { submission: s } = await enqueueSubmission(db, { userId, exerciseId: "basics/shout", code: SOLUTION });
  // A real Docker client pointed at a socket where no engine listens.
  const unreachable = new Docker({ socketPath: path.join(mkdtempSync(path.join(os.tmpdir(), "no-docker-")), "docker.sock") });
  const image = await ensureRunnerImage(new Docker());
  const down = worker(async () => new Sandbox(unreachable, image));
  await down.start();
  const waiting = await waitFor(async () => {
    const row = await db.submission.findUnique({ where: { id: s.id } });
    return row?.state === "queued" && row.message ? row : null;
  }, 30_000, "the submission to be postponed");
  await down.stop();
  expect(waiting.message).toMatch(/Docker engine cannot be reached.*Start Docker/);
  expect(await eventKinds(s.id)).toEqual(["queued", "running", "postponed"]);

  await db.submission.update({ where: { id: s.id }, data: { runAfter: new Date() } });
  const up = worker(() => realSandbox());
  await up.start();
  const graded = await gradedSubmission(s.id, "grading once Docker is back");
  await up.stop();
  expect(graded.verdict).toBe("passed");
});

test("a submission for an exercise that no longer exists fails to grade with a reason, not silently", async () => {
  await db.exercise.upsert({
    where: { id: "gone/away" },
    create: { id: "gone/away", setName: "gone", slug: "away", title: "Gone", summary: "Removed", difficulty: 1, contentHash: "x", available: false },
    update: {},
  });
  const { submission: s } = await enqueueSubmission(db, { userId, exerciseId: "gone/away", code: "x = 1\n" });
  const w = worker(() => realSandbox());
  await w.start();
  const failed = await waitFor(async () => {
    const row = await db.submission.findUnique({ where: { id: s.id } });
    return row?.state === "failed_to_grade" ? row : null;
  }, 30_000, "the submission to fail");
  await w.stop();
  expect(failed.verdict).toBe("internal-error");
  expect(failed.message).toMatch(/no longer exists/);
});

test("a submission for an exercise this worker's folder lacks yet waits, and is graded once the folder has it", async () => {
  // The exercise is published (a web server loaded it) but this worker's exercises folder is still empty.
  const lagging = mkdtempSync(path.join(os.tmpdir(), "tutor-lagging-"));
  const { submission: s } = await enqueueSubmission(db, { userId, exerciseId: "basics/shout", code: SOLUTION });
  const w = worker(() => realSandbox(), ExerciseCatalog.load(lagging).catalog);
  await w.start();
  await waitFor(async () => (await eventKinds(s.id)).includes("postponed"), 30_000, "the submission to be postponed");
  const waiting = await db.submission.findUniqueOrThrow({ where: { id: s.id } });
  expect(waiting.state).toBe("queued");
  expect(waiting.message).toMatch(/Waiting for the exercise/);

  cpSync(path.join(ROOT, "exercises/basics"), path.join(lagging, "basics"), { recursive: true });
  const graded = await gradedSubmission(s.id, "grading once the folder has the exercise");
  await w.stop();
  expect(graded.verdict).toBe("passed");
});

describe("a server killed mid-grading", () => {
  let server: ChildProcess | null = null;
  const port = 3900 + (process.pid % 90);
  const start = () => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/tutor.js"), "serve"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), TUTOR_LEASE_MS: "1500", TUTOR_GRADING_CONCURRENCY: "2", TUTOR_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "tutor-data-")) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new Promise<ChildProcess>((resolve, reject) => {
      let output = "";
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes("Tutor is running")) resolve(child);
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
  };
  afterEach(() => {
    server?.kill("SIGKILL");
  });
  const containersOwnedBy = async (pid: number) =>
    (await new Docker().listContainers({ all: true, filters: { label: [`${SANDBOX_OWNER_LABEL}`] } })).filter((c) => c.Labels[SANDBOX_OWNER_LABEL]!.startsWith(`${os.hostname()}/${pid}/`));

  test("resumes every queued and interrupted submission after a restart, with nothing lost or graded twice", async () => {
    server = await start();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await enqueueSubmission(db, { userId, exerciseId: "basics/shout", code: SLOW_SOLUTION })).submission.id);
    await waitFor(async () => (await db.submission.count({ where: { id: { in: ids }, state: "running" } })) > 0, 30_000, "grading to start");
    server.kill("SIGKILL");
    await new Promise((r) => server!.once("exit", r));
    const interrupted = await db.submission.findMany({ where: { id: { in: ids }, state: { not: "graded" } } });
    expect(interrupted.length).toBeGreaterThan(0);

    const crashed = server.pid!;
    server = await start();
    // The restarted server removes the crashed one's sandbox containers at once (their owner is gone).
    await waitFor(async () => (await containersOwnedBy(crashed)).length === 0, 30_000, "the crashed server's containers to be removed");
    const rows = await waitFor(async () => {
      const all = await db.submission.findMany({ where: { id: { in: ids } } });
      return all.every((r) => r.state === "graded") ? all : null;
    }, 60_000, "every submission to be graded after the restart");
    if (rows.some((r) => r.verdict !== "passed")) console.log(JSON.stringify(rows.map((r) => [r.message, r.results]), null, 1).slice(0, 3000));
    expect(rows.map((r) => r.verdict)).toEqual(["passed", "passed", "passed", "passed"]);
    for (const id of ids) {
      const kinds = await eventKinds(id);
      expect(kinds.filter((k) => k === "graded")).toHaveLength(1);
      expect(kinds[0]).toBe("queued");
    }
    const resumed = await db.submissionEvent.count({ where: { submissionId: { in: ids }, kind: "resumed" } });
    expect(resumed).toBeGreaterThan(0);
    const progress = await db.progress.findUniqueOrThrow({ where: { userId_exerciseId: { userId, exerciseId: "basics/shout" } } });
    expect(progress.attempts).toBe(4);

    // Stopped the normal way, a server removes its own containers (its pool) before it exits.
    const restarted = server.pid!;
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
    server = null;
    expect(await containersOwnedBy(restarted)).toEqual([]);
  });
});
