// Deadline extensions against the real platform, PostgreSQL and sandbox: one learner's own due date moves the
// late flag in the grades CSV for them alone, they see their own date wherever the assignment's date shows, a
// classmate keeps seeing the course's date, and only the course's instructors may list, grant or remove one.
import path from "node:path";
import { GRADE_COLUMNS } from "../../server/courses/grades";
import type { Platform } from "../../server/platform";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { LearnerClient, type Person, signedUpPerson, startTestPlatform } from "../support/platform";

const PAST_DUE = "2020-01-01T00:00:00.000Z";
const EXTENDED = "2099-01-01T00:00:00.000Z";

let platform: Platform;
let teacher: Person, coTeacher: Person, otherTeacher: Person, admin: Person, ada: Person, bob: Person, outsider: Person;
let courseId: string;

const extensionOf = (learnerId: string, setName = "tests") => `/api/courses/${courseId}/assignments/${setName}/extensions/${learnerId}`;
const listOf = () => `/api/courses/${courseId}/extensions`;
// The database is shared with other test files: count this course's rows only.
const extensionCount = () => platform.db.deadlineExtension.count({ where: { assignment: { courseId } } });

beforeAll(async () => {
  const dir = writeExerciseFolder({ solution: "def answer():\n    return 42\n", casesYaml: "- name: the answer\n  call: answer()\n  expect: 42\n" }, "answer");
  platform = await startTestPlatform({ exercisesDir: path.dirname(path.dirname(dir)) });
  [teacher, coTeacher, otherTeacher, admin, ada, bob, outsider] = await Promise.all([
    signedUpPerson(platform, "instructor", "Mr Instructor"),
    signedUpPerson(platform, "instructor", "Ms Co"),
    signedUpPerson(platform, "instructor", "Ms Other"),
    signedUpPerson(platform, "admin"),
    signedUpPerson(platform, "learner", "Ada"),
    signedUpPerson(platform, "learner", "Bob"),
    signedUpPerson(platform, "learner", "Outsider"),
  ]);
  const course = (await teacher.client.request("POST", "/api/courses", { name: "Extensions class" })).json.course;
  courseId = course.id;
  expect((await teacher.client.request("POST", `/api/courses/${courseId}/assignments`, { setName: "tests", dueAt: PAST_DUE })).status).toBe(201);
  expect((await teacher.client.request("POST", `/api/courses/${courseId}/instructors`, { email: coTeacher.email })).status).toBe(201);
  for (const learner of [ada, bob]) expect((await learner.client.request("POST", "/api/courses/join", { code: course.joinCode })).status).toBe(200);
  // Both solve the exercise today, long after the course's due date.
  for (const learner of [ada, bob]) {
    const res = await learner.client.request("POST", "/api/exercises/tests/answer/submissions", { code: "def answer():\n    return 42\n" });
    expect((await learner.client.waitForVerdict(res.json.submission.id)).verdict).toBe("passed");
  }
});
afterAll(async () => {
  await platform?.stop();
});

/** learner id -> [due_at, solved_on_time] from the course's CSV export. */
async function lateness(): Promise<Record<string, [string, string]>> {
  const res = await fetch(`${platform.url}/api/courses/${courseId}/export.csv`, { headers: { cookie: teacher.client.cookieHeader } });
  expect(res.status).toBe(200);
  const [, ...rows] = (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((line) => line.split(","));
  const cell = (row: string[], name: (typeof GRADE_COLUMNS)[number]) => row[GRADE_COLUMNS.indexOf(name)]!;
  return Object.fromEntries(rows.map((r) => [cell(r, "learner_id"), [cell(r, "due_at"), cell(r, "solved_on_time")]]));
}

/** The due date and extended flag of the "tests" assignment, as `who` sees it on the course page and in their list. */
async function seenBy(who: Person) {
  const detail = (await who.client.request("GET", `/api/courses/${courseId}`)).json.course.assignments[0];
  const listed = (await who.client.request("GET", "/api/courses")).json.courses.find((c: any) => c.id === courseId).assignments[0];
  expect([listed.dueAt, listed.extended]).toEqual([detail.dueAt, detail.extended]);
  return [detail.dueAt, detail.extended];
}

describe("an extension for one learner", () => {
  afterEach(async () => {
    await platform.db.deadlineExtension.deleteMany({ where: { assignment: { courseId } } });
  });

  test("moves the late flag in the CSV for that learner only, and removing it moves it back", async () => {
    expect(await lateness()).toEqual({ [ada.id]: [PAST_DUE, "no"], [bob.id]: [PAST_DUE, "no"] });

    const granted = await teacher.client.request("PUT", extensionOf(ada.id), { dueAt: "2099-01-01T01:00:00+01:00" });
    expect(granted.status).toBe(200);
    expect(granted.json.extension).toEqual({
      setName: "tests",
      learner: { id: ada.id, displayName: "Ada", email: ada.email },
      dueAt: EXTENDED,
      courseDueAt: PAST_DUE,
      grantedBy: { id: teacher.id, displayName: "Mr Instructor", email: teacher.email },
      grantedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await lateness()).toEqual({ [ada.id]: [EXTENDED, "yes"], [bob.id]: [PAST_DUE, "no"] });

    expect((await teacher.client.request("DELETE", extensionOf(ada.id), {})).status).toBe(204);
    expect(await lateness()).toEqual({ [ada.id]: [PAST_DUE, "no"], [bob.id]: [PAST_DUE, "no"] });
    const again = await teacher.client.request("DELETE", extensionOf(ada.id), {});
    expect(again.status).toBe(404);
    expect(again.json.error.message).toMatch(/extension/);
  });

  test("the learner sees their own date on the course page, in their course list and under due soon; a classmate sees the course's", async () => {
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
    expect((await teacher.client.request("PUT", extensionOf(ada.id), { dueAt: soon })).status).toBe(200);
    expect(await seenBy(ada)).toEqual([soon, true]);
    expect(await seenBy(bob)).toEqual([PAST_DUE, false]);
    // The instructors see the course's date on the course itself, and the extension in the list.
    expect(await seenBy(teacher)).toEqual([PAST_DUE, false]);

    const dueSoon = async (who: Person) => (await who.client.request("GET", "/api/dashboard")).json.courses.find((c: any) => c.id === courseId).assignments;
    expect(await dueSoon(ada)).toEqual([expect.objectContaining({ setName: "tests", dueAt: soon, extended: true })]);
    expect(await dueSoon(bob)).toEqual([]);
    // Nothing of Ada's extension reaches Bob.
    for (const route of [`/api/courses/${courseId}`, "/api/courses", "/api/dashboard"]) {
      expect(JSON.stringify((await bob.client.request("GET", route)).json)).not.toContain(soon);
    }
  });

  test("granting again replaces the date and who granted it; any of the course's instructors may", async () => {
    await teacher.client.request("PUT", extensionOf(ada.id), { dueAt: "2098-01-01T00:00:00Z" });
    const replaced = await coTeacher.client.request("PUT", extensionOf(ada.id), { dueAt: EXTENDED });
    expect(replaced.status).toBe(200);
    const list = await teacher.client.request("GET", listOf());
    expect(list.status).toBe(200);
    expect(list.json.extensions).toEqual([expect.objectContaining({ setName: "tests", learner: expect.objectContaining({ id: ada.id }), dueAt: EXTENDED, grantedBy: expect.objectContaining({ id: coTeacher.id }) })]);
    expect(await extensionCount()).toBe(1);
  });

  test("a learner who leaves the course drops out of the list", async () => {
    const carl = await signedUpPerson(platform, "learner", "Carl");
    const code = (await teacher.client.request("GET", `/api/courses/${courseId}`)).json.course.joinCode;
    await carl.client.request("POST", "/api/courses/join", { code });
    await teacher.client.request("PUT", extensionOf(carl.id), { dueAt: EXTENDED });
    expect((await teacher.client.request("GET", listOf())).json.extensions).toHaveLength(1);
    expect((await teacher.client.request("DELETE", `/api/courses/${courseId}/members/${carl.id}`, {})).status).toBe(204);
    expect((await teacher.client.request("GET", listOf())).json.extensions).toEqual([]);
  });
});

describe("refusals", () => {
  const routes = () => [
    ["GET", listOf(), undefined],
    ["PUT", extensionOf(ada.id), { dueAt: EXTENDED }],
    ["DELETE", extensionOf(ada.id), {}],
  ] as const;

  test("a learner of the course gets a 403, for their own extension too", async () => {
    for (const [method, route, body] of routes()) {
      const res = await ada.client.request(method, route, body);
      expect([method, res.status, res.json.error.message]).toEqual([method, 403, "Only the course's instructors can see this."]);
    }
  });

  test("an outsider, another course's instructor and an admin get a 404; an anonymous visitor a 401", async () => {
    for (const [method, route, body] of routes()) {
      for (const who of [outsider, otherTeacher, admin]) expect([method, (await who.client.request(method, route, body)).status]).toEqual([method, 404]);
      expect([method, (await new LearnerClient(platform.url).request(method, route, body)).status]).toEqual([method, 401]);
    }
    expect(await extensionCount()).toBe(0);
  });
});

describe("bad input gets a 400 that says what to do", () => {
  test("a date that is not an ISO 8601 date and time with a time zone, or none", async () => {
    for (const body of [{ dueAt: "next tuesday" }, { dueAt: "2030-05-01" }, { dueAt: "2030-02-31T17:00:00Z" }, { dueAt: "2030-05-01T17:00:00" }, { dueAt: null }, {}, { dueAt: EXTENDED, reason: "ill" }]) {
      const res = await teacher.client.request("PUT", extensionOf(ada.id), body);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/dueAt|reason/);
    }
    const res = await teacher.client.request("PUT", extensionOf(ada.id), { dueAt: "tomorrow" });
    expect(res.json.error.message).toMatch(/ISO 8601.*DELETE/);
  });

  test("someone who is not a learner of the course: an outsider, an instructor, an id that is no one's", async () => {
    for (const id of [outsider.id, teacher.id, "00000000-0000-4000-8000-000000000000"]) {
      const res = await teacher.client.request("PUT", extensionOf(id), { dueAt: EXTENDED });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/not a learner of this course/);
    }
    expect((await teacher.client.request("PUT", extensionOf("not-a-uuid"), { dueAt: EXTENDED })).status).toBe(400);
    expect(await extensionCount()).toBe(0);
  });

  test("a set the course does not assign is a 404", async () => {
    expect((await teacher.client.request("PUT", extensionOf(ada.id, "basics"), { dueAt: EXTENDED })).status).toBe(404);
    expect((await teacher.client.request("DELETE", extensionOf(ada.id, "basics"), {})).status).toBe(404);
  });
});
