// Attempt history, active time and both dashboards against the real platform: real grading in the sandbox, the
// real (offline) tutor, PostgreSQL. Each is asked as the right user and as the wrong ones, and no response may
// carry a hidden case's input or expected value.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureAccountWithRole } from "../../server/auth/accounts";
import { assignSet } from "../../server/courses/assignments";
import { createCourse } from "../../server/courses/courses";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import type { Platform } from "../../server/platform";
import { DEMO_CODE } from "../../server/seed/demo-histories";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { LearnerClient, startTestPlatform } from "../support/platform";

// A hidden case's input and expected value, planted to be looked for in every response.
const HIDDEN = /okapi/i;
const SOLUTION = readFileSync(path.resolve(__dirname, "../../exercises/basics/shout/solution.py"), "utf8");
const PRINTS = DEMO_CODE.shout.print;
const SHOUT = "/api/exercises/basics/shout";

function exercisesRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "tutor-progress-"));
  cpSync(path.resolve(__dirname, "../../exercises/basics"), path.join(root, "basics"), { recursive: true });
  const folder = writeExerciseFolder(
    {
      exerciseYaml: "title: Capitals\nsummary: Text in capitals.\ndifficulty: 1\nconcepts: [case-sensitivity]\nfile: answer.py\nentry: answer\n",
      solution: "def answer(text):\n    return text.upper()\n",
      casesYaml: ['- name: a short word', '  call: answer("hi")', '  expect: "HI"', "- name: the hidden one", '  call: answer("okapi-5521")', '  expect: "OKAPI-5521"', "  hidden: true", ""].join("\n"),
    },
    "capitals",
  );
  cpSync(folder, path.join(root, "secrets", "capitals"), { recursive: true });
  return root;
}

let platform: Platform;
let catalog: ExerciseCatalog;
let counter = 0;
const uniqueEmail = (who: string) => `${who}.${process.pid}.${++counter}@progress.example`;

beforeAll(async () => {
  const root = exercisesRoot();
  platform = await startTestPlatform({ exercisesDir: root });
  // The platform's own catalog of the same folder, for assigning sets the way the course routes do.
  catalog = ExerciseCatalog.load(root).catalog;
});
afterAll(async () => {
  await platform.stop();
});

async function submit(learner: LearnerClient, exercise: string, code: string): Promise<any> {
  const { status, json } = await learner.request("POST", `/api/exercises/${exercise}/submissions`, { code });
  expect(status).toBe(202);
  return learner.waitForVerdict(json.submission.id);
}

async function feedbackAndHints(learner: LearnerClient, submissionId: string, hints: number): Promise<any> {
  const feedback = await learner.request("GET", `/api/submissions/${submissionId}/feedback`);
  expect(feedback.status).toBe(200);
  for (let level = 1; level <= hints; level++) expect((await learner.request("POST", `/api/submissions/${submissionId}/hints`, { level })).status).toBe(200);
  return feedback.json.feedback;
}

describe("attempt history", () => {
  test("every submission with its result, the feedback concepts and the hints, newest first, for the asker only", async () => {
    const learner = new LearnerClient(platform.url); // anonymous: history works without an account
    const failed = await submit(learner, "basics/shout", PRINTS);
    expect(failed.verdict).toBe("failed");
    const feedback = await feedbackAndHints(learner, failed.id, 2);
    const passed = await submit(learner, "basics/shout", SOLUTION);
    expect(passed.verdict).toBe("passed");

    const { status, json } = await learner.request("GET", `${SHOUT}/history`);
    expect(status).toBe(200);
    expect(json.attempts.map((a: any) => a.submission.id)).toEqual([passed.id, failed.id]);
    const [latest, first] = json.attempts;
    expect(latest.submission).toMatchObject({ verdict: "passed", passedCount: 7, totalCount: 7, code: SOLUTION });
    expect(latest.feedback).toBeUndefined();
    expect(latest.hints).toEqual([]);
    expect(latest.secondsSincePrevious).toBeGreaterThanOrEqual(0);
    expect(first.submission.verdict).toBe("failed");
    expect(first.submission.tests).toHaveLength(7);
    expect(first.feedback.engine).toBe("offline");
    expect(first.feedback.concepts.map((c: any) => c.id)).toEqual(feedback.concepts.map((c: any) => c.id));
    expect(first.feedback.concepts.map((c: any) => c.id)).toContain("return-vs-print");
    expect(first.hints.map((h: any) => h.level)).toEqual([1, 2]);
    expect(first.secondsSincePrevious).toBeNull();
    expect(json.activeSeconds).toBe(0);

    // Another learner's history of the same exercise holds only their own work.
    const other = new LearnerClient(platform.url);
    expect((await other.request("GET", `${SHOUT}/history`)).json).toEqual({ attempts: [], activeSeconds: 0 });
    const theirs = await submit(other, "basics/shout", SOLUTION);
    const otherHistory = (await other.request("GET", `${SHOUT}/history`)).json;
    expect(otherHistory.attempts.map((a: any) => a.submission.id)).toEqual([theirs.id]);
  });

  test("an unknown exercise is a 404 and a malformed one a 400", async () => {
    const learner = new LearnerClient(platform.url);
    expect((await learner.request("GET", "/api/exercises/basics/no_such_thing/history")).status).toBe(404);
    expect((await learner.request("GET", "/api/exercises/Basics!/shout/history")).status).toBe(400);
  });
});

describe("active time", () => {
  test("rejects what is not 1 to 60 whole seconds with a 400 that says so, and adds up the rest", async () => {
    const learner = new LearnerClient(platform.url);
    for (const seconds of [0, 61, "30", 12.5, -5, null]) {
      const res = await learner.request("POST", `${SHOUT}/activity`, { seconds });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/seconds/);
    }
    expect((await learner.request("POST", `${SHOUT}/activity`, {})).status).toBe(400);
    expect((await learner.request("POST", `${SHOUT}/activity`, { seconds: 30, extra: 1 })).status).toBe(400);

    const userId = (await learner.request("GET", "/api/me")).json.user.id;
    // Reports count up to the time since the last one: move that back as if the learner had worked a while.
    const aWhileLater = () => platform.db.progress.updateMany({ where: { userId, exerciseId: "basics/shout" }, data: { updatedAt: new Date(Date.now() - 100_000) } });
    expect((await learner.request("POST", `${SHOUT}/activity`, { seconds: 30 })).status).toBe(204);
    await aWhileLater();
    expect((await learner.request("POST", `${SHOUT}/activity`, { seconds: 45 })).status).toBe(204);
    await aWhileLater();
    expect((await learner.request("POST", `${SHOUT}/activity`, { seconds: 60 })).status).toBe(204);
    expect((await learner.request("GET", `${SHOUT}/history`)).json.activeSeconds).toBe(135);
    // A burst of reports (a modified client, or several tabs) cannot claim more time than passed.
    for (let i = 0; i < 5; i++) await learner.request("POST", `${SHOUT}/activity`, { seconds: 60 });
    expect((await learner.request("GET", `${SHOUT}/history`)).json.activeSeconds).toBeLessThanOrEqual(135 + 5 * 2);
    // Time on the page is not an attempt.
    const list = (await learner.request("GET", "/api/exercises")).json.exercises;
    expect(list.find((e: any) => e.id === "basics/shout").progress.attempts).toBe(0);
    // Another learner's time is their own.
    expect((await new LearnerClient(platform.url).request("GET", `${SHOUT}/history`)).json.activeSeconds).toBe(0);
    expect((await learner.request("POST", "/api/exercises/basics/no_such_thing/activity", { seconds: 30 })).status).toBe(404);
  });

  test("without the CSRF token a report is refused", async () => {
    const learner = new LearnerClient(platform.url);
    const res = await learner.request("POST", `${SHOUT}/activity`, { seconds: 30 }, { "x-csrf-token": "forged" });
    expect(res.status).toBe(403);
  });
});

describe("learner dashboard", () => {
  test("solved and attempted counts, streak, tripping concepts after an explained failure, practised ones once solved", async () => {
    const learner = new LearnerClient(platform.url);
    await learner.signUp(uniqueEmail("dana"));
    const empty = (await learner.request("GET", "/api/dashboard")).json;
    expect(empty).toMatchObject({ solvedCount: 0, attemptedCount: 0, streakDays: 0, concepts: { practised: [], tripping: [] }, courses: [] });
    expect(empty.activity).toHaveLength(28);
    expect(empty.next[0]).toMatchObject({ id: "basics/shout", kind: "next" });

    const failed = await submit(learner, "basics/shout", PRINTS);
    await feedbackAndHints(learner, failed.id, 0);
    const afterFailure = (await learner.request("GET", "/api/dashboard")).json;
    expect(afterFailure).toMatchObject({ solvedCount: 0, attemptedCount: 1, streakDays: 1 });
    expect(afterFailure.concepts.tripping).toContainEqual({ id: "return-vs-print", title: "Return vs print", failures: 1 });
    expect(afterFailure.next[0]).toMatchObject({ id: "basics/shout", kind: "unsolved" });
    expect(afterFailure.activity.at(-1)).toMatchObject({ submissions: 1, solved: 0 });

    await submit(learner, "basics/shout", SOLUTION);
    const solved = (await learner.request("GET", "/api/dashboard")).json;
    expect(solved).toMatchObject({ solvedCount: 1, attemptedCount: 0, streakDays: 1 });
    expect(solved.concepts.tripping).toEqual([]);
    expect(solved.concepts.practised.map((c: any) => c.id).sort()).toEqual(["index-out-of-range", "return-vs-print", "string-immutability"]);
    expect(solved.activity.at(-1)).toMatchObject({ date: new Date().toISOString().slice(0, 10), submissions: 2, solved: 1 });
    expect(solved.next.map((n: any) => n.id)).not.toContain("basics/shout");

    // A submission yesterday and the day before extends the streak; a gap ends it.
    const day = 24 * 60 * 60 * 1000;
    await platform.db.submission.update({ where: { id: failed.id }, data: { createdAt: new Date(Date.now() - 2 * day) } });
    expect((await learner.request("GET", "/api/dashboard")).json.streakDays).toBe(1);
    await platform.db.submission.update({ where: { id: failed.id }, data: { createdAt: new Date(Date.now() - day) } });
    expect((await learner.request("GET", "/api/dashboard")).json.streakDays).toBe(2);
  });

  test("what is due in the learner's courses comes first in what to try next", async () => {
    const instructor = await ensureAccountWithRole(platform.db, uniqueEmail("teacher"), "correct horse battery", "instructor");
    const course = await createCourse(platform.db, "Due soon class", instructor.user.id);
    await assignSet(platform.db, catalog, course.id, "secrets", new Date(Date.now() + 2 * 24 * 60 * 60 * 1000));
    const learner = new LearnerClient(platform.url);
    const user = await learner.signUp(uniqueEmail("eli"));
    await platform.db.courseMember.create({ data: { courseId: course.id, userId: user.id, role: "learner" } });
    const dashboard = (await learner.request("GET", "/api/dashboard")).json;
    expect(dashboard.next[0]).toMatchObject({ id: "secrets/capitals", kind: "due" });
    expect(dashboard.next[0].reason).toMatch(/^Due soon class: due in 2 days/);
    expect(dashboard.courses).toEqual([{ id: course.id, name: "Due soon class", assignments: [expect.objectContaining({ setName: "secrets", exerciseCount: 1 })] }]);
  });
});

describe("instructor dashboard", () => {
  test("heatmap cells, most failed cases, failure concepts and hint usage, with no hidden value anywhere", async () => {
    const teacher = new LearnerClient(platform.url);
    const teacherUser = await teacher.signUp(uniqueEmail("ms.rivera"));
    await ensureAccountWithRole(platform.db, teacherUser.email, null, "instructor");
    const course = await createCourse(platform.db, "Period 3", teacherUser.id);
    await assignSet(platform.db, catalog, course.id, "basics", null);
    await assignSet(platform.db, catalog, course.id, "secrets", null);

    const join = async (name: string) => {
      const client = new LearnerClient(platform.url);
      const user = await client.signUp(uniqueEmail(name.toLowerCase()), undefined, name);
      await platform.db.courseMember.create({ data: { courseId: course.id, userId: user.id, role: "learner" } });
      return { client, user };
    };
    const ana = await join("Ana");
    const bo = await join("Bo");
    const cy = await join("Cy");

    const anaFail = await submit(ana.client, "basics/shout", PRINTS);
    await feedbackAndHints(ana.client, anaFail.id, 2);
    await submit(ana.client, "basics/shout", SOLUTION);
    const boFail = await submit(bo.client, "basics/shout", PRINTS);
    await feedbackAndHints(bo.client, boFail.id, 1);
    const boSecret = await submit(bo.client, "secrets/capitals", "def answer(text):\n    return text\n");
    expect(boSecret.tests.map((t: any) => t.status)).toEqual(["failed", "failed"]);

    const { status, json, headers } = await teacher.request("GET", `/api/courses/${course.id}/dashboard`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/application\/json/);
    expect(json.learners.map((l: any) => l.displayName)).toEqual(["Ana", "Bo", "Cy"]);
    expect(json.exercises.map((e: any) => e.id)).toEqual([...catalog.set("basics")!.exercises.map((e) => e.id), "secrets/capitals"]);
    const cell = (who: { user: any }, exerciseId: string) => json.cells.find((c: any) => c.learnerId === who.user.id && c.exerciseId === exerciseId);
    expect(cell(ana, "basics/shout")).toMatchObject({ status: "solved", attempts: 2, hintsUsed: 2 });
    expect(cell(bo, "basics/shout")).toMatchObject({ status: "attempted", attempts: 1, hintsUsed: 1 });
    expect(cell(bo, "secrets/capitals")).toMatchObject({ status: "attempted", attempts: 1, hintsUsed: 0 });
    expect(cell(cy, "basics/shout")).toMatchObject({ status: "not-started", attempts: 0, hintsUsed: 0 });
    expect(json.cells).toHaveLength(3 * 6);
    expect(json.summary).toEqual({ learners: 3, solvedCells: 1, attemptedCells: 2, notStartedCells: 15 });

    // The printing code fails every shout case, for Ana and for Bo.
    expect(json.mostFailedCases).toContainEqual({ exerciseId: "basics/shout", caseName: "one word", hidden: false, failures: 2, learners: 2 });
    expect(json.mostFailedCases).toContainEqual({ exerciseId: "basics/shout", caseName: "empty string", hidden: true, failures: 2, learners: 2 });
    expect(json.failureConcepts).toContainEqual({ id: "return-vs-print", title: "Return vs print", count: 2 });
    expect(json.hintUsage.find((u: any) => u.exerciseId === "basics/shout")).toEqual({ exerciseId: "basics/shout", level1: 2, level2: 1, level3: 0 });
    expect(json.hintUsage.find((u: any) => u.exerciseId === "secrets/capitals")).toEqual({ exerciseId: "secrets/capitals", level1: 0, level2: 0, level3: 0 });

    // The hidden case is named, never shown: not on the dashboard, not in Bo's own history or dashboard.
    const hiddenCase = (await teacher.request("GET", `/api/courses/${course.id}/dashboard`)).json.mostFailedCases.find((c: any) => c.exerciseId === "secrets/capitals" && c.hidden);
    expect(hiddenCase).toMatchObject({ caseName: "the hidden one", failures: 1, learners: 1 });
    const boHistory = await bo.client.request("GET", "/api/exercises/secrets/capitals/history");
    const boDashboard = await bo.client.request("GET", "/api/dashboard");
    for (const body of [json, boHistory.json, boDashboard.json]) expect(JSON.stringify(body)).not.toMatch(HIDDEN);
    // The stored observations do hold it (so the check above could fail): it is the API that keeps it in.
    const stored = await platform.db.submission.findUniqueOrThrow({ where: { id: boSecret.id } });
    expect(JSON.stringify(stored.observations)).toMatch(HIDDEN);
  });

  test("refusals: a learner of the course 403, a non-member 404, anonymous 401, an admin outside the course 404", async () => {
    const teacher = await ensureAccountWithRole(platform.db, uniqueEmail("teacher"), "correct horse battery", "instructor");
    const course = await createCourse(platform.db, "Private class", teacher.user.id);
    const route = `/api/courses/${course.id}/dashboard`;

    const learner = new LearnerClient(platform.url);
    const learnerUser = await learner.signUp(uniqueEmail("kim"));
    await platform.db.courseMember.create({ data: { courseId: course.id, userId: learnerUser.id, role: "learner" } });
    const asLearner = await learner.request("GET", route);
    expect(asLearner.status).toBe(403);
    expect(asLearner.json.error.message).toMatch(/instructors/);

    const outsider = new LearnerClient(platform.url);
    await outsider.signUp(uniqueEmail("lee"));
    expect((await outsider.request("GET", route)).status).toBe(404);

    const otherTeacher = new LearnerClient(platform.url);
    const otherTeacherUser = await otherTeacher.signUp(uniqueEmail("other.teacher"));
    await ensureAccountWithRole(platform.db, otherTeacherUser.email, null, "instructor");
    expect((await otherTeacher.request("GET", route)).status).toBe(404);

    const anonymous = new LearnerClient(platform.url);
    const asAnonymous = await anonymous.request("GET", route);
    expect(asAnonymous.status).toBe(401);
    expect(asAnonymous.json.error.message).toMatch(/Sign in/);

    const admin = new LearnerClient(platform.url);
    const adminEmail = uniqueEmail("admin");
    await ensureAccountWithRole(platform.db, adminEmail, "correct horse battery", "admin");
    await admin.signIn(adminEmail);
    expect((await admin.request("GET", route)).status).toBe(404);

    expect((await admin.request("GET", "/api/courses/not-a-uuid/dashboard")).status).toBe(400);

    const asTeacher = new LearnerClient(platform.url);
    await asTeacher.signIn(teacher.user.email!);
    const ok = await asTeacher.request("GET", route);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ learners: [{ id: learnerUser.id }], exercises: [], cells: [], summary: { learners: 1, solvedCells: 0, attemptedCells: 0, notStartedCells: 0 } });
  });
});

describe("the learning path", () => {
  test("a unit's page, what comes after an exercise, and a concept's exercises follow the learner's progress", async () => {
    const learner = new LearnerClient(platform.url); // anonymous: the path works without an account
    const unit = async () => (await learner.request("GET", "/api/units/basics")).json;
    const before = await unit();
    expect(before.unit).toMatchObject({ name: "basics", title: "Python basics", total: 5, solved: 0, attempted: 0 });
    expect(before.unit.concepts).toContainEqual({ id: "return-vs-print", title: "Return vs print", hasLesson: true });
    expect(before.exercises.map((e: any) => e.id)).toEqual(catalog.set("basics")!.exercises.map((e) => e.id));
    expect(before.nextUp).toMatchObject({ id: "basics/shout", kind: "same-unit", unit: { name: "basics", title: "Python basics" } });
    expect([before.previous, before.next]).toEqual([null, { name: "secrets", title: "Secrets" }]);
    // Before anything is solved, the exercise page already says what comes after it.
    expect((await learner.request("GET", `${SHOUT}/next`)).json.nextUp).toMatchObject({ id: "basics/sum_digits", kind: "same-unit" });

    await submit(learner, "basics/sum_digits", "def sum_digits(n):\n    return n\n");
    expect((await submit(learner, "basics/shout", SOLUTION)).verdict).toBe("passed");
    const next = (await learner.request("GET", `${SHOUT}/next`)).json;
    expect(next.unit).toMatchObject({ name: "basics", total: 5, solved: 1, attempted: 1 });
    expect(next.nextUp).toMatchObject({ id: "basics/sum_digits", set: "basics", slug: "sum_digits", title: "Sum of digits" });
    const after = await unit();
    expect(after.unit).toMatchObject({ solved: 1, attempted: 1 });
    expect(after.exercises.find((e: any) => e.id === "basics/shout").progress.solved).toBe(true);
    expect(after.nextUp.id).toBe("basics/sum_digits");

    // After the unit's last exercise comes one skipped earlier in the same unit, before any other unit.
    expect((await learner.request("GET", "/api/exercises/basics/apply_discount/next")).json.nextUp.id).toBe("basics/sum_digits");
    const list = (await learner.request("GET", "/api/exercises")).json;
    expect(list.units.map((u: any) => [u.name, u.solved, u.total])).toEqual([
      ["basics", 1, 5],
      ["secrets", 0, 1],
    ]);
    expect((await learner.request("GET", "/api/dashboard")).json.units.map((u: any) => [u.name, u.solved, u.attempted])).toEqual([
      ["basics", 1, 1],
      ["secrets", 0, 0],
    ]);

    const practise = (await learner.request("GET", "/api/concepts/return-vs-print/exercises")).json.exercises;
    expect(practise.find((e: any) => e.id === "basics/shout")).toEqual({ id: "basics/shout", title: "Shout it out", unit: { name: "basics", title: "Python basics" }, difficulty: 1, solved: true });
    expect((await learner.request("GET", "/api/concepts/case-sensitivity/exercises")).json.exercises.map((e: any) => e.id)).toContain("secrets/capitals");
    expect((await learner.request("GET", "/api/concepts/no-such-concept/exercises")).json.exercises).toEqual([]);

    // A new learner sees none of this learner's progress.
    expect((await new LearnerClient(platform.url).request("GET", "/api/units/basics")).json.unit.solved).toBe(0);
    for (const path of ["/api/units/secrets", "/api/exercises/secrets/capitals/next", "/api/concepts/case-sensitivity/exercises"]) {
      expect(JSON.stringify((await learner.request("GET", path)).json)).not.toMatch(HIDDEN);
    }
  });

  test("a unit that does not exist is a 404, and a name that is no folder name a 400", async () => {
    const learner = new LearnerClient(platform.url);
    const missing = await learner.request("GET", "/api/units/no-such-unit");
    expect([missing.status, missing.json.error.message]).toEqual([404, "The unit no-such-unit was not found."]);
    expect((await learner.request("GET", "/api/units/Bad%20Name")).status).toBe(400);
    expect((await learner.request("GET", "/api/exercises/basics/nope/next")).status).toBe(404);
    expect((await learner.request("GET", "/api/concepts/Not%20An%20Id/exercises")).status).toBe(400);
  });
});
