// Courses against the real platform and PostgreSQL: creating one, joining with its code, assigning problem sets
// with due dates, co-instructors, and each refusal tried as the wrong user (anonymous, a learner, a learner of
// the course, an instructor or admin who is not in it).
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCourse } from "../../server/courses/courses";
import type { Role } from "../../server/database/generated/client";
import type { Platform } from "../../server/platform";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { LearnerClient, type Person, signedUpPerson, startTestPlatform } from "../support/platform";

let platform: Platform;
let counter = 0;

/** basics (the real set, whose set.yaml has a title), a set without set.yaml, and a folder with no exercises. */
function exercisesRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "tutor-courses-"));
  cpSync(path.resolve(__dirname, "../../exercises/basics"), path.join(root, "basics"), { recursive: true });
  const fixture = writeExerciseFolder({ solution: "def answer():\n    return 42\n", casesYaml: "- name: the answer\n  call: answer()\n  expect: 42\n" }, "the_answer");
  cpSync(fixture, path.join(root, "more_practice", "the_answer"), { recursive: true });
  mkdirSync(path.join(root, "empty_set"));
  return root;
}

const person = (role: Role, displayName?: string) => signedUpPerson(platform, role, displayName);

async function newCourse(owner: Person, name = `Course ${++counter}`) {
  const res = await owner.client.request("POST", "/api/courses", { name });
  expect(res.status).toBe(201);
  return res.json.course as { id: string; joinCode: string; name: string };
}

beforeAll(async () => {
  platform = await startTestPlatform({ exercisesDir: exercisesRoot() }, false);
});
afterAll(async () => {
  await platform.stop();
});

describe("who may use courses", () => {
  test("an anonymous learner is asked to sign in (401) for every course route", async () => {
    const anonymous = new LearnerClient(platform.url);
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const attempts = [
      await anonymous.request("GET", "/api/courses"),
      await anonymous.request("POST", "/api/courses", { name: "Mine" }),
      await anonymous.request("POST", "/api/courses/join", { code: course.joinCode }),
      await anonymous.request("GET", `/api/courses/${course.id}`),
      await anonymous.request("POST", `/api/courses/${course.id}/assignments`, { setName: "basics" }),
      await anonymous.request("GET", `/api/courses/${course.id}/export.csv`),
      await anonymous.request("GET", `/api/courses/${course.id}/learners/${owner.id}/timeline`),
      await anonymous.request("GET", "/api/exercise-sets"),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.json.error.message).toMatch(/Sign in/);
    }
  });

  test("a learner account cannot create a course or list the sets to assign (403)", async () => {
    const learner = await person("learner");
    const create = await learner.client.request("POST", "/api/courses", { name: "My own class" });
    expect(create.status).toBe(403);
    expect(create.json.error.message).toMatch(/instructor or admin/);
    expect((await learner.client.request("GET", "/api/exercise-sets")).status).toBe(403);
    expect(await platform.db.course.count({ where: { name: "My own class" } })).toBe(0);
  });

  test("a course is a 404 to anyone not in it: a learner, another course's instructor, an admin", async () => {
    const course = await newCourse(await person("instructor"));
    for (const outsider of [await person("learner"), await person("instructor"), await person("admin")]) {
      for (const route of [`/api/courses/${course.id}`, `/api/courses/${course.id}/export.csv`]) {
        const res = await outsider.client.request("GET", route);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.json)).not.toContain(course.joinCode);
      }
      const assign = await outsider.client.request("POST", `/api/courses/${course.id}/assignments`, { setName: "basics" });
      expect(assign.status).toBe(404);
      expect((await outsider.client.request("GET", "/api/courses")).json.courses).toEqual([]);
    }
    // An id that was never a course reads the same.
    const stranger = await person("learner");
    const missing = await stranger.client.request("GET", "/api/courses/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe("The course was not found.");
  });
});

describe("creating and joining a course", () => {
  test("an instructor creates a course, becomes its instructor and gets an unambiguous 8-character code", async () => {
    const owner = await person("instructor");
    const res = await owner.client.request("POST", "/api/courses", { name: "  Python, week one  " });
    expect(res.status).toBe(201);
    expect(res.json.course).toMatchObject({ name: "Python, week one", role: "instructor", learnerCount: 0, assignments: [] });
    expect(res.json.course.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const member = await platform.db.courseMember.findUniqueOrThrow({ where: { courseId_userId: { courseId: res.json.course.id, userId: owner.id } } });
    expect(member.role).toBe("instructor");
    const list = await owner.client.request("GET", "/api/courses");
    expect(list.json.courses.map((c: { id: string }) => c.id)).toEqual([res.json.course.id]);
    expect(list.json.courses[0].joinCode).toBe(res.json.course.joinCode);
  });

  test("an admin may create a course too", async () => {
    const admin = await person("admin");
    expect((await admin.client.request("POST", "/api/courses", { name: "Admins' class" })).status).toBe(201);
  });

  test("a course needs a name", async () => {
    const owner = await person("instructor");
    const empty = await owner.client.request("POST", "/api/courses", { name: "   " });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/name: a course needs a name/);
    expect((await owner.client.request("POST", "/api/courses", {})).status).toBe(400);
    expect((await owner.client.request("POST", "/api/courses", { name: "x".repeat(121) })).status).toBe(400);
  });

  test("learners join with the code in any case, with spaces or a hyphen; joining twice changes nothing", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const ada = await person("learner", "Ada");
    const typed = `${course.joinCode.slice(0, 4).toLowerCase()}-${course.joinCode.slice(4).toLowerCase()}`;
    const first = await ada.client.request("POST", "/api/courses/join", { code: typed });
    expect(first.status).toBe(200);
    expect(first.json.course).toMatchObject({ id: course.id, name: course.name, role: "learner" });
    // What only instructors see is not in a learner's view.
    expect(first.json.course.joinCode).toBeUndefined();
    expect(first.json.course.learnerCount).toBeUndefined();

    const again = await ada.client.request("POST", "/api/courses/join", { code: ` ${course.joinCode.toLowerCase()} ` });
    expect(again.status).toBe(200);
    expect(again.json.course.id).toBe(course.id);
    expect(await platform.db.courseMember.count({ where: { courseId: course.id, userId: ada.id } })).toBe(1);
    expect((await owner.client.request("GET", "/api/courses")).json.courses[0].learnerCount).toBe(1);
    expect((await ada.client.request("GET", "/api/courses")).json.courses).toEqual([expect.objectContaining({ id: course.id, role: "learner" })]);
  });

  test("an instructor who joins their own course with its code stays its instructor", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const res = await owner.client.request("POST", "/api/courses/join", { code: course.joinCode });
    expect(res.json.course.role).toBe("instructor");
    expect(res.json.course.joinCode).toBe(course.joinCode);
  });

  test("a wrong code is a 404 that says what to do", async () => {
    const learner = await person("learner");
    for (const code of ["ZZZZZZZZ", "nope", ""]) {
      const res = await learner.client.request("POST", "/api/courses/join", { code });
      expect(res.status).toBe(404);
      expect(res.json.error.message).toMatch(/No course has this join code. Check it with your instructor/);
    }
    expect((await learner.client.request("POST", "/api/courses/join", { code: 12345678 })).status).toBe(400);
  });

  test("when a new code is already taken, another is drawn; a run of clashes is reported", async () => {
    const owner = await person("instructor");
    const taken = await newCourse(owner);
    const codes = [taken.joinCode, taken.joinCode, "QWERTY23"];
    const course = await createCourse(platform.db, "Drawn again", owner.id, () => codes.shift()!);
    expect(course.joinCode).toBe("QWERTY23");
    expect(codes).toEqual([]);
    await expect(createCourse(platform.db, "Never", owner.id, () => taken.joinCode)).rejects.toThrow("5 join codes in a row were already in use");
    expect(await platform.db.course.count({ where: { name: "Never" } })).toBe(0);
  });
});

describe("problem sets and due dates", () => {
  test("instructors see the sets they can assign, titled by set.yaml or by their folder name", async () => {
    const res = await (await person("instructor")).client.request("GET", "/api/exercise-sets");
    expect(res.status).toBe(200);
    expect(res.json.sets).toEqual([
      { name: "basics", title: "Python basics", exerciseCount: 5 },
      { name: "more_practice", title: "More practice", exerciseCount: 1 },
    ]);
  });

  test("assigning a set that does not exist (or has no exercises) is a 400 naming the sets there are", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    for (const setName of ["advanced", "empty_set"]) {
      const res = await owner.client.request("POST", `/api/courses/${course.id}/assignments`, { setName });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBe(`There is no problem set called "${setName}" with exercises in it. The sets are: basics, more_practice.`);
    }
    const bad = await owner.client.request("POST", `/api/courses/${course.id}/assignments`, { setName: "../secrets" });
    expect(bad.status).toBe(400);
    expect(await platform.db.assignment.count({ where: { courseId: course.id } })).toBe(0);
  });

  test("due dates round-trip: set with a time zone, read back in UTC, changed, cleared", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const base = `/api/courses/${course.id}/assignments`;
    const created = await owner.client.request("POST", base, { setName: "basics", dueAt: "2030-05-01T17:00:00+02:00" });
    expect(created.status).toBe(201);
    expect(created.json.assignment).toEqual({ setName: "basics", title: "Python basics", dueAt: "2030-05-01T15:00:00.000Z", extended: false, exerciseCount: 5 });
    const read = async () => (await owner.client.request("GET", `/api/courses/${course.id}`)).json.course.assignments[0].dueAt;
    expect(await read()).toBe("2030-05-01T15:00:00.000Z");

    const moved = await owner.client.request("PUT", `${base}/basics`, { dueAt: "2030-06-01T09:30:00Z" });
    expect(moved.status).toBe(200);
    expect(moved.json.assignment.dueAt).toBe("2030-06-01T09:30:00.000Z");
    expect(await read()).toBe("2030-06-01T09:30:00.000Z");
    expect((await owner.client.request("PUT", `${base}/basics`, { dueAt: null })).json.assignment.dueAt).toBeNull();
    expect(await read()).toBeNull();

    const undated = await owner.client.request("POST", base, { setName: "more_practice" });
    expect(undated.json.assignment.dueAt).toBeNull();
    const list = (await owner.client.request("GET", "/api/courses")).json.courses[0];
    expect(list.assignments.map((a: { setName: string }) => a.setName)).toEqual(["basics", "more_practice"]);
  });

  test("bad due dates, a set assigned twice, and changing what is not assigned get clear errors", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const base = `/api/courses/${course.id}/assignments`;
    for (const dueAt of ["next tuesday", "2030-05-01", "2030-05-01T17:00:00", 1700000000]) {
      const res = await owner.client.request("POST", base, { setName: "basics", dueAt });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/dueAt/);
    }
    expect((await owner.client.request("POST", base, { setName: "basics" })).status).toBe(201);
    const twice = await owner.client.request("POST", base, { setName: "basics" });
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toMatch(/already assigned to this course: change its due date instead/);
    expect((await owner.client.request("PUT", `${base}/more_practice`, { dueAt: null })).status).toBe(404);
    expect((await owner.client.request("DELETE", `${base}/more_practice`, {})).status).toBe(404);
  });

  test("an assignment is removed; only the course's instructors may change assignments (a learner gets 403)", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const base = `/api/courses/${course.id}/assignments`;
    await owner.client.request("POST", base, { setName: "basics" });
    const learner = await person("learner");
    await learner.client.request("POST", "/api/courses/join", { code: course.joinCode });
    expect((await learner.client.request("POST", base, { setName: "more_practice" })).status).toBe(403);
    expect((await learner.client.request("PUT", `${base}/basics`, { dueAt: null })).status).toBe(403);
    expect((await learner.client.request("DELETE", `${base}/basics`, {})).status).toBe(403);
    expect(await platform.db.assignment.count({ where: { courseId: course.id } })).toBe(1);

    expect((await owner.client.request("DELETE", `${base}/basics`, {})).status).toBe(204);
    expect((await learner.client.request("GET", `/api/courses/${course.id}`)).json.course.assignments).toEqual([]);
  });
});

describe("co-instructors", () => {
  test("a course instructor adds an instructor account by email; it then teaches the course", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const colleague = await person("instructor", "Grace");
    const res = await owner.client.request("POST", `/api/courses/${course.id}/instructors`, { email: colleague.email.toUpperCase() });
    expect(res.status).toBe(201);
    expect(res.json.member).toMatchObject({ id: colleague.id, displayName: "Grace", email: colleague.email, role: "instructor" });
    const detail = await colleague.client.request("GET", `/api/courses/${course.id}`);
    expect(detail.json.course).toMatchObject({ role: "instructor", joinCode: course.joinCode });
    expect(detail.json.course.members.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual([[colleague.id, "instructor"], [owner.id, "instructor"]].sort());
    expect((await colleague.client.request("POST", `/api/courses/${course.id}/assignments`, { setName: "basics" })).status).toBe(201);
  });

  test("a learner account, an unknown email, or a request from a learner of the course is refused", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const learner = await person("learner");
    await learner.client.request("POST", "/api/courses/join", { code: course.joinCode });
    const route = `/api/courses/${course.id}/instructors`;

    const notInstructor = await owner.client.request("POST", route, { email: learner.email });
    expect(notInstructor.status).toBe(409);
    expect(notInstructor.json.error.message).toMatch(/learner account: an admin must give it the instructor role/);
    const unknown = await owner.client.request("POST", route, { email: "nobody.here@school.example" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/ask them to sign up first/);

    const colleague = await person("instructor");
    expect((await learner.client.request("POST", route, { email: colleague.email })).status).toBe(403);
    expect((await colleague.client.request("POST", route, { email: colleague.email })).status).toBe(404);
    expect(await platform.db.courseMember.count({ where: { courseId: course.id, role: "instructor" } })).toBe(1);
  });
});

describe("removing members", () => {
  test("an instructor removes a learner, who then sees the course as missing; their work stays theirs", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const ada = await person("learner", "Ada");
    expect((await ada.client.request("POST", "/api/courses/join", { code: course.joinCode })).status).toBe(200);
    const bob = await person("learner", "Bob");
    await bob.client.request("POST", "/api/courses/join", { code: course.joinCode });

    // A learner of the course cannot remove anyone, not even another learner.
    expect((await bob.client.request("DELETE", `/api/courses/${course.id}/members/${ada.id}`, {})).status).toBe(403);
    const removed = await owner.client.request("DELETE", `/api/courses/${course.id}/members/${ada.id}`, {});
    expect(removed.status).toBe(204);
    expect((await ada.client.request("GET", `/api/courses/${course.id}`)).status).toBe(404);
    expect((await ada.client.request("GET", "/api/courses")).json.courses).toEqual([]);
    expect(await platform.db.user.count({ where: { id: ada.id } })).toBe(1);
    expect((await owner.client.request("GET", `/api/courses/${course.id}/learners/${ada.id}/timeline`)).status).toBe(404);
    expect((await owner.client.request("DELETE", `/api/courses/${course.id}/members/${ada.id}`, {})).status).toBe(404);
  });

  test("the last instructor cannot be removed; with a co-instructor, one can leave", async () => {
    const owner = await person("instructor");
    const course = await newCourse(owner);
    const alone = await owner.client.request("DELETE", `/api/courses/${course.id}/members/${owner.id}`, {});
    expect(alone.status).toBe(409);
    expect(alone.json.error.message).toMatch(/add another instructor before removing this one/);
    const colleague = await person("instructor");
    await owner.client.request("POST", `/api/courses/${course.id}/instructors`, { email: colleague.email });
    expect((await owner.client.request("DELETE", `/api/courses/${course.id}/members/${owner.id}`, {})).status).toBe(204);
    expect((await owner.client.request("GET", `/api/courses/${course.id}`)).status).toBe(404);
    expect((await colleague.client.request("GET", `/api/courses/${course.id}`)).status).toBe(200);
  });
});
