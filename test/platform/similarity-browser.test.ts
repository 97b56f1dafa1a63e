// The similarity report in a real browser, for a course's instructor: from the course page to the report, an
// exercise picked with the keyboard, the near-copies ranked first and shown side by side with their matching lines
// marked (in words as well as colour), the two different solutions left out, the note that it is only a signal,
// and a pair opened with the keyboard.
// Real server, PostgreSQL, Docker sandbox and Chromium.
import path from "node:path";
import type { Page } from "playwright-core";
import { assignSet } from "../../server/courses/assignments";
import { createCourse } from "../../server/courses/courses";
import { ExerciseCatalog } from "../../server/exercises/catalog";
import { platformWithBrowser, SCREENSHOTS, signInPage } from "../support/browser";
import { signedUpPerson, type Person } from "../support/platform";

const session = platformWithBrowser();
const PASSWORD = "correct horse battery";
const DOCSTRING = '    """Return the sum of the digits of the integer n (the sign of n is ignored)."""\n';

const PROGRAMS: Record<string, string> = {
  Ada: `def sum_digits(n):\n${DOCSTRING}    text = str(abs(n))\n    result = 0\n    for ch in text:\n        digit = int(ch)\n        result = result + digit\n    return result\n`,
  // Ada's program with every name changed and a comment: the copy.
  Bob: `def sum_digits(n):\n${DOCSTRING}    # go through the digits one by one\n    s = str(abs(n))\n    acc = 0\n    for c in s:\n        d = int(c)\n        acc = acc + d\n    return acc\n`,
  Cy: `def sum_digits(n):\n${DOCSTRING}    n = abs(n)\n    if n < 10:\n        return n\n    return n % 10 + sum_digits(n // 10)\n`,
  Dee: `def sum_digits(n):\n${DOCSTRING}    return sum(map(int, str(abs(n))))\n`,
};

let instructor: Person;
let courseId: string;

beforeAll(async () => {
  const { platform } = session;
  const { catalog } = ExerciseCatalog.load(path.resolve(__dirname, "../../exercises"));
  instructor = await signedUpPerson(platform, "instructor", "Grace Hopper");
  const course = await createCourse(platform.db, "Python 1, Tuesday", instructor.id);
  await assignSet(platform.db, catalog, course.id, "basics", null);
  courseId = course.id;
  for (const [name, code] of Object.entries(PROGRAMS)) {
    const learner = await signedUpPerson(platform, "learner", name);
    await platform.db.courseMember.create({ data: { courseId, userId: learner.id, role: "learner" } });
    const res = await learner.client.request("POST", "/api/exercises/basics/sum_digits/submissions", { code });
    await learner.client.waitForVerdict(res.json.submission.id);
  }
});

const signIn = (page: Page, email: string) => signInPage(page, session.platform.url, email, PASSWORD);

test("an instructor finds the copies first, side by side with the matching lines marked, using the keyboard", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await signIn(page, instructor.email);
  await page.goto(`${session.platform.url}/#/courses/${courseId}`);
  await page.locator('[data-testid="open-similarity"]').click();
  await page.locator('[data-testid="similarity-form"]').waitFor();

  // Pick the exercise and compare, with the keyboard alone.
  await page.locator('[data-testid="similarity-exercise"]').focus();
  await page.locator('[data-testid="similarity-exercise"]').selectOption("basics/sum_digits");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator('[data-testid="similarity-report"]').waitFor();
  expect(page.url()).toContain(`#/courses/${courseId}/similarity/basics/sum_digits`);
  expect(await page.locator('[data-testid="similarity-note"]').textContent()).toMatch(/only a signal.*Nothing is done automatically/);

  // The copies rank first and open at once, each program beside the other with its matching lines marked.
  const pairs = page.locator('[data-testid="similar-pair"]');
  expect(await pairs.first().textContent()).toMatch(/^\d+%(Ada and Bob|Bob and Ada)/);
  expect(await pairs.first().getAttribute("aria-pressed")).toBe("true");
  const side = page.locator('[data-testid="side-by-side"]');
  for (const which of ["left", "right"]) expect(await side.locator(`[data-testid="match-line"][data-side="${which}"]`).count()).toBeGreaterThan(2);
  expect(await side.locator('[data-testid="match-line"]').first().textContent()).toContain("match 1 begins");
  expect(await side.locator('[data-testid="similar-fragments"] li').first().textContent()).toMatch(/^Match 1: lines \d+–\d+ of (Ada|Bob)'s program/);
  await page.screenshot({ path: path.join(SCREENSHOTS, "similarity.png"), fullPage: true }); // docs/screenshots/similarity.png

  // The two different solutions share nothing beyond the starter and reference, so they are not listed at all.
  expect(await pairs.count()).toBe(1);
  // A pair opens from the keyboard, and focus moves to its side-by-side heading.
  await pairs.first().focus();
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("side-by-side-heading");
  expect(pageErrors).toEqual([]);
  await context.close();
});
