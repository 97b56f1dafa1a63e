// The learning path in a real browser (issue 14): a new learner finds the course's units in order, solves the
// first exercise of unit 1, is taken to the next one, and sees the unit's progress go up on the exercise page,
// the unit's page, the list and the dashboard. A concept's lesson lists the exercises that practise it.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";

const session = platformWithBrowser();
const EXERCISES = path.resolve(__dirname, "../../exercises");
const FIRST_SOLUTION = readFileSync(path.join(EXERCISES, "01-printing/greeting/solution.py"), "utf8");

const setCode = (page: Page, code: string) => page.evaluate((text) => (window as unknown as { tutorEditor: { setCode(code: string): void } }).tutorEditor.setCode(text), code);
const progressOf = async (page: Page, selector: string) => {
  const bar = page.locator(`${selector} [data-testid="unit-progress"]`).first();
  await bar.waitFor();
  return `${await bar.getAttribute("data-solved")}/${await bar.getAttribute("data-total")}`;
};

test("a new learner solves unit 1's first exercise, is taken to the next one, and sees the unit's progress go up", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  // The overview: every unit in order, each with its progress; a new learner has solved nothing.
  await page.goto(session.platform.url);
  const units = page.locator('[data-testid="unit"]');
  await units.first().waitFor();
  const names = await units.evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.set));
  expect(names.slice(0, 12)).toEqual(["01-printing", "02-arithmetic", "03-strings", "04-conditions", "05-loops", "06-lists", "07-functions", "08-dicts-sets", "09-files-json", "10-errors", "11-recursion", "12-project"]);
  expect(await progressOf(page, '[data-testid="unit"][data-set="01-printing"]')).toBe("0/7");
  expect(await page.locator('[data-testid="unit"][data-set="01-printing"] [role="progressbar"]').getAttribute("aria-label")).toBe("Unit 1: Printing and values: 0 of 7 solved");
  await page.screenshot({ path: path.join(SCREENSHOTS, "course-overview.png") });

  // "Start here" opens the first exercise of unit 1, which already says what comes next.
  await page.locator('[data-testid="continue"] a').click();
  await page.waitForURL(/#\/exercises\/01-printing\/greeting$/);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  expect(await progressOf(page, '[data-testid="unit-trail"]')).toBe("0/7");
  const next = page.locator('[data-testid="next-up-panel"] [data-testid="next-up"]');
  await next.waitFor();
  expect(await next.getAttribute("data-exercise-id")).toBe("01-printing/three_ways");

  // A pass turns "Next up" into the page's call to action, and the unit's progress goes up.
  await setCode(page, FIRST_SOLUTION);
  await page.locator('[data-testid="submit"]').click();
  const verdict = page.locator('[data-testid="verdict"]');
  await verdict.waitFor({ timeout: 120_000 });
  expect([await verdict.getAttribute("data-status"), await verdict.textContent()]).toEqual(["passed", expect.any(String)]);
  await page.waitForSelector('[data-testid="next-up-panel"][data-passed="true"] [data-testid="next-up"]');
  expect(await page.locator('[data-testid="next-up-panel"]').textContent()).toContain("Solved! Next up: Three ways to say it");
  await page.waitForSelector('[data-testid="unit-trail"] [data-testid="unit-progress"][data-solved="1"]');
  await page.screenshot({ path: path.join(SCREENSHOTS, "next-up.png"), fullPage: true });

  // Following it leads to the next exercise of the unit.
  await page.locator('[data-testid="next-up-panel"] [data-testid="next-up-link"]').click();
  await page.waitForURL(/#\/exercises\/01-printing\/three_ways$/);
  await page.locator("h1", { hasText: "Three ways to say it" }).waitFor();
  expect(await progressOf(page, '[data-testid="unit-trail"]')).toBe("1/7");

  // The unit's page: what it teaches, its progress, where to carry on.
  await page.locator('[data-testid="unit-trail"] [data-testid="unit-link"]').click();
  await page.waitForURL(/#\/units\/01-printing$/);
  await page.locator('[data-testid="unit-teaches"]').waitFor();
  expect(await progressOf(page, '[data-testid="unit-page"]')).toBe("1/7");
  expect(await page.locator('[data-testid="unit-topic"]').count()).toBeGreaterThan(2);
  expect(await page.locator('[data-testid="unit-teaches"] [data-testid="concept-link"]').count()).toBeGreaterThan(2);
  expect(await page.locator('[data-testid="unit-page"] [data-testid="next-up"]').getAttribute("data-exercise-id")).toBe("01-printing/three_ways");
  await page.screenshot({ path: path.join(SCREENSHOTS, "unit-page.png"), fullPage: true });

  // The list and the dashboard count it too.
  await page.goto(`${session.platform.url}/#/`);
  expect(await progressOf(page, '[data-testid="unit"][data-set="01-printing"]')).toBe("1/7");
  await page.goto(`${session.platform.url}/#/dashboard`);
  expect(await progressOf(page, '[data-testid="unit-row"][data-unit="01-printing"]')).toBe("1/7");
  expect(await progressOf(page, '[data-testid="unit-row"][data-unit="02-arithmetic"]')).toBe("0/7");

  // A lesson sends the learner to practise: the exercises of the concept, the solved one marked.
  await page.goto(`${session.platform.url}/#/concepts/undefined-name`);
  const practise = page.locator('[data-testid="practise-exercise"]');
  await practise.first().waitFor();
  expect(await practise.count()).toBeGreaterThanOrEqual(2);
  expect(await page.locator('[data-testid="practise-exercise"][data-exercise-id="01-printing/greeting"]').getAttribute("data-solved")).toBe("true");
  expect(pageErrors).toEqual([]);
  await context.close();
}, 240_000);
