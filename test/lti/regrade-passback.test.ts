// A regrade reaches the LMS gradebook (issues 15 and 16 together): an exercise ships with a wrong expected value,
// a learner launched from a graded link passes by writing to the mistake and the LMS gets 2/2; the case is fixed,
// the instructor regrades from the course page, and the LMS gets what the submission is worth now, 1/2, dated after
// the first score so that the LMS takes it. Outside a regrade a lower result is never sent (grade-passback.test.ts).
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { announceExerciseChange } from "../../server/exercises/change-feed";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { ROLE } from "../support/lti-platform";
import { LtiBrowser, toolWithLms } from "../support/lti-launch";
import { LearnerClient, until } from "../support/platform";

const EXERCISE = "tests/double";
const caseFile = (expectForTwo: number) => `- name: zero\n  call: answer(0)\n  expect: 0\n- name: two\n  call: answer(2)\n  expect: ${expectForTwo}\n`;
// The case for answer(2) first expects 5, a slip for 4: this program passes only while the case is wrong.
const TO_THE_MISTAKE = "def answer(x):\n    return 5 if x == 2 else x * 2\n";
const exerciseDir = writeExerciseFolder({ solution: "def answer(x):\n    return x * 2\n", casesYaml: caseFile(5) }, "double");
const session = toolWithLms({ exercisesDir: path.dirname(path.dirname(exerciseDir)), ltiScoreRetryMs: 300 }, true);

test("after the case is fixed, a regrade sends the learner's lower score to the LMS, dated after the first", async () => {
  const { tool, lms } = session;
  const context = { id: `context-${randomUUID()}`, title: "Doubling" };
  const teacherBrowser = new LtiBrowser(tool.url);
  expect((await teacherBrowser.launch(lms, { user: { sub: `teacher-${randomUUID()}`, roles: [ROLE.instructor] }, context, custom: { tutor_target: "tests" } })).status).toBe(303);
  const teacher = new LearnerClient(tool.url, teacherBrowser.jar);
  const courseId = (await tool.db.ltiContext.findFirstOrThrow({ where: { contextId: context.id } })).courseId;
  expect((await teacher.request("POST", `/api/courses/${courseId}/assignments`, { setName: "tests" })).status).toBe(201);

  const lineItem = lms.addLineItem({ scoreMaximum: 100, label: "Double" });
  const sub = `learner-${randomUUID()}`;
  const learnerBrowser = new LtiBrowser(tool.url);
  const launched = await learnerBrowser.launch(lms, { user: { sub, roles: [ROLE.learner] }, context, resourceLinkId: `link-${randomUUID()}`, custom: { tutor_target: EXERCISE }, lineItemUrl: lineItem });
  expect(launched.status).toBe(303);
  const learner = new LearnerClient(tool.url, learnerBrowser.jar);
  const posted = await learner.request("POST", `/api/exercises/${EXERCISE}/submissions`, { code: TO_THE_MISTAKE });
  expect(posted.status).toBe(202);
  const graded = await learner.waitForVerdict(posted.json.submission.id);
  expect([graded.verdict, graded.passedCount, graded.totalCount]).toEqual(["passed", 2, 2]);
  const scoresOn = () => lms.scores.filter((s) => s.lineItemId === lineItem);
  await until("the first score reaches the LMS", scoresOn, (s) => s.length === 1, 60_000);

  writeFileSync(path.join(exerciseDir, "cases.yaml"), caseFile(4));
  await announceExerciseChange(tool.db, EXERCISE);
  await until("the course page lists the changed exercise", async () => (await teacher.request("GET", `/api/courses/${courseId}/regrades`)).json.changed, (c) => c.length === 1, 60_000);
  expect((await teacher.request("POST", `/api/courses/${courseId}/regrades`, { exercise: EXERCISE, scope: "latest" })).status).toBe(202);

  const scores = await until("the regraded score reaches the LMS", scoresOn, (s) => s.length === 2, 60_000);
  expect(scores.map((s) => [s.userId, s.scoreGiven, s.scoreMaximum, s.activityProgress])).toEqual([
    [sub, 2, 2, "Completed"],
    [sub, 1, 2, "InProgress"],
  ]);
  expect(Date.parse(scores[1]!.timestamp)).toBeGreaterThan(Date.parse(scores[0]!.timestamp));
  // The learner's own history keeps the first verdict; the submission now holds the new one.
  const regraded = await learner.request("GET", `/api/submissions/${graded.id}`);
  expect([regraded.json.submission.verdict, regraded.json.submission.passedCount]).toEqual(["failed", 1]);
});
