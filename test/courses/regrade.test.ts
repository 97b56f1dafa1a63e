// Regrading against the real PostgreSQL and sandbox: an exercise ships with a wrong expected value, learners are
// graded against it, then the case is fixed. The course page's data says how many submissions are stale, a regrade
// of each learner's latest flips the verdicts that depended on the mistake (keeping the earlier ones in each
// submission's history, and marking the learner's own history as regraded), progress follows the new verdicts
// without counting an attempt, the summary names who flipped, only the course's instructors may do any of it, and
// `tutor regrade` does the same from the command line, for a course or for everyone.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { announceExerciseChange } from "../../server/exercises/change-feed";
import type { Platform } from "../../server/platform";
import { runTutor } from "../support/cli";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { LearnerClient, type Person, signedUpPerson, startTestPlatform, until } from "../support/platform";

const EXERCISE = "tests/double";
const caseFile = (expectForTwo: number) => `- name: zero\n  call: answer(0)\n  expect: 0\n- name: two\n  call: answer(2)\n  expect: ${expectForTwo}\n`;
const CORRECT = "def answer(x):\n    return x * 2\n";
// Written to the wrong expected value: passes only while the case is wrong.
const TO_THE_MISTAKE = "def answer(x):\n    return 5 if x == 2 else x * 2\n";
const WRONG = "def answer(x):\n    return x\n";

let platform: Platform;
let exerciseDir: string;
let exercisesDir: string;
let teacher: Person, otherTeacher: Person, ada: Person, bob: Person, cy: Person, dee: Person;
let courseId: string;
let otherCourseId: string;
const submissions: Record<string, string> = {};

async function submit(who: Person, code: string): Promise<any> {
  const res = await who.client.request("POST", `/api/exercises/${EXERCISE}/submissions`, { code });
  expect(res.status).toBe(202);
  return who.client.waitForVerdict(res.json.submission.id);
}

const regrades = () => teacher.client.request("GET", `/api/courses/${courseId}/regrades`);
const progressOf = async (who: Person) => (await who.client.request("GET", `/api/exercises/${EXERCISE}`)).json.exercise.progress;

beforeAll(async () => {
  // The exercise as first published: the case for answer(2) expects 5, a slip for 4.
  exerciseDir = writeExerciseFolder({ solution: CORRECT, casesYaml: caseFile(5) }, "double");
  exercisesDir = path.dirname(path.dirname(exerciseDir));
  platform = await startTestPlatform({ exercisesDir });
  teacher = await signedUpPerson(platform, "instructor", "Ms Teacher");
  otherTeacher = await signedUpPerson(platform, "instructor", "Mr Elsewhere");
  ada = await signedUpPerson(platform, "learner", "Ada");
  bob = await signedUpPerson(platform, "learner", "Bob");
  cy = await signedUpPerson(platform, "learner", "Cy");
  dee = await signedUpPerson(platform, "learner", "Dee");
  const course = (await teacher.client.request("POST", "/api/courses", { name: "Doubling" })).json.course;
  courseId = course.id;
  otherCourseId = (await otherTeacher.client.request("POST", "/api/courses", { name: "Elsewhere" })).json.course.id;
  expect((await teacher.client.request("POST", `/api/courses/${courseId}/assignments`, { setName: "tests" })).status).toBe(201);
  for (const learner of [ada, bob, cy]) expect((await learner.client.request("POST", "/api/courses/join", { code: course.joinCode })).status).toBe(200);
  // Dee is in no course: a course's regrade never touches her work.
  const graded = await Promise.all([submit(ada, CORRECT), submit(bob, TO_THE_MISTAKE), submit(cy, WRONG), submit(dee, CORRECT)]);
  [submissions.ada, submissions.bob, submissions.cyFirst, submissions.dee] = graded.map((s) => s.id);
  submissions.cy = (await submit(cy, CORRECT)).id;
  expect(graded.map((s) => s.verdict)).toEqual(["failed", "passed", "failed", "failed"]);
});
afterAll(async () => {
  await platform?.stop();
});

test("while the exercise is unchanged, nothing is stale and a regrade says there is nothing to do", async () => {
  expect((await regrades()).json).toEqual({ changed: [], regrades: [] });
  const res = await teacher.client.request("POST", `/api/courses/${courseId}/regrades`, { exercise: EXERCISE, scope: "all" });
  expect(res.status).toBe(409);
  expect(res.json.error.message).toMatch(/graded against the exercise as it is now, so there is nothing to regrade/);
});

test("after the case is fixed, regrading each learner's latest flips the verdicts, keeps history, and moves progress", async () => {
  writeFileSync(path.join(exerciseDir, "cases.yaml"), caseFile(4));
  await announceExerciseChange(platform.db, EXERCISE);
  const { json } = await until("the change reaching the course page", regrades, (r) => r.json.changed.length > 0, 90_000);
  expect(json.changed).toEqual([{ exercise: { id: EXERCISE, title: "Fixture" }, staleCount: 5 - 1, latestStaleCount: 3 }]);
  expect(await progressOf(bob)).toMatchObject({ attempts: 1, solved: true });

  const started = await teacher.client.request("POST", `/api/courses/${courseId}/regrades`, { exercise: EXERCISE, scope: "latest" });
  expect(started.status).toBe(202);
  expect(started.json.regrade).toMatchObject({ exercise: { id: EXERCISE }, courseId, scope: "latest", queuedCount: 3, requestedBy: { id: teacher.id } });
  const route = `/api/courses/${courseId}/regrades/${started.json.regrade.id}`;
  const { json: done } = await until("the regrade", () => teacher.client.request("GET", route), (r) => r.json.regrade.done, 90_000);
  const names = (list: { displayName: string }[]) => list.map((l) => l.displayName);
  expect(done.regrade).toMatchObject({ queuedCount: 3, regradedCount: 3, changedCount: 3 });
  expect(names(done.regrade.nowPassing)).toEqual(["Ada", "Cy"]);
  expect(names(done.regrade.nowFailing)).toEqual(["Bob"]);

  // Progress follows the new verdicts; a regrade is not an attempt.
  expect(await progressOf(ada)).toMatchObject({ attempts: 1, solved: true, bestVerdict: "passed" });
  expect(await progressOf(bob)).toMatchObject({ attempts: 1, solved: false, bestVerdict: "failed" });
  expect(await progressOf(cy)).toMatchObject({ attempts: 2, solved: true });

  // The earlier verdict stays in the submission's events; the learner's own history says it was regraded.
  const events = await platform.db.submissionEvent.findMany({ where: { submissionId: submissions.bob }, orderBy: { id: "asc" } });
  expect(events.map((e) => e.kind)).toEqual(["queued", "running", "graded", "regrade", "running", "graded"]);
  expect(events[3]!.detail).toMatchObject({ verdict: "passed", passed: 2, total: 2, regradeId: started.json.regrade.id });
  const history = (await bob.client.request("GET", `/api/exercises/${EXERCISE}/history`)).json;
  expect(history.attempts[0].submission).toMatchObject({ id: submissions.bob, state: "graded", verdict: "failed", regrade: { pending: false } });
  expect(typeof history.attempts[0].submission.regrade.at).toBe("string");

  // Cy's earlier submission was not her latest: still stale, and Dee's work outside the course is untouched.
  expect((await regrades()).json.changed).toEqual([{ exercise: { id: EXERCISE, title: "Fixture" }, staleCount: 1, latestStaleCount: 0 }]);
  expect(await platform.db.submission.findUnique({ where: { id: submissions.dee } })).toMatchObject({ state: "graded", regradeId: null, verdict: "failed" });
  // The summary stays on the course page.
  expect((await regrades()).json.regrades).toEqual([done.regrade]);
});

test("only the course's instructors see or start regrades; others get the course's usual refusals", async () => {
  const regradeId = (await regrades()).json.regrades[0].id;
  const routes: [string, string, unknown?][] = [
    ["GET", `/api/courses/${courseId}/regrades`],
    ["POST", `/api/courses/${courseId}/regrades`, { exercise: EXERCISE, scope: "all" }],
    ["GET", `/api/courses/${courseId}/regrades/${regradeId}`],
  ];
  const refusals: [LearnerClient, number][] = [
    [new LearnerClient(platform.url), 401],
    [ada.client, 403],
    [otherTeacher.client, 404],
  ];
  for (const [method, route, body] of routes) {
    for (const [client, status] of refusals) {
      const res = await client.request(method, route, body);
      expect([route, res.status]).toEqual([route, status]);
      expect(JSON.stringify(res.json)).not.toContain("Bob");
    }
  }
  // Nothing was queued by the refused POSTs.
  expect(await platform.db.submission.findUnique({ where: { id: submissions.cyFirst } })).toMatchObject({ state: "graded", regradeId: null });
  // Another course's instructor cannot reach this regrade through their own course either.
  expect((await otherTeacher.client.request("GET", `/api/courses/${otherCourseId}/regrades/${regradeId}`)).status).toBe(404);
});

test("bad input gets a clear error", async () => {
  const post = (body: unknown) => teacher.client.request("POST", `/api/courses/${courseId}/regrades`, body);
  expect((await post({ exercise: EXERCISE, scope: "some" })).json.error.message).toMatch(/scope must be latest .* or all/);
  expect((await post({ exercise: "double", scope: "all" })).json.error.message).toMatch(/exercise must be an exercise id such as basics\/shout/);
  const missing = await post({ exercise: "tests/nothing_here", scope: "all" });
  expect(missing.status).toBe(404);
  expect(missing.json.error.message).toContain('"tests/nothing_here"');
  expect((await teacher.client.request("GET", `/api/courses/${courseId}/regrades/12`)).status).toBe(400);
});

test("npx tutor regrade <set>/<slug> [--course ID] [--all] queues, waits, and prints the summary", async () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-regrade-"));
  const env = { DATABASE_URL: process.env.DATABASE_URL, TUTOR_EXERCISES_DIR: exercisesDir, TUTOR_DATA_DIR: scratch };
  const unknown = await runTutor(["regrade", "tests/nothing_here"], scratch, env);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/There is no exercise "tests\/nothing_here" in .*: name it as <set>\/<slug>/);
  expect((await runTutor(["regrade"], scratch, env)).stderr).toContain("usage: tutor regrade <set>/<slug> [--course ID] [--all]");

  // The course's learners' latest submissions are all current; --all takes up Cy's earlier one, graded by the platform's worker.
  const latest = await runTutor(["regrade", EXERCISE, "--course", courseId], scratch, env);
  expect([latest.code, latest.stdout]).toEqual([0, expect.stringMatching(/^Nothing to regrade\. Every latest submission of tests\/double in this course was graded against/)]);
  const all = await runTutor(["regrade", EXERCISE, "--course", courseId, "--all"], scratch, env);
  expect(all.code).toBe(0);
  expect(all.stdout).toMatch(/Queued 1 submission of tests\/double for regrading/);
  expect(all.stdout).toMatch(/1 of 1 regraded; 0 verdicts changed\.\nNo learner went from failed to passed\.\nNo learner went from passed to failed\./);

  // Without --course: everyone's, Dee's too, who is in no course.
  const everyone = await runTutor(["regrade", EXERCISE], scratch, env);
  expect(everyone.code).toBe(0);
  expect(everyone.stdout).toMatch(/1 of 1 regraded; 1 verdict changed\.\nNow passing \(failed before\): Dee <learner\.[^>]+>/);
  expect(await progressOf(dee)).toMatchObject({ attempts: 1, solved: true });
});
