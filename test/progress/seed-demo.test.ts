// `tutor seed demo` as a user runs it, on a database of its own: a demo course with learners whose code was
// graded in the real sandbox and explained by the real tutor, spread over two weeks; a second run adds nothing.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { signIn } from "../../server/auth/accounts";
import { connectDatabase, type Database } from "../../server/database/client";
import { DEMO_LEARNERS } from "../../server/seed/demo-histories";
import { DEMO_COURSE_NAME, DEMO_INSTRUCTOR_EMAIL } from "../../server/seed/seed-demo";
import { runTutor } from "../support/cli";
import { createMigratedDatabase, dropDatabase } from "../support/database";

const NAME = `tutor_seed_${process.pid}`;
let url: string;
let db: Database;
const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-seed-"));
const env = () => ({ DATABASE_URL: url, TUTOR_DATA_DIR: path.join(scratch, "data") });

beforeAll(async () => {
  url = await createMigratedDatabase(NAME);
  db = connectDatabase(url);
});
afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(NAME);
});

async function counts() {
  return {
    users: await db.user.count(),
    courses: await db.course.count(),
    members: await db.courseMember.count(),
    assignments: await db.assignment.count(),
    submissions: await db.submission.count(),
    answers: await db.tutorAnswer.count(),
    progress: await db.progress.count(),
  };
}

test("creates the course, its learners and two weeks of graded history; a second run adds nothing", async () => {
  const first = await runTutor(["seed", "demo"], path.join(scratch, "cache"), env());
  expect(first.stderr).not.toMatch(/could not be graded/);
  expect(first.code).toBe(0);
  const course = await db.course.findFirstOrThrow({ where: { name: DEMO_COURSE_NAME }, include: { members: { include: { user: true } }, assignments: true } });
  expect(first.stdout).toContain(`join code ${course.joinCode}`);
  expect(first.stdout).toContain(`instructor: ${DEMO_INSTRUCTOR_EMAIL}`);
  const password = first.stdout.match(/^password: (\S+)$/m)![1]!;
  expect((await signIn(db, DEMO_INSTRUCTOR_EMAIL, password)).role).toBe("instructor");

  const learners = course.members.filter((m) => m.role === "learner");
  expect(learners.map((m) => m.user.displayName).sort()).toEqual(DEMO_LEARNERS.map((l) => l.name).sort());
  expect(course.members.find((m) => m.role === "instructor")?.user.email).toBe(DEMO_INSTRUCTOR_EMAIL);
  // The set the histories are about, and only it: the course's units are for the instructor to assign.
  expect(course.assignments.map((a) => a.setName)).toEqual(["basics"]);

  const submissions = await db.submission.findMany();
  expect(submissions).toHaveLength(DEMO_LEARNERS.reduce((n, l) => n + l.steps.length, 0));
  expect(submissions.every((s) => s.state === "graded" && s.finishedAt !== null && s.results !== null)).toBe(true);
  const verdicts = new Set(submissions.map((s) => s.verdict));
  expect(verdicts).toEqual(new Set(["passed", "failed", "error"]));
  // Graded for real: the sandbox's per-case results, with hidden cases reported by name and status only.
  expect(submissions.every((s) => (s.results as unknown[]).length === s.totalCount)).toBe(true);

  const now = Date.now();
  const days = new Set(submissions.map((s) => s.createdAt.toISOString().slice(0, 10)));
  expect(days.size).toBeGreaterThanOrEqual(10);
  expect(Math.min(...submissions.map((s) => s.createdAt.getTime()))).toBeLessThan(now - 12 * 24 * 60 * 60 * 1000);
  expect(submissions.every((s) => s.createdAt.getTime() <= now && s.finishedAt!.getTime() >= s.createdAt.getTime())).toBe(true);

  const answers = await db.tutorAnswer.findMany();
  expect(new Set(answers.map((a) => a.kind))).toEqual(new Set(["explanation", "hint"]));
  expect(answers.every((a) => a.engine === "offline" && a.createdAt.getTime() < now)).toBe(true);
  const hintLevels = new Set(answers.filter((a) => a.kind === "hint").map((a) => a.level));
  expect(hintLevels).toEqual(new Set([1, 2, 3]));

  // Progress follows the backdated submissions: solved when the first passing one was made, not when it was seeded.
  const amara = await db.user.findUniqueOrThrow({ where: { email: "amara.okafor@demo.example" }, include: { progress: true } });
  expect(amara.progress).toHaveLength(5);
  expect(amara.progress.every((p) => p.firstSolvedAt !== null && p.activeSeconds > 0)).toBe(true);
  const shout = amara.progress.find((p) => p.exerciseId === "basics/shout")!;
  const firstPass = submissions.filter((s) => s.userId === amara.id && s.exerciseId === "basics/shout" && s.verdict === "passed").sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]!;
  expect(shout.firstSolvedAt).toEqual(firstPass.finishedAt);
  expect(shout.attempts).toBe(2);
  const hugo = await db.user.findUniqueOrThrow({ where: { email: "hugo.silva@demo.example" }, include: { progress: true, submissions: true } });
  expect(hugo.progress).toEqual([]);
  expect(hugo.submissions).toEqual([]);

  const before = await counts();
  const second = await runTutor(["seed", "demo"], path.join(scratch, "cache"), env());
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/nothing was added/);
  expect(second.stdout).toContain(`join code ${course.joinCode}`);
  expect(await counts()).toEqual(before);
  const newPassword = second.stdout.match(/^password: (\S+)$/m)![1]!;
  expect((await signIn(db, DEMO_INSTRUCTOR_EMAIL, newPassword)).email).toBe(DEMO_INSTRUCTOR_EMAIL);
}, 900_000);

test("anything but `seed demo` gets the usage and exit code 2", async () => {
  const run = await runTutor(["seed", "everything"], path.join(scratch, "cache"), env());
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/usage: tutor seed demo/);
});
