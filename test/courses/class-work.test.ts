// A small class doing real work, graded by the real sandbox: what the instructor sees of it (the timeline and
// the CSV export), what nobody else sees (a learner's code, other courses' work), and that no course response
// carries a hidden case's input or expected value or the reference solution.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GRADE_COLUMNS } from "../../server/courses/grades";
import type { Role } from "../../server/database/generated/client";
import type { Platform } from "../../server/platform";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { type Person, signedUpPerson, startTestPlatform } from "../support/platform";

// Distinctive values planted where they must never come out: a hidden case's input and expected value, and the
// reference solution. And a mark in one learner's code, which only the course's instructors may see.
const HIDDEN = /quokka/i;
const SOLUTION_MARK = "SOLUTION-MARK-7311";
const ADA_MARK = "ADA-CODE-MARK";

function exercisesRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "tutor-class-"));
  cpSync(path.resolve(__dirname, "../../exercises/basics"), path.join(root, "basics"), { recursive: true });
  const secret = writeExerciseFolder(
    {
      exerciseYaml: "title: Loud echo\nsummary: Echo text in capitals.\ndifficulty: 1\nconcepts: []\nfile: answer.py\nentry: answer\n",
      solution: `def answer(text):\n    # ${SOLUTION_MARK}\n    return text.upper()\n`,
      casesYaml: [
        "- name: a short word",
        '  call: answer("hi")',
        '  expect: "HI"',
        "- name: a hidden word",
        '  call: answer("zanzibar-quokka-4417")',
        '  expect: "ZANZIBAR-QUOKKA-4417"',
        "  hidden: true",
        "",
      ].join("\n"),
    },
    "loud_echo",
  );
  cpSync(secret, path.join(root, "secrets", "loud_echo"), { recursive: true });
  return root;
}

/** RFC 4180 as the export writes it (quoted cells may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  if (cell || row.length) throw new Error("the CSV does not end with CRLF");
  return rows;
}

let platform: Platform;

const person = (role: Role, displayName?: string) => signedUpPerson(platform, role, displayName);

async function submit(who: Person, exerciseId: string, code: string) {
  const res = await who.client.request("POST", `/api/exercises/${exerciseId}/submissions`, { code });
  expect(res.status).toBe(202);
  return who.client.waitForVerdict(res.json.submission.id);
}

// The class: Ada solves shout, fails sum_digits (reads the feedback, takes a hint) and fails the hidden case of
// loud_echo; Bob, whose display name is a spreadsheet formula, has not started. Mr Instructor teaches the class;
// Ms Other teaches another course that assigns only the secrets set, which Ada has joined too.
let teacher: Person, other: Person, admin: Person, ada: Person, bob: Person;
let course: { id: string; joinCode: string }, otherCourse: { id: string; joinCode: string };
let shout: any, sumDigits: any, echo: any;
const SHOUT_SOLUTION = readFileSync(path.resolve(__dirname, "../../exercises/basics/shout/solution.py"), "utf8");
const BOB_NAME = "=cmd|' /C calc'!A0";

beforeAll(async () => {
  platform = await startTestPlatform({ exercisesDir: exercisesRoot() });
  [teacher, other, admin, ada, bob] = [await person("instructor", "Mr Instructor"), await person("instructor", "Ms Other"), await person("admin"), await person("learner", "Ada"), await person("learner", BOB_NAME)];

  course = (await teacher.client.request("POST", "/api/courses", { name: "Class 5B: Python" })).json.course;
  await teacher.client.request("POST", `/api/courses/${course.id}/assignments`, { setName: "basics", dueAt: "2099-01-01T00:00:00Z" });
  await teacher.client.request("POST", `/api/courses/${course.id}/assignments`, { setName: "secrets", dueAt: "2020-01-01T00:00:00Z" });
  otherCourse = (await other.client.request("POST", "/api/courses", { name: "Other class" })).json.course;
  await other.client.request("POST", `/api/courses/${otherCourse.id}/assignments`, { setName: "secrets" });
  for (const learner of [ada, bob]) expect((await learner.client.request("POST", "/api/courses/join", { code: course.joinCode })).status).toBe(200);
  await ada.client.request("POST", "/api/courses/join", { code: otherCourse.joinCode });

  shout = await submit(ada, "basics/shout", `${SHOUT_SOLUTION}\n# ${ADA_MARK}\n`);
  sumDigits = await submit(ada, "basics/sum_digits", `def sum_digits(n):\n    # ${ADA_MARK}\n    total = 0\n    while n > 0:\n        total += n % 10\n        n //= 10\n    return total\n`);
  echo = await submit(ada, "secrets/loud_echo", `def answer(text):\n    # ${ADA_MARK}\n    return "HI" if text == "hi" else text\n`);
  expect([shout.verdict, sumDigits.verdict, echo.verdict]).toEqual(["passed", "failed", "failed"]);

  // Feedback read twice (the second time from the tutor's cache), and the first hint.
  expect((await ada.client.request("GET", `/api/submissions/${sumDigits.id}/feedback`)).status).toBe(200);
  expect((await ada.client.request("GET", `/api/submissions/${sumDigits.id}/feedback`)).status).toBe(200);
  expect((await ada.client.request("POST", `/api/submissions/${sumDigits.id}/hints`, { level: 1 })).status).toBe(200);
  // Active time is reported by the browser (the progress API); five minutes of it on shout.
  await platform.db.progress.update({ where: { userId_exerciseId: { userId: ada.id, exerciseId: "basics/shout" } }, data: { activeSeconds: 300 } });
});
afterAll(async () => {
  await platform.stop();
});

/** The export as the browser downloads it: bytes, since a UTF-8 byte-order mark is dropped by text decoding. */
async function download(who: Person, courseId: string) {
  const res = await fetch(platform.url + exportOf(courseId), { headers: { cookie: who.client.cookieHeader } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), text: bytes.subarray(3).toString("utf8") };
}

const timelineOf = (courseId: string, learnerId: string) => `/api/courses/${courseId}/learners/${learnerId}/timeline`;
const exportOf = (courseId: string) => `/api/courses/${courseId}/export.csv`;

describe("what a learner sees of the course", () => {
  test("each assigned exercise with the learner's own status on it", async () => {
    const res = await ada.client.request("GET", `/api/courses/${course.id}`);
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(res.json.course.assignments.flatMap((a: any) => a.exercises.map((e: any) => [e.id, e.status])));
    expect(statuses).toEqual({
      "basics/shout": "solved",
      "basics/sum_digits": "attempted",
      "basics/running_total": "not-started",
      "basics/count_words": "not-started",
      "basics/apply_discount": "not-started",
      "secrets/loud_echo": "attempted",
    });
    // Ordered by due date: the overdue secrets set first.
    expect(res.json.course.assignments.map((a: any) => [a.setName, a.title, a.dueAt])).toEqual([
      ["secrets", "Secrets", "2020-01-01T00:00:00.000Z"],
      ["basics", "Python basics", "2099-01-01T00:00:00.000Z"],
    ]);
    expect(res.json.course.members).toBeUndefined();
    expect(res.json.course.joinCode).toBeUndefined();
    const bobs = await bob.client.request("GET", `/api/courses/${course.id}`);
    expect(bobs.json.course.assignments.flatMap((a: any) => a.exercises.map((e: any) => e.status))).toEqual(Array(6).fill("not-started"));
  });

  test("the instructor sees who is in the course", async () => {
    const res = await teacher.client.request("GET", `/api/courses/${course.id}`);
    // Instructors first, then learners by name ("=" sorts before letters).
    expect(res.json.course.members.map((m: any) => [m.displayName, m.role])).toEqual([
      ["Mr Instructor", "instructor"],
      [BOB_NAME, "learner"],
      ["Ada", "learner"],
    ]);
    expect(res.json.course.members.find((m: any) => m.id === ada.id)).toEqual({ id: ada.id, displayName: "Ada", email: ada.email, role: "learner", joinedAt: expect.any(String) });
  });
});

describe("a learner's timeline", () => {
  test("the course's instructor sees submissions with code and results, feedback and hints, newest first", async () => {
    const res = await teacher.client.request("GET", timelineOf(course.id, ada.id));
    expect(res.status).toBe(200);
    expect(res.json.learner).toEqual({ id: ada.id, displayName: "Ada", email: ada.email });
    expect(res.json.truncated).toBe(false);
    const events = res.json.events as any[];
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse());
    expect(events.map((e) => [e.kind, e.exerciseId]).sort()).toEqual(
      [
        ["submission", "basics/shout"],
        ["submission", "basics/sum_digits"],
        ["submission", "secrets/loud_echo"],
        ["feedback", "basics/sum_digits"],
        ["hint", "basics/sum_digits"],
      ].sort(),
    );
    const failed = events.find((e) => e.submission?.id === sumDigits.id);
    expect(failed.submission).toMatchObject({ verdict: "failed", passedCount: sumDigits.passedCount, totalCount: sumDigits.totalCount });
    expect(failed.submission.code).toContain(ADA_MARK);
    expect(failed.submission.results).toEqual(sumDigits.tests);
    expect(events.find((e) => e.kind === "hint").hint).toEqual({ level: 1 });
    const feedback = events.find((e) => e.kind === "feedback");
    expect(Array.isArray(feedback.concepts) && feedback.concepts.every((c: unknown) => typeof c === "string")).toBe(true);
  });

  test("a hidden case shows only its name and status; its input, expected value and the solution never appear", async () => {
    const res = await teacher.client.request("GET", timelineOf(course.id, ada.id));
    const hidden = res.json.events.find((e: any) => e.submission?.id === echo.id).submission.results.find((r: any) => r.hidden);
    expect(hidden).toMatchObject({ name: "a hidden word", status: "failed", hidden: true });
    expect(hidden.call).toBeUndefined();
    expect(hidden.expected).toBeUndefined();
    expect(hidden.actual).toBeUndefined();
    const text = JSON.stringify(res.json);
    expect(text).not.toMatch(HIDDEN);
    expect(text).not.toContain(SOLUTION_MARK);
    expect(text).not.toContain("observations");
  });

  test("an instructor of another course sees only the work on that course's sets", async () => {
    const res = await other.client.request("GET", timelineOf(otherCourse.id, ada.id));
    expect(res.status).toBe(200);
    expect(new Set(res.json.events.map((e: any) => e.exerciseId))).toEqual(new Set(["secrets/loud_echo"]));
  });

  test("refused to a learner of the course (403), and to an instructor or admin not in it (404)", async () => {
    for (const learner of [ada, bob]) {
      const res = await learner.client.request("GET", timelineOf(course.id, ada.id));
      expect(res.status).toBe(403);
      expect(res.json.error.message).toBe("Only the course's instructors can see this.");
    }
    expect((await other.client.request("GET", timelineOf(course.id, ada.id))).status).toBe(404);
    expect((await admin.client.request("GET", timelineOf(course.id, ada.id))).status).toBe(404);
  });

  test("only learners of the course have a timeline in it: an outsider or an instructor is a 404", async () => {
    const outsider = await person("learner");
    await submit(outsider, "basics/shout", SHOUT_SOLUTION);
    expect((await teacher.client.request("GET", timelineOf(course.id, outsider.id))).status).toBe(404);
    expect((await teacher.client.request("GET", timelineOf(course.id, teacher.id))).status).toBe(404);
    expect((await teacher.client.request("GET", timelineOf(course.id, "not-a-uuid"))).status).toBe(400);
  });
});

describe("the CSV export", () => {
  test("one row per learner and assigned exercise: solved, attempted and not started, with the header", async () => {
    const { res, bom, text } = await download(teacher, course.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Class 5B- Python-grades.csv"');
    expect(bom).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...GRADE_COLUMNS]);
    expect(rows).toHaveLength(2 * 6);
    const cell = (row: string[], name: (typeof GRADE_COLUMNS)[number]) => row[GRADE_COLUMNS.indexOf(name)];
    const rowOf = (learner: Person, exerciseId: string) => rows.find((r) => cell(r, "learner_id") === learner.id && cell(r, "exercise_id") === exerciseId)!;

    const solved = rowOf(ada, "basics/shout");
    expect(Object.fromEntries(GRADE_COLUMNS.map((c) => [c, cell(solved, c)]))).toEqual({
      course: "Class 5B: Python",
      learner_id: ada.id,
      learner_name: "Ada",
      learner_email: ada.email,
      set: "basics",
      exercise_id: "basics/shout",
      exercise_title: "Shout it out",
      due_at: "2099-01-01T00:00:00.000Z",
      status: "solved",
      attempts: "1",
      best_passed: String(shout.passedCount),
      best_total: String(shout.totalCount),
      score_percent: "100",
      first_solved_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      solved_on_time: "yes",
      hints_used: "0",
      active_minutes: "5",
      last_submission_at: shout.createdAt,
    });

    const attempted = rowOf(ada, "basics/sum_digits");
    expect(cell(attempted, "status")).toBe("attempted");
    expect(cell(attempted, "best_passed")).toBe(String(sumDigits.passedCount));
    expect(cell(attempted, "score_percent")).toBe(String(Math.round((100 * sumDigits.passedCount) / sumDigits.totalCount)));
    expect(Number(cell(attempted, "score_percent"))).toBeLessThan(100);
    expect(cell(attempted, "hints_used")).toBe("1");
    expect(cell(attempted, "first_solved_at")).toBe("");
    expect(cell(attempted, "solved_on_time")).toBe("");
    // The secrets set was due in 2020 and is still unsolved: late.
    expect(cell(rowOf(ada, "secrets/loud_echo"), "solved_on_time")).toBe("no");

    const notStarted = rowOf(ada, "basics/running_total");
    expect([cell(notStarted, "status"), cell(notStarted, "attempts"), cell(notStarted, "score_percent"), cell(notStarted, "last_submission_at")]).toEqual(["not-started", "0", "0", ""]);
    const bobs = rows.filter((r) => cell(r, "learner_id") === bob.id);
    expect(bobs.map((r) => cell(r, "status"))).toEqual(Array(6).fill("not-started"));
    // Bob's name would be a formula in a spreadsheet: it is written as text.
    expect(bobs.every((r) => cell(r, "learner_name") === `'${BOB_NAME}`)).toBe(true);

    expect(text).not.toMatch(HIDDEN);
    expect(text).not.toContain(SOLUTION_MARK);
    expect(text).not.toContain(ADA_MARK);
  });

  test("a course with no learners exports the header alone", async () => {
    const lonely = (await teacher.client.request("POST", "/api/courses", { name: "Empty" })).json.course;
    await teacher.client.request("POST", `/api/courses/${lonely.id}/assignments`, { setName: "basics" });
    const { bom, text } = await download(teacher, lonely.id);
    expect(bom).toBe(true);
    expect(text).toBe(`${GRADE_COLUMNS.join(",")}\r\n`);
  });

  test("refused to a learner of the course (403), and to an instructor or admin not in it (404)", async () => {
    expect((await ada.client.request("GET", exportOf(course.id))).status).toBe(403);
    expect((await bob.client.request("GET", exportOf(course.id))).status).toBe(403);
    expect((await other.client.request("GET", exportOf(course.id))).status).toBe(404);
    expect((await admin.client.request("GET", exportOf(course.id))).status).toBe(404);
  });
});

test("no course response gives one learner another's code, nor anyone a hidden case or the solution", async () => {
  const bobSees = [
    await bob.client.request("GET", "/api/courses"),
    await bob.client.request("GET", `/api/courses/${course.id}`),
    await bob.client.request("GET", timelineOf(course.id, ada.id)),
    await bob.client.request("GET", exportOf(course.id)),
    await bob.client.request("GET", `/api/submissions/${sumDigits.id}`),
    await bob.client.request("GET", "/api/exercises/basics/sum_digits/submissions"),
  ];
  expect(bobSees.map((r) => r.status)).toEqual([200, 200, 403, 403, 404, 200]);
  for (const res of bobSees) expect(JSON.stringify(res.json)).not.toContain(ADA_MARK);

  const everyone = [ada, bob, teacher, other, admin];
  for (const who of everyone) {
    for (const route of ["/api/courses", `/api/courses/${course.id}`, `/api/courses/${otherCourse.id}`, timelineOf(course.id, ada.id), timelineOf(otherCourse.id, ada.id), exportOf(course.id), exportOf(otherCourse.id)]) {
      const text = JSON.stringify((await who.client.request("GET", route)).json);
      expect(text).not.toMatch(HIDDEN);
      expect(text).not.toContain(SOLUTION_MARK);
    }
  }
});
