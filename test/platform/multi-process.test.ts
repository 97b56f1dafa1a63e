// Past one machine: two `tutor worker` processes and two web-only `tutor serve` processes share one PostgreSQL
// database. Learners' sockets are spread over both web servers and many submit through the server their socket
// is not on; a burst must be shared by both workers, and every verdict must reach its learner's socket once.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { connectDatabase, type Database } from "../../server/database/client";
import { startTutorProcess, type TutorProcess } from "../support/cli";
import { createMigratedDatabase, dropDatabase } from "../support/database";
import { connectLearnerSocket, LearnerClient } from "../support/platform";

const SOLUTION = "def shout(text):\n    if not text:\n        return ''\n    t = text.upper()\n    return t if t.endswith('!') else t + '!'\n";
const WRONG = "def shout(text):\n    return text\n";
const LEARNERS = 20;
const SUBMISSIONS_EACH = 2;

const databaseName = `${process.env.TUTOR_TEST_DATABASE_NAME}_multi`;
let databaseUrl: string;
let db: Database;
const workers: TutorProcess[] = [];
const webs: TutorProcess[] = [];
const sockets: Socket[] = [];

const processEnv = () => ({ DATABASE_URL: databaseUrl, TUTOR_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "tutor-data-")), TUTOR_GRADING_CONCURRENCY: "1" });

beforeAll(async () => {
  databaseUrl = await createMigratedDatabase(databaseName);
  db = connectDatabase(databaseUrl);
  // Web servers first: they mirror the exercises into the database, which workers only read.
  for (let i = 0; i < 2; i++) webs.push(await startTutorProcess(["serve", "--no-worker", "--port", "0"], processEnv(), /Tutor is running at (\S+)/));
  workers.push(...(await Promise.all([0, 1].map(() => startTutorProcess(["worker"], processEnv(), /Tutor worker (\S+) is grading/)))));
});

afterAll(async () => {
  for (const s of sockets) s.close();
  const codes = await Promise.all([...workers, ...webs].map((p) => p.stop()));
  await db?.$disconnect();
  await dropDatabase(databaseName);
  // A clean SIGTERM shutdown: every process finished its work and exited 0.
  expect(codes).toEqual([0, 0, 0, 0]);
});

const urlOf = (web: TutorProcess) => web.ready[1]!;

interface Learner {
  /** The web server this learner's socket is connected to. */
  home: string;
  finished: Map<string, { verdict: string; count: number }>;
  submitted: { id: string; expected: string; via: string }[];
}

async function learnerOn(index: number): Promise<{ client: LearnerClient; learner: Learner }> {
  const home = urlOf(webs[index % 2]!);
  const client = new LearnerClient(home);
  await client.request("GET", "/api/me");
  const socket = await connectLearnerSocket(home, client);
  sockets.push(socket);
  const learner: Learner = { home, finished: new Map(), submitted: [] };
  socket.on("submission:finished", (e: { submissionId: string; submission: { verdict: string } }) => {
    const seen = learner.finished.get(e.submissionId);
    learner.finished.set(e.submissionId, { verdict: e.submission.verdict, count: (seen?.count ?? 0) + 1 });
  });
  return { client, learner };
}

async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("a burst is shared by both workers and every verdict reaches its learner's socket on either web server, once", async () => {
  const learners = await Promise.all(Array.from({ length: LEARNERS }, (_, i) => learnerOn(i)));
  // The burst: each learner's submissions go through one web server and then the other, all at once.
  await Promise.all(
    learners.flatMap(({ client, learner }, i) =>
      Array.from({ length: SUBMISSIONS_EACH }, async (_, j) => {
        const via = urlOf(webs[(i + j) % 2]!);
        const expected = (i + j) % 3 === 0 ? "failed" : "passed";
        const res = await client.via(via).request("POST", "/api/exercises/basics/shout/submissions", { code: expected === "passed" ? SOLUTION : WRONG });
        expect(res.status).toBe(202);
        learner.submitted.push({ id: res.json.submission.id, expected, via });
      }),
    ),
  );
  const all = learners.flatMap(({ learner }) => learner.submitted);
  expect(all).toHaveLength(LEARNERS * SUBMISSIONS_EACH);
  expect(new Set(all.map((s) => s.id)).size).toBe(all.length);

  await until(async () => (await db.submission.count({ where: { state: { in: ["graded", "failed_to_grade"] } } })) === all.length, "every submission to be graded");
  await until(() => learners.every(({ learner }) => learner.finished.size === learner.submitted.length), "every verdict to reach its socket");
  // Room for a duplicate or a stray event to arrive before counting: none should.
  await new Promise((r) => setTimeout(r, 1500));

  for (const { learner } of learners) {
    // Exactly this learner's submissions, each once, with the verdict stored for it.
    expect([...learner.finished.keys()].sort()).toEqual(learner.submitted.map((s) => s.id).sort());
    for (const s of learner.submitted) expect(learner.finished.get(s.id)).toEqual({ verdict: s.expected, count: 1 });
  }
  // Half the verdicts above reached a socket on the web server their submission did not go through.
  const across = learners.flatMap(({ learner }) => learner.submitted.filter((s) => s.via !== learner.home));
  expect(across).toHaveLength(all.length / 2);

  const rows = await db.submission.findMany({ include: { events: true } });
  expect(rows).toHaveLength(all.length);
  const workerIds = workers.map((w) => w.ready[1]!);
  const gradedBy = new Map<string, number>();
  for (const row of rows) {
    expect(row.state).toBe("graded");
    const graded = row.events.filter((e) => e.kind === "graded");
    expect(graded).toHaveLength(1);
    const workerId = (graded[0]!.detail as { workerId: string }).workerId;
    expect(workerIds).toContain(workerId);
    gradedBy.set(workerId, (gradedBy.get(workerId) ?? 0) + 1);
  }
  // Both workers took part.
  expect([...gradedBy.keys()].sort()).toEqual([...workerIds].sort());
  console.log(`graded per worker: ${[...gradedBy].map(([id, n]) => `${id} ${n}`).join(", ")}`);
});

test("the tutor's live events reach the learner's socket on the other web server", async () => {
  const { client } = await learnerOn(0);
  const socket = sockets.at(-1)!;
  const progress = new Promise<{ stage: string }>((resolve) => socket.on("tutor:progress", (e: { requestId: string; stage: string }) => e.requestId === "across" && resolve(e)));
  const res = await client.via(urlOf(webs[1]!)).request("POST", "/api/tutor/explain", { code: "def double(x):\n    return x * 2\n", requestId: "across" });
  expect(res.status).toBe(200);
  expect((await progress).stage).toBe("running");
});
