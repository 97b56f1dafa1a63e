// Rating the tutor in a real browser, and the instructors reading the ratings. A learner of a class fails the
// shout exercise, marks the tutor's explanation not helpful with a comment and the first hint helpful (with the
// keyboard); their instructor opens the tutor's answers page, filters to the not-helpful ones and reads the comment,
// the answer and the code. Real server, PostgreSQL, Docker sandbox and Chromium; offline tutor.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { assignSet } from "../../server/courses/assignments";
import { createCourse } from "../../server/courses/courses";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import { platformWithBrowser, SCREENSHOTS, signInPage } from "../support/browser";
import { signedUpPerson, type Person } from "../support/platform";

const session = platformWithBrowser();
const PASSWORD = "correct horse battery";
const PRINTS_INSTEAD = "def shout(text):\n    print(text.upper() + '!')\n";
const COMMENT = "It says print is wrong but not what to write instead.";

const shared: { instructor?: Person; learner?: Person; courseId?: string } = {};
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return page;
}

const signIn = (page: Page, email: string) => signInPage(page, session.platform.url, email, PASSWORD);

beforeAll(async () => {
  const { platform } = session;
  shared.instructor = await signedUpPerson(platform, "instructor", "Grace Hopper");
  const course = await createCourse(platform.db, "Python, first steps", shared.instructor.id);
  const { catalog } = ExerciseCatalog.load(path.resolve(__dirname, "../../exercises"));
  await assignSet(platform.db, catalog, course.id, "basics", null);
  shared.courseId = course.id;
  shared.learner = await signedUpPerson(platform, "learner", "Noor");
  await platform.db.courseMember.create({ data: { courseId: course.id, userId: shared.learner.id, role: "learner" } });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
});

test("a learner rates the explanation (with a comment) and a hint, with the keyboard for the hint", async () => {
  const page = await newPage();
  await signIn(page, shared.learner!.email);
  await page.goto(`${session.platform.url}/#/exercises/basics/shout`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  await page.evaluate((text) => (window as unknown as { tutorEditor: { setCode(code: string): void } }).tutorEditor.setCode(text), PRINTS_INSTEAD);
  await page.locator('[data-testid="submit"]').click();
  const panel = page.locator('[data-testid="tutor-panel"]');
  await panel.locator('[data-testid="tutor-explanation"]').waitFor({ timeout: 60_000 });

  const explanationRating = panel.locator('[data-testid="rating"]').first();
  await explanationRating.locator('[data-testid="rate-not-helpful"]').click();
  await explanationRating.locator('[data-testid="rating-status"]', { hasText: "rating is saved" }).waitFor();
  expect(await explanationRating.locator('[data-testid="rate-not-helpful"]').getAttribute("aria-pressed")).toBe("true");
  await explanationRating.locator('[data-testid="rating-comment"]').fill(COMMENT);
  await explanationRating.locator('[data-testid="rating-send"]').click();
  await explanationRating.locator('[data-testid="rating-status"]', { hasText: "comment are saved" }).waitFor();

  await page.waitForSelector('[data-testid="hint-button"][data-level="1"]:enabled', { timeout: 30_000 });
  await panel.locator('[data-testid="hint-button"][data-level="1"]').click();
  const hint = panel.locator('[data-testid="hint"][data-level="1"]');
  await hint.waitFor({ timeout: 60_000 });
  await hint.locator('[data-testid="rate-helpful"]').focus();
  await page.keyboard.press("Enter");
  await hint.locator('[data-testid="rating-status"]', { hasText: "rating is saved" }).waitFor();

  const ratings = await session.platform.db.tutorRating.findMany({ where: { userId: shared.learner!.id }, include: { answer: true } });
  expect(ratings.map((r) => [r.answer.kind, r.helpful, r.comment]).sort()).toEqual([
    ["explanation", false, COMMENT],
    ["hint", true, null],
  ]);
  expect(pageErrors).toEqual([]);
});

test("the instructor reads the answers, filters to the not-helpful ones, and sees the comment and the code", async () => {
  const page = await newPage();
  await signIn(page, shared.instructor!.email);
  await page.goto(`${session.platform.url}/#/courses/${shared.courseId}`);
  await page.locator('[data-testid="open-answers"]').click();
  await page.locator('[data-testid="answer-card"]').first().waitFor();
  expect(await page.locator('[data-testid="answer-card"]').count()).toBe(2);
  await page.locator('[data-testid="filter-rating"]').selectOption("not-helpful");
  await page.locator('[data-testid="answers-filters"] button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="answer-card"]').length === 1);
  const card = page.locator('[data-testid="answer-card"]');
  expect(await card.getAttribute("data-kind")).toBe("explanation");
  expect(await card.locator('[data-testid="answer-comment"]').textContent()).toBe(COMMENT);
  expect(await card.locator('[data-testid="answer-rating"]').getAttribute("data-rating")).toBe("not-helpful");
  expect(await card.locator('[data-testid="answer-text"] p').count()).toBeGreaterThan(0);
  await card.locator("summary").click();
  expect(await card.locator('[data-testid="answer-code"]').textContent()).toBe(PRINTS_INSTEAD);

  await page.locator('[data-testid="filter-rating"]').selectOption("");
  await page.locator('[data-testid="answers-filters"] button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="answer-card"]').length === 2);
  await page.locator('[data-testid="answer-card"] summary').first().click();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "tutor-answers.png"), fullPage: true }); // docs/screenshots/tutor-answers.png
  expect(pageErrors).toEqual([]);
});
