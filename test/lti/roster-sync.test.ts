// Roster sync through Names and Roles (issue 16) against the loopback LMS, whose memberships come in pages and
// need an access token with the memberships scope: members are added with their roles mapped as a launch maps
// them, those no longer listed or Inactive leave the course, members who did not come from the LMS stay, and a
// sync the LMS cuts short changes nothing. Only the course's instructors may sync or read the LTI status.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Platform } from "../../server/platform";
import { type LtiTestPlatform, type Member, ROLE } from "../support/lti-platform";
import { LtiBrowser, toolWithLms } from "../support/lti-launch";
import { runTutor } from "../support/cli";
import { LearnerClient, signedUpPerson } from "../support/platform";

const session = toolWithLms();
let tool: Platform;
let lms: LtiTestPlatform;
beforeAll(() => {
  ({ tool, lms } = session);
});

const sub = (who: string) => `${who}-${randomUUID()}`;

/** An LMS course whose instructor launched Tutor: the course, and a client with the instructor's session. */
async function linkedCourse(members: Member[], teacher = sub("teacher")) {
  const contextId = `context-${randomUUID()}`;
  const membershipsUrl = lms.setMembers(contextId, [{ user_id: teacher, roles: [ROLE.instructor], name: "Ada Teacher" }, ...members]);
  const browser = new LtiBrowser(tool.url);
  const res = await browser.launch(lms, { user: { sub: teacher, roles: [ROLE.instructor] }, context: { id: contextId, title: "Roster course" }, membershipsUrl });
  expect(res.status).toBe(303);
  const { courseId } = await tool.db.ltiContext.findFirstOrThrow({ where: { contextId } });
  return { contextId, courseId, teacher, instructor: new LearnerClient(tool.url, browser.jar) };
}

async function launchAs(contextId: string, user: string, roles: string[]) {
  expect((await new LtiBrowser(tool.url).launch(lms, { user: { sub: user, roles }, context: { id: contextId, title: "Roster course" } })).status).toBe(303);
}

/** The course's members as "<sub or email>: <role>", sorted. */
async function membersOf(courseId: string) {
  const rows = await tool.db.courseMember.findMany({ where: { courseId }, include: { user: { include: { ltiAccounts: true } } } });
  return rows.map((m) => `${m.user.ltiAccounts[0]?.sub ?? m.user.email}: ${m.role}`).sort();
}

test("a sync adds the LMS's members with mapped roles, removes those gone or inactive, and keeps everyone else", async () => {
  const [stays, leaves, inactive, promoted, fresh, assistant] = ["stays", "leaves", "inactive", "promoted", "fresh", "assistant"].map(sub) as [string, string, string, string, string, string];
  const { contextId, courseId, teacher, instructor } = await linkedCourse([]);
  for (const learner of [stays, leaves, inactive, promoted]) await launchAs(contextId, learner, [ROLE.learner]);
  // A learner who joined with the course's code, not through the LMS: not the LMS's to remove.
  const byCode = await signedUpPerson(tool, "learner");
  const { joinCode } = await tool.db.course.findUniqueOrThrow({ where: { id: courseId } });
  expect((await byCode.client.request("POST", "/api/courses/join", { code: joinCode })).status).toBe(200);

  lms.setMembers(contextId, [
    { user_id: teacher, roles: [ROLE.instructor] },
    { user_id: stays, roles: [ROLE.learner] },
    { user_id: inactive, roles: [ROLE.learner], status: "Inactive" },
    { user_id: promoted, roles: [ROLE.instructor] },
    { user_id: fresh, roles: [ROLE.learner], given_name: "Fresh", family_name: "Face", email: `fresh.${randomUUID().slice(0, 8)}@school.example` } as Member,
    { user_id: assistant, roles: [ROLE.teachingAssistant], name: "Tia Assistant" },
    { roles: [ROLE.learner] } as unknown as Member,
  ]);
  const pagesBefore = lms.membershipPagesRead.length;
  const synced = await instructor.request("POST", `/api/courses/${courseId}/lti/roster-sync`, {});
  expect(synced.status).toBe(200);
  expect(synced.json.sync).toEqual({ added: 2, roleChanged: 1, removed: 2, listed: 5, skipped: 1 });
  // Seven entries, two to a page: the sync followed the Link headers through four pages.
  expect(lms.membershipPagesRead.slice(pagesBefore).map((u) => new URL(u).searchParams.get("page") ?? "0")).toEqual(["0", "1", "2", "3"]);
  expect(await membersOf(courseId)).toEqual(
    [`${teacher}: instructor`, `${stays}: learner`, `${promoted}: instructor`, `${fresh}: learner`, `${assistant}: instructor`, `${byCode.email}: learner`].sort(),
  );
  // Those who left keep their account (and so their work); the new member's account is the one their launch finds.
  expect(await tool.db.ltiAccount.count({ where: { sub: { in: [leaves, inactive] } } })).toBe(2);
  const freshAccount = await tool.db.ltiAccount.findUniqueOrThrow({ where: { issuer_sub: { issuer: lms.issuer, sub: fresh } }, include: { user: true } });
  expect(freshAccount.user.displayName).toBe("Fresh Face");
  await launchAs(contextId, fresh, [ROLE.learner]);
  expect(await tool.db.ltiAccount.count({ where: { sub: fresh } })).toBe(1);

  // A second sync with nothing changed changes nothing.
  expect((await instructor.request("POST", `/api/courses/${courseId}/lti/roster-sync`, {})).json.sync).toEqual({ added: 0, roleChanged: 0, removed: 0, listed: 5, skipped: 1 });
});

test("the instructor who syncs is never removed, even when the LMS no longer lists them", async () => {
  const { contextId, courseId, teacher, instructor } = await linkedCourse([]);
  lms.setMembers(contextId, [{ user_id: sub("someone"), roles: [ROLE.learner] }]);
  const synced = await instructor.request("POST", `/api/courses/${courseId}/lti/roster-sync`, {});
  expect(synced.json.sync).toMatchObject({ added: 1, removed: 0 });
  expect(await membersOf(courseId)).toContain(`${teacher}: instructor`);
});

test("an LMS that is down, or refuses the token, changes nothing and says so", async () => {
  const learner = sub("learner");
  const { contextId, courseId, instructor } = await linkedCourse([]);
  await launchAs(contextId, learner, [ROLE.learner]);
  lms.setMembers(contextId, []);
  const before = await membersOf(courseId);

  lms.down = true;
  try {
    const res = await instructor.request("POST", `/api/courses/${courseId}/lti/roster-sync`, {});
    expect([res.status, res.json.error.code]).toEqual([502, "lms-unavailable"]);
    expect(res.json.error.message).toMatch(/503.*Nothing was changed/);
  } finally {
    lms.down = false;
  }
  lms.revokeAccessTokens();
  lms.refuseTokens = true;
  try {
    const res = await instructor.request("POST", `/api/courses/${courseId}/lti/roster-sync`, {});
    expect([res.status, res.json.error.code]).toEqual([502, "lms-unavailable"]);
    expect(res.json.error.message).toMatch(/refused the tool/);
  } finally {
    lms.refuseTokens = false;
  }
  expect(await membersOf(courseId)).toEqual(before);
});

test("a course with no roster service from an LMS gets a 409 that says what to do", async () => {
  const teacher = await signedUpPerson(tool, "instructor");
  const course = await teacher.client.request("POST", "/api/courses", { name: "Not from an LMS" });
  const res = await teacher.client.request("POST", `/api/courses/${course.json.course.id}/lti/roster-sync`, {});
  expect([res.status, res.json.error.code]).toEqual([409, "no-roster-service"]);
  expect(res.json.error.message).toMatch(/launch Tutor from the LMS course/);
  const status = await teacher.client.request("GET", `/api/courses/${course.json.course.id}/lti`);
  expect(status.json).toEqual({ contexts: [], grades: { pending: 0, failing: 0, sent: 0, lastError: null, lastErrorAt: null } });
});

test("only the course's instructors may sync or read its LTI status", async () => {
  const learner = sub("learner");
  const { contextId, courseId } = await linkedCourse([]);
  const learnerBrowser = new LtiBrowser(tool.url);
  await learnerBrowser.launch(lms, { user: { sub: learner, roles: [ROLE.learner] }, context: { id: contextId, title: "Roster course" } });
  const courseLearner = new LearnerClient(tool.url, learnerBrowser.jar);
  const otherInstructor = (await signedUpPerson(tool, "instructor")).client;
  const admin = (await signedUpPerson(tool, "admin")).client;
  const anonymous = new LearnerClient(tool.url);
  const before = await membersOf(courseId);
  for (const [client, status] of [[anonymous, 401], [courseLearner, 403], [otherInstructor, 404], [admin, 404]] as const) {
    expect((await client.request("POST", `/api/courses/${courseId}/lti/roster-sync`, {})).status).toBe(status);
    expect((await client.request("GET", `/api/courses/${courseId}/lti`)).status).toBe(status);
  }
  expect((await otherInstructor.request("POST", "/api/courses/not-a-uuid/lti/roster-sync", {})).status).toBe(400);
  expect(await membersOf(courseId)).toEqual(before);
});

test("tutor lti sync-roster --course ID does the same from the server's command line", async () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-roster-cli-"));
  const env = { DATABASE_URL: process.env.DATABASE_URL };
  const newcomer = sub("newcomer");
  const { contextId, courseId, teacher } = await linkedCourse([]);
  lms.setMembers(contextId, [{ user_id: teacher, roles: [ROLE.instructor] }, { user_id: newcomer, roles: [ROLE.learner] }]);

  const synced = await runTutor(["lti", "sync-roster", "--course", courseId], scratch, env);
  expect([synced.code, synced.stdout.trim()]).toEqual([0, "synced: 2 active in the LMS, 1 added, 0 with a new role, 0 removed"]);
  expect(await membersOf(courseId)).toEqual([`${newcomer}: learner`, `${teacher}: instructor`].sort());

  const badId = await runTutor(["lti", "sync-roster", "--course", "42"], scratch, env);
  expect([badId.code, badId.stderr]).toEqual([2, expect.stringContaining("--course is the course's id, a UUID")]);
  const unknown = await runTutor(["lti", "sync-roster", "--course", randomUUID()], scratch, env);
  expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining("no course with the id")]);
});

test("an LMS instructor's account lists the exercise sets its course page offers; an LMS learner's does not", async () => {
  const { contextId, instructor } = await linkedCourse([]);
  const sets = await instructor.request("GET", "/api/exercise-sets");
  expect(sets.status).toBe(200);
  expect(sets.json.sets.map((s: { name: string }) => s.name)).toContain("basics");
  const learnerBrowser = new LtiBrowser(tool.url);
  await learnerBrowser.launch(lms, { user: { sub: sub("learner"), roles: [ROLE.learner] }, context: { id: contextId, title: "Roster course" } });
  expect((await new LearnerClient(tool.url, learnerBrowser.jar).request("GET", "/api/exercise-sets")).status).toBe(403);
});
