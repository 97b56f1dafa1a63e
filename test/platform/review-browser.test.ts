// The review of working code in a real browser. A learner of a class passes the guest book with a record format of
// their own ("|" between fields) and a few other habits; under the results, the Review section shows the JSON
// suggestion first with its lesson ("Use JSON here") and a before/after example, moves the editor to a suggestion's
// line, keeps the rest behind "Show N more" (reachable with the keyboard alone); the Explain code page reviews
// pasted code with the same list; and the class dashboard counts what the class's passing code was told. The
// tests share the class and run in order. Real server, PostgreSQL, Docker sandbox and Chromium; offline tutor.
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { assignSet } from "../../server/courses/assignments";
import { createCourse } from "../../server/courses/courses";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";
import { signedUpPerson, type Person } from "../support/platform";

const session = platformWithBrowser();
const PASSWORD = "correct horse battery";

/**
 * Passes every test, with habits a teacher would still talk about: fields glued with "|" and split apart again,
 * files opened without `with`, `range(len(...))` reading `guests[i]`, text built with `+` and `str()`, `== None`.
 */
const HABITS = `def save_guests(path, guests):
    file = open(path, "w")
    for i in range(len(guests)):
        guest = guests[i]
        file.write(guest["name"] + "|" + guest["city"] + "|" + str(guest["nights"]) + "\\n")
    file.close()


def load_guests(path):
    guests = []
    file = open(path)
    for line in file.read().splitlines():
        if line == None:
            continue
        fields = line.split("|")
        guests.append({"name": fields[0], "city": fields[1], "nights": int(fields[2])})
    file.close()
    return guests
`;

const shared: { instructor?: Person; learner?: Person; courseId?: string; emptyCourseId?: string } = {};
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { context, page };
}

function setCode(page: Page, code: string) {
  return page.evaluate((text) => (window as unknown as { tutorEditor: { setCode(code: string): void } }).tutorEditor.setCode(text), code);
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${session.platform.url}/#/signin`);
  await page.locator('[data-testid="signin-email"]').fill(email);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
}

/** The text of the line the editor's cursor is on (CodeMirror marks it as the active line). */
function activeLine(page: Page, editor: string) {
  return page.locator(`[data-testid="${editor}"] .cm-activeLine`).textContent();
}

beforeAll(async () => {
  const { platform } = session;
  const { catalog } = ExerciseCatalog.load(path.resolve(__dirname, "../../exercises"));
  shared.instructor = await signedUpPerson(platform, "instructor", "Grace Hopper");
  const course = await createCourse(platform.db, "Files and JSON", shared.instructor.id);
  await assignSet(platform.db, catalog, course.id, "09-files-json", null);
  shared.courseId = course.id;
  const empty = await createCourse(platform.db, "Nothing reviewed yet", shared.instructor.id);
  await assignSet(platform.db, catalog, empty.id, "09-files-json", null);
  shared.emptyCourseId = empty.id;
  shared.learner = await signedUpPerson(platform, "learner", "Noor");
  await platform.db.courseMember.create({ data: { courseId: course.id, userId: shared.learner.id, role: "learner" } });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
});

test("after a pass, the Review section shows the JSON suggestion first, its lesson, a line to jump to, and more behind a button", async () => {
  const { page } = await newPage();
  await signIn(page, shared.learner!.email);
  await page.goto(`${session.platform.url}/#/exercises/09-files-json/guest_book`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  // A failing submission gets the tutor's explanation, and no review: the review is for code that passes.
  await setCode(page, "def save_guests(path, guests):\n    pass\n\n\ndef load_guests(path):\n    return []\n");
  await page.locator('[data-testid="submit"]').click();
  await page.locator('[data-testid="verdict"][data-state="graded"]:not([data-status="passed"])').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="tutor-panel"]').waitFor();
  expect(await page.locator('[data-testid="review"]').isHidden()).toBe(true);

  await setCode(page, HABITS);
  await page.locator('[data-testid="submit"]').click();
  const verdict = page.locator('[data-testid="verdict"][data-status="passed"]');
  await verdict.waitFor({ timeout: 60_000 });
  expect(await verdict.textContent()).toMatch(/All \d+ tests passed/);

  // The section has a heading and says what it is doing while the tutor reads; then the suggestions.
  const review = page.locator('[data-testid="review"]');
  await review.waitFor();
  expect(await review.locator("h2").textContent()).toBe("Review");
  expect(await review.getAttribute("aria-labelledby")).toBe("review-heading");
  await page.locator('[data-testid="review"][data-state="ready"]').waitFor({ timeout: 60_000 });
  const suggestions = review.locator('[data-testid="review-suggestion"]');
  const total = await suggestions.count();
  expect(total).toBeGreaterThan(3);

  // Essential first: the JSON suggestion this exercise is about, labelled in words.
  const json = suggestions.first();
  expect(await json.getAttribute("data-suggestion-id")).toBe("json-serialization");
  expect(await json.getAttribute("data-severity")).toBe("essential");
  expect(await json.locator('[data-testid="review-severity-word"]').textContent()).toBe("Essential");
  expect(await json.locator(".suggestion__title").textContent()).toBe("Use JSON for structured data");
  const severities = await suggestions.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.severity));
  const rank = { essential: 0, actionable: 1, celebratory: 2 } as Record<string, number>;
  expect(severities.map((s) => rank[s!])).toEqual([...severities.map((s) => rank[s!])].sort());
  const labels = await suggestions.locator('[data-testid="review-severity-word"]').allTextContents();
  for (const label of labels) expect(["Essential", "Suggestion", "Well done"]).toContain(label);
  // The code passed: nothing said about it (the section's words, each suggestion's message) calls it wrong. The
  // lessons teach in general, and may name "the usual mistake".
  const said = [await review.locator("header").textContent(), await review.locator('[data-testid="review-summary"]').textContent(), ...(await review.locator('[data-testid="review-message"]').allTextContents())];
  for (const text of said) expect(text).not.toMatch(/\b(wrong|incorrect|mistake)\b/i);

  // Three at once; the rest behind "Show N more".
  expect(await page.locator('[data-testid="review-suggestion"]:visible').count()).toBe(3);
  const more = review.locator('[data-testid="review-more"]');
  expect(await more.textContent()).toBe(`Show ${total - 3} more`);

  // The lesson opens behind its disclosure, with the example as "Instead of" and "Try".
  const lesson = json.locator('[data-testid="review-lesson"]');
  expect(await lesson.locator('[data-testid="review-lesson-text"]').isVisible()).toBe(false);
  await lesson.locator('[data-testid="review-lesson-toggle"]').click();
  const lessonText = lesson.locator('[data-testid="review-lesson-text"]');
  await lessonText.waitFor();
  expect(await lessonText.textContent()).toContain("Use JSON here");
  expect(await lesson.locator('[data-testid="review-example-before"] figcaption').textContent()).toBe("Instead of");
  expect(await lesson.locator('[data-testid="review-example-after"] figcaption').textContent()).toBe("Try");
  expect(await lesson.locator('[data-testid="review-example-after"] pre').textContent()).toMatch(/json/);
  await review.scrollIntoViewIfNeeded();
  await review.screenshot({ path: path.join(SCREENSHOTS, "review.png") }); // docs/screenshots/review.png

  // A suggestion's line moves the editor's cursor there.
  const lineButton = json.locator('[data-testid="review-line"]');
  const line = Number(await lineButton.getAttribute("data-line"));
  expect(await lineButton.textContent()).toBe(`Line ${line}`);
  await lineButton.click();
  expect((await activeLine(page, "editor"))!.trim()).toBe(HABITS.split("\n")[line - 1]!.trim());

  // "Show N more" shows the rest, and hands the focus to the first of them.
  await more.click();
  expect(await page.locator('[data-testid="review-suggestion"]:visible').count()).toBe(total);
  expect(await more.count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="review-suggestion"]') === document.querySelectorAll('[data-testid="review-suggestion"]')[3])).toBe(true);
  const ids = await suggestions.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.suggestionId));
  expect(ids).toEqual(expect.arrayContaining(["json-serialization", "none-identity", "with-open"]));
  await page.screenshot({ path: path.join(SCREENSHOTS, "review-page.png"), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test("with the keyboard alone: Tab to “Show more” and press Enter", async () => {
  const { page } = await newPage();
  await signIn(page, shared.learner!.email);
  // Coming back: the last submission passed, so its review shows again (the tutor has it already).
  await page.goto(`${session.platform.url}/#/exercises/09-files-json/guest_book`);
  await page.locator('[data-testid="review"][data-state="ready"]').waitFor({ timeout: 60_000 });
  const total = await page.locator('[data-testid="review-suggestion"]').count();
  expect(await page.locator('[data-testid="review-suggestion"]:visible').count()).toBe(3);

  let reached = false;
  for (let presses = 0; presses < 120 && !reached; presses++) {
    const where = await page.evaluate(() => ({ testId: (document.activeElement as HTMLElement | null)?.dataset.testid ?? null, inEditor: !!document.activeElement?.closest(".cm-content") }));
    if (where.testId === "review-more") {
      reached = true;
      break;
    }
    // In the editor Tab indents; Escape first lets the next Tab leave it, as CodeMirror documents.
    if (where.inEditor) await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
  }
  expect(reached).toBe(true);
  await page.keyboard.press("Enter");
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="review-suggestion"]:not([hidden])').length === count, total);
  expect(await page.evaluate(() => document.activeElement?.classList.contains("suggestion__title"))).toBe(true);
  expect(pageErrors).toEqual([]);
});

test("the Review tool of the Explain code page reviews pasted code with the same list, and says when there is nothing to add", async () => {
  const { page } = await newPage();
  await page.goto(`${session.platform.url}/#/tools`);
  await page.locator('[data-testid="tools-editor"] .cm-content').waitFor();
  const pasted = "def find(bookings, name):\n    ticket = bookings.get(name)\n    if ticket == None:\n        return 'none'\n    return 'Ticket: ' + str(ticket)\n";
  await setCode(page, pasted);
  await page.locator('[data-testid="tools-review"]').click();
  const result = page.locator('[data-testid="tools-result"][data-kind="review"]');
  await result.waitFor({ timeout: 60_000 });
  const suggestions = result.locator('[data-testid="review-suggestion"]');
  expect(await suggestions.count()).toBeGreaterThan(0);
  const ids = await suggestions.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.suggestionId));
  expect(ids).toContain("none-identity");
  const none = result.locator('[data-testid="review-suggestion"][data-suggestion-id="none-identity"]');
  expect(await none.locator('[data-testid="review-severity-word"]').textContent()).toBe("Suggestion");
  await none.locator('[data-testid="review-lesson-toggle"]').click();
  expect(await none.locator('[data-testid="review-example-before"] pre').textContent()).toContain("== None");
  await none.locator('[data-testid="review-line"]').click();
  expect((await activeLine(page, "tools-editor"))!.trim()).toBe("if ticket == None:");
  await page.screenshot({ path: path.join(SCREENSHOTS, "tools-review.png"), fullPage: true });

  await setCode(page, "def add(a, b):\n    return a + b\n");
  await page.locator('[data-testid="tools-review"]').click();
  await page.locator('[data-testid="tools-result"][data-kind="review"] [data-testid="review-empty"]').waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-testid="review-empty"]').textContent()).toContain("Nothing to add: this reads well.");
  expect(pageErrors).toEqual([]);
});

test("the class dashboard lists what the class's passing code could still learn, and says when nothing was reviewed yet", async () => {
  const { page } = await newPage();
  await signIn(page, shared.instructor!.email);
  await page.goto(`${session.platform.url}/#/courses/${shared.courseId}/dashboard`);
  const section = page.locator('[data-testid="review-insights"]');
  await section.waitFor({ timeout: 30_000 });
  expect(await section.locator("h2").textContent()).toBe("What passing code could still learn");
  const exercise = section.locator('[data-testid="review-insight-exercise"][data-exercise-id="09-files-json/guest_book"]');
  await exercise.waitFor();
  expect(await exercise.locator("h3").textContent()).toBe("A guest book that remembers");
  // Every row counts one learner here; among equals, the essential one comes first.
  expect(await exercise.locator('[data-testid="review-insight"]').first().getAttribute("data-suggestion-id")).toBe("json-serialization");
  const json = exercise.locator('[data-testid="review-insight"][data-suggestion-id="json-serialization"]');
  expect(await json.getAttribute("data-learners")).toBe("1");
  expect(await json.textContent()).toContain("Use JSON for structured data");
  expect(await json.locator('[data-testid="review-severity-word"]').textContent()).toBe("Essential");
  expect(await json.locator('[data-testid="review-insight-count"]').textContent()).toBe("1 of 1 who solved it");
  // Praise is not something to teach again: no "Well done" rows.
  expect(await section.locator('[data-testid="review-insight"][data-severity="celebratory"]').count()).toBe(0);
  await section.screenshot({ path: path.join(SCREENSHOTS, "dashboard-review.png") });

  await page.goto(`${session.platform.url}/#/courses/${shared.emptyCourseId}/dashboard`);
  await page.locator('[data-testid="review-insights-empty"]').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-testid="review-insights-empty"]').textContent()).toContain("No passing code has been reviewed yet");
  expect(pageErrors).toEqual([]);
});
