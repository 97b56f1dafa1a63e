// Back-pressure a learner can see: while no worker grades, every queued submission is told how many submissions
// are ahead of it (its own and other learners'), over the API and the socket, and the number falls as the queue
// drains.
import type { Socket } from "socket.io-client";
import { claimNextSubmission, failGrading } from "../../server/grading/lifecycle";
import type { Platform } from "../../server/platform";
import { createMigratedDatabase, dropDatabase } from "../support/database";
import { connectLearnerSocket, LearnerClient, startTestPlatform } from "../support/platform";

const CODE = "def shout(text):\n    return text.upper() + '!'\n";
let platform: Platform;
const sockets: Socket[] = [];

// A database no other test file queues in: positions count every learner's queued submissions, including any that
// other test files left queued in the run's shared one.
const DATABASE = `tutor_queue_position_${process.pid}`;

beforeAll(async () => {
  platform = await startTestPlatform({ databaseUrl: await createMigratedDatabase(DATABASE) }, false);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await platform.stop();
  await dropDatabase(DATABASE);
});

async function learner(): Promise<{ client: LearnerClient; queued: Map<string, number> }> {
  const client = new LearnerClient(platform.url);
  await client.request("GET", "/api/me");
  const socket = await connectLearnerSocket(platform.url, client);
  sockets.push(socket);
  const queued = new Map<string, number>();
  socket.on("submission:queued", (p: { submissionId: string; queuePosition: number }) => queued.set(p.submissionId, p.queuePosition));
  return { client, queued };
}

async function submit(client: LearnerClient): Promise<{ id: string; queuePosition: number }> {
  const res = await client.request("POST", "/api/exercises/basics/shout/submissions", { code: CODE });
  expect(res.status).toBe(202);
  return res.json.submission;
}

async function positionOf(client: LearnerClient, id: string): Promise<number | null> {
  const res = await client.request("GET", `/api/submissions/${id}`);
  return res.json.submission.queuePosition;
}

test("each queued submission is told how many are ahead of it, and the number falls as the queue drains", async () => {
  const ann = await learner();
  const bob = await learner();
  // Interleaved, one after another so that their order is certain: ann, bob, ann, ann, bob.
  const order = [ann, bob, ann, ann, bob];
  const submitted: { id: string; owner: typeof ann; queuePosition: number }[] = [];
  for (const owner of order) submitted.push({ ...(await submit(owner.client)), owner });

  expect(submitted.map((s) => s.queuePosition)).toEqual([0, 1, 2, 3, 4]);
  for (const s of submitted) expect(await positionOf(s.owner.client, s.id)).toBe(s.queuePosition);
  // The socket said the same, to the owner only.
  await new Promise((r) => setTimeout(r, 300));
  for (const s of submitted) {
    expect(s.owner.queued.get(s.id)).toBe(s.queuePosition);
    const other = s.owner === ann ? bob : ann;
    expect(other.queued.has(s.id)).toBe(false);
  }

  // A worker takes the first: it is being graded, so it is still ahead of the others.
  const claimed = await claimNextSubmission(platform.db, "test-worker", 30_000);
  expect(claimed?.id).toBe(submitted[0]!.id);
  expect(await positionOf(ann.client, submitted[0]!.id)).toBeNull();
  for (const s of submitted.slice(1)) expect(await positionOf(s.owner.client, s.id)).toBe(s.queuePosition);

  // Once it is finished, everyone behind it moves up one place.
  await failGrading(platform.db, claimed!.id, "test-worker", "finished by the test");
  const after = await Promise.all(submitted.slice(1).map((s) => positionOf(s.owner.client, s.id)));
  expect(after).toEqual([0, 1, 2, 3]);
});
