// A large regrade must not starve live grading: with 1,000 submissions queued for a regrade (bulk-inserted, never
// graded here), a learner's new submission is claimed ahead of them and graded while almost all of them still wait.
// Real PostgreSQL (a database of its own, so that nothing else is in its queue), real worker and sandbox. The test
// stops once the learner's verdict is in; the platform finishes only the few regrade jobs it had in hand.
import path from "node:path";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import type { Platform } from "../../server/platform";
import { requestRegrade } from "../../server/regrade/regrade";
import { createMigratedDatabase, dropDatabase } from "../support/database";
import { signedUpPerson, startTestPlatform } from "../support/platform";

const DATABASE = `tutor_regrade_queue_${process.pid}`;
const REGRADED = 1000;
let platform: Platform;

beforeAll(async () => {
  platform = await startTestPlatform({ databaseUrl: await createMigratedDatabase(DATABASE) });
});
afterAll(async () => {
  await platform?.stop();
  await dropDatabase(DATABASE);
});

test("a learner's new submission is graded while a regrade of 1,000 submissions is still queued", async () => {
  const { catalog } = ExerciseCatalog.load(path.resolve(__dirname, "../../exercises"));
  const exercise = catalog.get("basics/shout")!;
  // 1,000 graded submissions of 100 learners, against an older version of the exercise, in two statements.
  await platform.db.$executeRaw`INSERT INTO "User" (id, role) SELECT gen_random_uuid(), 'learner' FROM generate_series(1, 100)`;
  await platform.db.$executeRaw`
    INSERT INTO "Submission" (id, "userId", "exerciseId", code, state, verdict, "passedCount", "totalCount", results, "gradedContentHash", "createdAt", "finishedAt")
    SELECT gen_random_uuid(), u.id, ${exercise.id}, 'def shout(text):\n    return text.upper() + "!"\n', 'graded', 'passed', 3, 3, '[]'::jsonb, 'an older version',
           now() - interval '1 day', now() - interval '1 day'
    FROM (SELECT id FROM "User" WHERE email IS NULL AND "anonTokenHash" IS NULL) u, generate_series(1, ${REGRADED / 100}::int)`;
  const regrade = await requestRegrade(platform.db, exercise, null, "all", null);
  expect(regrade.queuedCount).toBe(REGRADED);

  const learner = await signedUpPerson(platform);
  const res = await learner.client.request("POST", `/api/exercises/${exercise.id}/submissions`, { code: 'def shout(text):\n    return text.upper() + "!"\n' });
  expect(res.status).toBe(202);
  // Regrades wait behind it: none of them counts as ahead of the learner.
  expect(res.json.submission.queuePosition).toBe(0);
  const verdict = await learner.client.waitForVerdict(res.json.submission.id, 120_000);
  expect(verdict.state).toBe("graded");
  const stillQueued = await platform.db.submission.count({ where: { regradeId: regrade.id, state: "queued" } });
  // Only the worker's other slot went on with regrade jobs meanwhile: almost all of them still wait.
  expect(stillQueued).toBeGreaterThan(REGRADED * 0.9);
});
