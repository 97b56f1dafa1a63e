// Every API route, found by reading the route files, is called as each kind of wrong user and must refuse;
// and no response to anyone but the exercise's authors carries a hidden case's input or expected value or the
// reference solution. A new route fails this test until it is given its rule in ACCESS below.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Platform } from "../../server/platform";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { LearnerClient, signedUpPerson, startTestPlatform } from "../support/platform";

/**
 * Who may call each route:
 * - anyone: anonymous learners too;
 * - account: any signed-in user;
 * - own-submission: only the learner who made the submission;
 * - own-answer: only the learner the tutor gave the answer to;
 * - course-member: the course's learners and instructors;
 * - course-instructor: the course's instructors only (not its learners, other instructors, or admins);
 * - instructor: instructor or admin accounts;
 * - admin: admin accounts.
 */
type Access = "anyone" | "account" | "own-submission" | "own-answer" | "course-member" | "course-instructor" | "instructor" | "admin";
const ACCESS: Record<string, Access> = {
  "GET /me": "anyone",
  "POST /auth/signup": "anyone",
  "POST /auth/signin": "anyone",
  "POST /auth/signout": "anyone",
  "POST /auth/password": "account",
  "GET /admin/users": "admin",
  "POST /admin/users/:id/role": "admin",
  "GET /admin/lti": "admin",
  "POST /admin/lti/platforms": "admin",
  "POST /admin/lti/platforms/:id/deployments": "admin",
  "DELETE /admin/lti/platforms/:id": "admin",
  "POST /admin/lti/keys/rotate": "admin",
  "GET /exercises": "anyone",
  "GET /exercises/:set/:slug": "anyone",
  "POST /exercises/:set/:slug/submissions": "anyone",
  "GET /exercises/:set/:slug/submissions": "anyone",
  "GET /exercises/:set/:slug/history": "anyone",
  "POST /exercises/:set/:slug/activity": "anyone",
  "GET /submissions/:id": "own-submission",
  "GET /submissions/:id/feedback": "own-submission",
  "GET /submissions/:id/hints": "own-submission",
  "POST /submissions/:id/hints": "own-submission",
  "POST /submissions/:id/trace": "own-submission",
  "GET /submissions/:id/review": "own-submission",
  "GET /concepts/:id": "anyone",
  "POST /tutor/explain": "anyone",
  "POST /tutor/docstrings": "anyone",
  "POST /tutor/tests": "anyone",
  "POST /tutor/trace": "anyone",
  "POST /tutor/review": "anyone",
  "PUT /tutor/answers/:id/rating": "own-answer",
  "GET /dashboard": "anyone",
  "GET /units/:set": "anyone",
  "GET /exercises/:set/:slug/next": "anyone",
  "GET /concepts/:id/exercises": "anyone",
  "POST /courses": "instructor",
  "GET /courses": "account",
  "POST /courses/join": "account",
  "GET /exercise-sets": "instructor",
  "GET /courses/:id": "course-member",
  "POST /courses/:id/instructors": "course-instructor",
  "DELETE /courses/:id/members/:userId": "course-instructor",
  "POST /courses/:id/assignments": "course-instructor",
  "PUT /courses/:id/assignments/:setName": "course-instructor",
  "DELETE /courses/:id/assignments/:setName": "course-instructor",
  "GET /courses/:id/learners/:userId/timeline": "course-instructor",
  "GET /courses/:id/extensions": "course-instructor",
  "PUT /courses/:id/assignments/:setName/extensions/:userId": "course-instructor",
  "DELETE /courses/:id/assignments/:setName/extensions/:userId": "course-instructor",
  "GET /courses/:id/export.csv": "course-instructor",
  "GET /courses/:id/similarity/:set/:slug": "course-instructor",
  "GET /courses/:id/regrades": "course-instructor",
  "POST /courses/:id/regrades": "course-instructor",
  "GET /courses/:id/regrades/:regradeId": "course-instructor",
  "GET /courses/:id/tutor-answers": "course-instructor",
  "GET /courses/:id/dashboard": "course-instructor",
  "GET /courses/:id/lti": "course-instructor",
  "POST /courses/:id/lti/roster-sync": "course-instructor",
  "GET /authoring/sets": "instructor",
  "POST /authoring/exercises": "instructor",
  "GET /authoring/exercises/:set/:slug": "instructor",
  "POST /authoring/exercises/:set/:slug/preview": "instructor",
  "POST /authoring/exercises/:set/:slug/check": "instructor",
  "POST /authoring/exercises/:set/:slug/proposals": "instructor",
  "PUT /authoring/exercises/:set/:slug": "instructor",
};

const HTTP_DIR = path.resolve(__dirname, "../../server/http");
function declaredRoutes(): { method: string; route: string }[] {
  const routes: { method: string; route: string }[] = [];
  for (const file of readdirSync(HTTP_DIR).filter((f) => f.endsWith("-routes.ts"))) {
    for (const m of readFileSync(path.join(HTTP_DIR, file), "utf8").matchAll(/router\.(get|post|put|delete|patch)\(\s*"([^"]+)"/g)) {
      routes.push({ method: m[1]!.toUpperCase(), route: m[2]! });
    }
  }
  return routes;
}

// Values only the server may know: a hidden case's input and expected value, and the reference solution.
const HIDDEN_INPUT = "hidden_input_7731";
const HIDDEN_EXPECTED = "HIDDEN_EXPECTED_4402";
const REFERENCE_MARKER = "reference_marker_9917";
const SECRETS = [HIDDEN_INPUT, HIDDEN_EXPECTED, REFERENCE_MARKER];
const SOLUTION = `def answer(word):\n    ${REFERENCE_MARKER} = {"${HIDDEN_INPUT}": "${HIDDEN_EXPECTED}"}\n    return ${REFERENCE_MARKER}.get(word, word.upper())\n`;
const CASES = `- name: shouts a word\n  call: answer("hi")\n  expect: "HI"\n- name: the secret word\n  call: answer("${HIDDEN_INPUT}")\n  expect: "${HIDDEN_EXPECTED}"\n  hidden: true\n`;

let platform: Platform;
let courseId: string;
let learnerId: string;
let submissionId: string;
let answerId: string;
const users = {} as Record<"anonymous" | "learner" | "outsider" | "otherInstructor" | "admin" | "instructor", LearnerClient>;

const signedUpAs = async (role: "learner" | "instructor" | "admin", name: string) => (await signedUpPerson(platform, role, name)).client;

beforeAll(async () => {
  const dir = writeExerciseFolder({ solution: SOLUTION, casesYaml: CASES, starter: "def answer(word):\n    return word\n" }, "secret");
  platform = await startTestPlatform({ exercisesDir: path.dirname(path.dirname(dir)) });
  users.anonymous = new LearnerClient(platform.url);
  users.learner = await signedUpAs("learner", "learner");
  users.outsider = await signedUpAs("learner", "outsider");
  users.instructor = await signedUpAs("instructor", "instructor");
  users.otherInstructor = await signedUpAs("instructor", "other-instructor");
  users.admin = await signedUpAs("admin", "admin");

  const course = await users.instructor.request("POST", "/api/courses", { name: "Secrets 101" });
  courseId = course.json.course.id;
  await users.instructor.request("POST", `/api/courses/${courseId}/assignments`, { setName: "tests" });
  await users.otherInstructor.request("POST", "/api/courses", { name: "Elsewhere" });
  const joined = await users.learner.request("POST", "/api/courses/join", { code: course.json.course.joinCode });
  expect(joined.status).toBe(200);
  learnerId = (await users.learner.request("GET", "/api/me")).json.user.id;
  // A failed submission the tutor explains and gives a hint on, so timelines, histories and dashboards have content.
  const submitted = await users.learner.request("POST", "/api/exercises/tests/secret/submissions", { code: "def answer(word):\n    return word.upper()\n" });
  submissionId = submitted.json.submission.id;
  expect((await users.learner.waitForVerdict(submissionId)).verdict).toBe("failed");
  const feedback = await users.learner.request("GET", `/api/submissions/${submissionId}/feedback`);
  expect(feedback.status).toBe(200);
  answerId = feedback.json.feedback.answerId;
  expect((await users.learner.request("POST", `/api/submissions/${submissionId}/hints`, { level: 1 })).status).toBe(200);
});
afterAll(async () => {
  await platform?.stop();
});

function concrete(route: string): string {
  const submissionRoute = route.startsWith("/submissions/");
  return route
    .replace(":setName", "tests")
    .replace(":set", "tests")
    .replace(":slug", "secret")
    .replace(":userId", learnerId)
    .replace(":regradeId", "00000000-0000-4000-8000-000000000000")
    .replace(":id", route.startsWith("/tutor/answers/") ? answerId : submissionRoute ? submissionId : route.startsWith("/concepts/") ? "off-by-one" : route.startsWith("/admin/") ? learnerId : courseId);
}

/** A valid body where the route checks its body's shape before who is asking (which reveals nothing). */
const BODIES: Record<string, unknown> = { "POST /submissions/:id/hints": { level: 1 }, "PUT /tutor/answers/:id/rating": { helpful: true } };

/** Who must be refused, and how, for each rule. */
const REFUSALS: Record<Access, [keyof typeof users, number[]][]> = {
  anyone: [],
  account: [["anonymous", [401]]],
  "own-submission": [["outsider", [404]], ["instructor", [404]], ["admin", [404]]],
  "own-answer": [["anonymous", [404]], ["outsider", [404]], ["instructor", [404]], ["admin", [404]]],
  "course-member": [["anonymous", [401]], ["outsider", [404]], ["otherInstructor", [404]], ["admin", [404]]],
  "course-instructor": [["anonymous", [401]], ["learner", [403]], ["outsider", [404]], ["otherInstructor", [404]], ["admin", [404]]],
  instructor: [["anonymous", [401]], ["learner", [403]], ["outsider", [403]]],
  admin: [["anonymous", [401]], ["learner", [403]], ["instructor", [403]]],
};

test("every declared route has an access rule, and every rule names a declared route", () => {
  const declared = declaredRoutes().map((r) => `${r.method} ${r.route}`);
  expect(declared.filter((r) => !(r in ACCESS))).toEqual([]);
  expect(Object.keys(ACCESS).filter((r) => !declared.includes(r))).toEqual([]);
});

describe.each(declaredRoutes().filter((r) => ACCESS[`${r.method} ${r.route}`] !== "anyone"))("$method $route", ({ method, route }) => {
  const rule = ACCESS[`${method} ${route}`]!;
  test(`refuses whoever the rule "${rule}" leaves out`, async () => {
    for (const [who, statuses] of REFUSALS[rule]) {
      const res = await users[who].request(method, `/api${concrete(route)}`, method === "GET" ? undefined : (BODIES[`${method} ${route}`] ?? {}));
      if (!statuses.includes(res.status)) throw new Error(`${who} got ${res.status}, expected ${statuses.join(" or ")}: ${JSON.stringify(res.json)}`);
      expect(JSON.stringify(res.json)).not.toMatch(new RegExp(SECRETS.join("|")));
    }
  });
});

test("no GET response to a learner, the course's instructor or an admin carries a hidden case or the reference", async () => {
  const readers: (keyof typeof users)[] = ["anonymous", "learner", "outsider", "instructor", "admin"];
  const checked: string[] = [];
  for (const { method, route } of declaredRoutes().filter((r) => r.method === "GET" && !r.route.startsWith("/authoring/"))) {
    for (const who of readers) {
      const res = await users[who].request("GET", `/api${concrete(route)}`);
      const body = JSON.stringify(res.json);
      for (const secret of SECRETS) {
        if (body.includes(secret)) throw new Error(`${method} ${route} as ${who} leaks ${secret}: ${body.slice(0, 500)}`);
      }
      if (res.status === 200) checked.push(`${route} as ${who}`);
    }
  }
  // The sweep must have read real content, not only refusals: the course's own views among them.
  expect(checked).toEqual(expect.arrayContaining(["/courses/:id/dashboard as instructor", "/courses/:id/learners/:userId/timeline as instructor", "/courses/:id/tutor-answers as instructor", "/exercises/:set/:slug/history as learner", "/submissions/:id/feedback as learner"]));
});

test("the course's instructor does see the learner's code, which nobody else can", async () => {
  const timeline = await users.instructor.request("GET", `/api/courses/${courseId}/learners/${learnerId}/timeline`);
  expect(JSON.stringify(timeline.json)).toContain("return word.upper()");
  for (const who of ["outsider", "otherInstructor", "admin"] as const) {
    const res = await users[who].request("GET", `/api/courses/${courseId}/learners/${learnerId}/timeline`);
    expect(JSON.stringify(res.json)).not.toContain("return word.upper()");
  }
});
