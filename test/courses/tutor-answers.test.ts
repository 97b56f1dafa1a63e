// The tutor's answers reviewed: a learner rates what the tutor told them (helpful or not, with a comment), and the
// course's instructors see every answer with its rating and the code it was about, filtered and a page at a time,
// while other courses' instructors see none of it. Real Docker and PostgreSQL, the offline tutor.
import type { Platform } from "../../server/platform";
import { ANSWERS_PAGE_SIZE } from "../../server/courses/tutor-answers";
import { LearnerClient, type Person, signedUpPerson, startTestPlatform } from "../support/platform";

const PRINTS_INSTEAD = "def shout(text):\n    print(text.upper() + '!')  # ADA-MARK\n";
const PASTED = "def total(xs):\n    result = 0\n    for x in xs:\n        result += x\n    return result  # PASTED-MARK\n";
const COMMENT = "It named the bug but I still did not see why print is wrong.";

let platform: Platform;
let courseId: string;
let otherCourseId: string;
let ada: Person;
let bob: Person;
let teacher: Person;
let otherTeacher: Person;
const answers = {} as Record<"feedback" | "hint" | "explain", string>;

const page = (query = "", who: Person = teacher, course = courseId) => who.client.request("GET", `/api/courses/${course}/tutor-answers${query}`);
const rate = (who: Person, answerId: string, body: unknown) => who.client.request("PUT", `/api/tutor/answers/${answerId}/rating`, body);

beforeAll(async () => {
  platform = await startTestPlatform({ tutorDailyRequests: 200 });
  [ada, bob, teacher, otherTeacher] = await Promise.all([
    signedUpPerson(platform, "learner", "Ada"),
    signedUpPerson(platform, "learner", "Bob"),
    signedUpPerson(platform, "instructor", "Teacher"),
    signedUpPerson(platform, "instructor", "Other teacher"),
  ]);
  const course = await teacher.client.request("POST", "/api/courses", { name: "Shouting 101" });
  courseId = course.json.course.id;
  expect((await teacher.client.request("POST", `/api/courses/${courseId}/assignments`, { setName: "basics" })).status).toBe(201);
  const other = await otherTeacher.client.request("POST", "/api/courses", { name: "Elsewhere" });
  otherCourseId = other.json.course.id;
  await otherTeacher.client.request("POST", `/api/courses/${otherCourseId}/assignments`, { setName: "basics" });
  for (const learner of [ada, bob]) expect((await learner.client.request("POST", "/api/courses/join", { code: course.json.course.joinCode })).status).toBe(200);

  const submitted = await ada.client.request("POST", "/api/exercises/basics/shout/submissions", { code: PRINTS_INSTEAD });
  expect((await ada.client.waitForVerdict(submitted.json.submission.id)).verdict).toBe("failed");
  const feedback = await ada.client.request("GET", `/api/submissions/${submitted.json.submission.id}/feedback`);
  answers.feedback = feedback.json.feedback.answerId;
  const hint = await ada.client.request("POST", `/api/submissions/${submitted.json.submission.id}/hints`, { level: 1 });
  answers.hint = hint.json.hint.answerId;
  const explained = await ada.client.request("POST", "/api/tutor/explain", { code: PASTED, function: "total" });
  expect(explained.status).toBe(200);
  answers.explain = explained.json.explanation.answerId;
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

test("every answer comes with the id of its record, and the same answer asked again keeps it", async () => {
  for (const id of Object.values(answers)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const submissionId = (await platform.db.tutorAnswer.findUniqueOrThrow({ where: { id: answers.feedback } })).submissionId!;
  const again = await ada.client.request("GET", `/api/submissions/${submissionId}/feedback`);
  expect(again.json.feedback.answerId).toBe(answers.feedback);
  expect(again.json.feedback.explanation.markdown).toBeTruthy();
  const hints = await ada.client.request("GET", `/api/submissions/${submissionId}/hints`);
  expect(hints.json.hints[0].answerId).toBe(answers.hint);
  expect(await platform.db.tutorAnswer.count({ where: { submissionId } })).toBe(2);
});

test("a learner rates their own answers; rating again replaces the rating", async () => {
  const first = await rate(ada, answers.feedback, { helpful: true });
  expect(first.status).toBe(200);
  expect(first.json.rating).toMatchObject({ answerId: answers.feedback, helpful: true, comment: null });
  const second = await rate(ada, answers.feedback, { helpful: false, comment: `  ${COMMENT}  ` });
  expect(second.json.rating).toMatchObject({ helpful: false, comment: COMMENT });
  expect(await platform.db.tutorRating.count({ where: { answerId: answers.feedback } })).toBe(1);
  expect((await rate(ada, answers.explain, { helpful: true, comment: "Clear, thanks." })).status).toBe(200);
});

test("someone else's answer is a 404, a missing one too; a bad rating is a 400 that says what to do", async () => {
  for (const who of [bob, teacher]) {
    const res = await rate(who, answers.hint, { helpful: true });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toMatch(/only answers the tutor gave you/);
  }
  expect((await rate(ada, "00000000-0000-4000-8000-000000000000", { helpful: true })).status).toBe(404);
  const long = await rate(ada, answers.hint, { helpful: true, comment: "x".repeat(501) });
  expect(long.status).toBe(400);
  expect(long.json.error.message).toMatch(/at most 500 characters/);
  expect((await rate(ada, answers.hint, { helpful: "yes" })).json.error.message).toMatch(/helpful must be true/);
  expect((await rate(ada, answers.hint, { helpful: true, stars: 5 })).status).toBe(400);
  expect((await rate(ada, "not-an-id", { helpful: true })).status).toBe(400);
  expect((await rate(ada, answers.hint, { helpful: true, comment: "x".repeat(500) })).status).toBe(200);
  await rate(ada, answers.hint, { helpful: true, comment: null });
});

test("the course's instructor sees each answer with the learner, exercise, text, rating, comment and code", async () => {
  const { status, json } = await page();
  expect(status).toBe(200);
  expect(json.total).toBe(3);
  expect(json.exercises.map((e: { id: string }) => e.id)).toContain("basics/shout");
  const byId = new Map(json.answers.map((a: { id: string }) => [a.id, a]));
  expect(byId.get(answers.feedback)).toMatchObject({
    learner: { id: ada.id, displayName: "Ada" },
    exercise: { id: "basics/shout" },
    kind: "explanation",
    engine: "offline",
    rating: { helpful: false, comment: COMMENT },
    codeSource: "submission",
    code: PRINTS_INSTEAD,
  });
  const feedback = byId.get(answers.feedback) as { text: { html: string; markdown: string } };
  expect(feedback.text.markdown.length).toBeGreaterThan(20);
  expect(feedback.text.html).toContain("<p>");
  expect(byId.get(answers.hint)).toMatchObject({ kind: "hint", level: 1, rating: { helpful: true, comment: null } });
  expect(byId.get(answers.explain)).toMatchObject({ kind: "explain-function", exercise: null, codeSource: "pasted", code: PASTED, rating: { helpful: true, comment: "Clear, thanks." } });
  expect((byId.get(answers.explain) as { text: { markdown: string } }).text.markdown).toMatch(/total/);
  // Newest first.
  const times = json.answers.map((a: { at: string }) => a.at);
  expect([...times].sort().reverse()).toEqual(times);
});

test("filters: by rating, by engine, by exercise; an exercise the course does not assign is a 400", async () => {
  const ids = async (query: string) => (await page(query)).json.answers.map((a: { id: string }) => a.id).sort();
  expect(await ids("?rating=not-helpful")).toEqual([answers.feedback]);
  expect(await ids("?rating=helpful")).toEqual([answers.hint, answers.explain].sort());
  expect(await ids("?rating=unrated")).toEqual([]);
  expect(await ids("?engine=offline")).toHaveLength(3);
  expect(await ids("?engine=model")).toEqual([]);
  expect(await ids("?exercise=basics/shout")).toEqual([answers.feedback, answers.hint].sort());
  expect(await ids("?exercise=basics/sum_digits")).toEqual([]);
  const unknown = await page("?exercise=loops/nowhere");
  expect(unknown.status).toBe(400);
  expect(unknown.json.error.message).toMatch(/does not assign/);
  expect((await page("?rating=great")).json.error.message).toMatch(/rating must be helpful, not-helpful or unrated/);
  expect((await page("?page=0")).status).toBe(400);
  expect((await page("?colour=red")).status).toBe(400);
});

test("pages: newest first, a page at a time", async () => {
  const learner = await signedUpPerson(platform, "learner", "Many");
  const joined = await teacher.client.request("GET", `/api/courses/${courseId}`);
  await learner.client.request("POST", "/api/courses/join", { code: joined.json.course.joinCode });
  const rows = Array.from({ length: ANSWERS_PAGE_SIZE + 2 }, (_, i) => ({
    userId: learner.id,
    kind: "explain-function",
    engine: "offline",
    cacheKey: `paging-${i}`,
    content: { function: `f${i}`, summary: "s", steps: [], inputs: [], output: "", example: null, engine: "offline", note: null },
    createdAt: new Date(Date.now() + 60_000 + i * 1000),
  }));
  await platform.db.tutorAnswer.createMany({ data: rows });
  const first = await page();
  expect(first.json.total).toBe(ANSWERS_PAGE_SIZE + 5);
  expect(first.json.pageCount).toBe(2);
  expect(first.json.answers).toHaveLength(ANSWERS_PAGE_SIZE);
  expect(first.json.answers[0].text.markdown).toMatch(new RegExp(`f${ANSWERS_PAGE_SIZE + 1}`));
  // Recorded before the code was kept: the page says so rather than showing nothing.
  expect(first.json.answers[0]).toMatchObject({ code: null, codeSource: "not-stored" });
  const second = await page("?page=2");
  expect(second.json.answers).toHaveLength(5);
  expect(second.json.answers.map((a: { id: string }) => a.id)).toContain(answers.feedback);
});

test("other courses' instructors see none of it, and every refusal is the course's usual one", async () => {
  const elsewhere = await page("", otherTeacher, otherCourseId);
  expect(elsewhere.status).toBe(200);
  expect(elsewhere.json.total).toBe(0);
  expect(JSON.stringify(elsewhere.json)).not.toMatch(/ADA-MARK|PASTED-MARK|print is wrong/);
  for (const [who, status] of [
    [otherTeacher, 404],
    [ada, 403],
  ] as const) {
    const res = await page("", who);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.json)).not.toMatch(/ADA-MARK|print is wrong/);
  }
  const anonymous = await new LearnerClient(platform.url).request("GET", `/api/courses/${courseId}/tutor-answers`);
  expect(anonymous.status).toBe(401);
});

test("the class dashboard shows the share rated helpful per exercise and per engine, and where hint 3 is taken most", async () => {
  const submissionId = (await platform.db.tutorAnswer.findUniqueOrThrow({ where: { id: answers.feedback } })).submissionId!;
  for (const level of [2, 3]) expect((await ada.client.request("POST", `/api/submissions/${submissionId}/hints`, { level })).status).toBe(200);
  const { json } = await teacher.client.request("GET", `/api/courses/${courseId}/dashboard`);
  // Shout: the explanation (not helpful) and hint 1 (helpful); offline also counts the Explain code answer.
  expect(json.tutorRatings.byExercise).toEqual([{ exerciseId: "basics/shout", rated: 2, helpful: 1, share: 0.5 }]);
  expect(json.tutorRatings.byEngine).toEqual([{ engine: "offline", rated: 3, helpful: 2, share: 2 / 3 }]);
  expect(json.hintThree).toEqual([{ exerciseId: "basics/shout", taken: 1, learners: 1 }]);
  const elsewhere = await otherTeacher.client.request("GET", `/api/courses/${otherCourseId}/dashboard`);
  expect(elsewhere.json.tutorRatings).toEqual({ byExercise: [], byEngine: [] });
  expect(elsewhere.json.hintThree).toEqual([]);
});
