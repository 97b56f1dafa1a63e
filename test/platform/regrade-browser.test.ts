// The regrade flow in a real browser, for a course's instructor: an assigned exercise's case is fixed after two
// learners were graded against the mistake; the course page says the exercise changed since 2 submissions were
// graded, the instructor regrades each learner's latest with the keyboard, watches it run, and reads the summary:
// two verdicts changed, Ada now passes and Bob now fails. Real server, PostgreSQL, Docker sandbox and Chromium.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { assignSet } from "../../server/courses/assignments";
import { createCourse } from "../../server/courses/courses";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import { announceExerciseChange } from "../../server/exercises/change-feed";
import { platformWithBrowser, SCREENSHOTS, signInPage } from "../support/browser";
import { writeExerciseFolder } from "../support/exercise-fixture";
import { signedUpPerson, type Person } from "../support/platform";

const PASSWORD = "correct horse battery";
const caseFile = (expectForTwo: number) => `- name: zero\n  call: answer(0)\n  expect: 0\n- name: two\n  call: answer(2)\n  expect: ${expectForTwo}\n`;
const exerciseDir = writeExerciseFolder({ solution: "def answer(x):\n    return x * 2\n", casesYaml: caseFile(5) }, "double");
const exercisesDir = path.dirname(path.dirname(exerciseDir));
const session = platformWithBrowser({ exercisesDir });

let instructor: Person;
let courseId: string;

beforeAll(async () => {
  const { platform } = session;
  const { catalog } = ExerciseCatalog.load(exercisesDir);
  instructor = await signedUpPerson(platform, "instructor", "Grace Hopper");
  const course = await createCourse(platform.db, "Python 1, Thursday", instructor.id);
  await assignSet(platform.db, catalog, course.id, "tests", null);
  courseId = course.id;
  const programs = { Ada: "def answer(x):\n    return x * 2\n", Bob: "def answer(x):\n    return 5 if x == 2 else x * 2\n" };
  for (const [name, code] of Object.entries(programs)) {
    const learner = await signedUpPerson(platform, "learner", name);
    await platform.db.courseMember.create({ data: { courseId, userId: learner.id, role: "learner" } });
    const res = await learner.client.request("POST", "/api/exercises/tests/double/submissions", { code });
    await learner.client.waitForVerdict(res.json.submission.id);
  }
  // The case is fixed: every web server and worker reads the folder again.
  writeFileSync(path.join(exerciseDir, "cases.yaml"), caseFile(4));
  await announceExerciseChange(platform.db, "tests/double");
  const deadline = Date.now() + 30_000;
  while ((await instructor.client.request("GET", `/api/courses/${courseId}/regrades`)).json.changed.length === 0) {
    if (Date.now() > deadline) throw new Error("the platform did not pick up the fixed case");
    await new Promise((r) => setTimeout(r, 100));
  }
});

const signIn = (page: Page, email: string) => signInPage(page, session.platform.url, email, PASSWORD);

test("an instructor sees the changed exercise, regrades with the keyboard, and reads who flipped", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await signIn(page, instructor.email);
  await page.goto(`${session.platform.url}/#/courses/${courseId}`);

  const changed = page.locator('[data-testid="changed-exercise"]');
  await changed.waitFor();
  expect(await changed.textContent()).toMatch(/^Fixture changed since 2 submissions were graded\./);
  const latest = changed.locator('[data-testid="regrade-latest"]');
  expect(await latest.textContent()).toBe("Regrade each learner's latest (2)");

  await latest.focus();
  await page.keyboard.press("Enter");
  const regrade = page.locator('[data-testid="regrade"]');
  await regrade.waitFor();
  // Focus moves to the new regrade, whose progress is announced as it runs.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Regrade of Fixture");
  expect(await regrade.locator('[data-testid="regrade-progress"]').getAttribute("aria-live")).toBe("polite");
  await page.locator('[data-testid="regrade"][data-done="true"]').waitFor({ timeout: 90_000 });
  expect(await regrade.locator('[data-testid="regrade-progress"]').textContent()).toBe("Done: 2 of 2 regraded.");
  expect(await regrade.locator('[data-testid="regrade-changed"]').textContent()).toBe("2 verdicts changed.");
  expect(await regrade.locator('[data-testid="regrade-now-passing"]').textContent()).toBe("Now passing (failed before): Ada.");
  expect(await regrade.locator('[data-testid="regrade-now-failing"]').textContent()).toBe("Now failing (passed before): Bob.");
  await page.locator('[data-testid="regrades"]').screenshot({ path: path.join(SCREENSHOTS, "regrade.png") });

  // Once regraded, nothing is stale any more; the summary stays after a reload.
  await page.reload();
  await page.locator('[data-testid="no-changed-exercises"]').waitFor();
  expect(await page.locator('[data-testid="regrade-now-failing"]').textContent()).toBe("Now failing (passed before): Bob.");
  expect(pageErrors).toEqual([]);
  await context.close();
});
