// The tutor in a real browser: after a failing submission the Tutor panel explains it and gives hints in
// order; the Tools page explains a pasted function, generates tests with a mutation score, and shows the
// server's message for code without a function. Whichever engine answers (offline by default), the shapes and
// the data-testids are the same, so these checks stay structural.
import path from "node:path";
import type { Page } from "playwright-core";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";

const session = platformWithBrowser();

function setCode(page: Page, code: string) {
  return page.evaluate((text) => (window as unknown as { tutorEditor: { setCode(code: string): void } }).tutorEditor.setCode(text), code);
}

test("the tutor explains a failing submission and gives hints in order", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await page.goto(`${session.platform.url}/#/exercises/basics/shout`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  await setCode(page, "def shout(text):\n    return text.upper()\n");
  await page.locator('[data-testid="submit"]').click();
  await page.waitForSelector('[data-testid="verdict"][data-status="failed"]', { timeout: 60_000 });

  const panel = page.locator('[data-testid="tutor-panel"]');
  await panel.waitFor();
  const explanation = panel.locator('[data-testid="tutor-explanation"]');
  await explanation.waitFor({ timeout: 60_000 });
  expect((await explanation.textContent())!.trim().length).toBeGreaterThan(20);
  const chips = panel.locator('[data-testid="concept-chip"]');
  if ((await chips.count()) > 0) {
    await chips.first().click();
    const lesson = panel.locator('[data-testid="concept-lesson"][data-state="ready"]');
    await lesson.waitFor({ timeout: 30_000 });
    expect(await lesson.getAttribute("data-concept-id")).toBe(await chips.first().getAttribute("data-concept-id"));
  }

  // Only the next level is open; each hint appears under the previous ones.
  const button = (level: number) => panel.locator(`[data-testid="hint-button"][data-level="${level}"]`);
  await page.waitForSelector('[data-testid="hint-button"][data-level="1"]:enabled', { timeout: 30_000 });
  expect(await button(2).isDisabled()).toBe(true);
  expect(await button(3).isDisabled()).toBe(true);
  await button(1).click();
  await panel.locator('[data-testid="hint"][data-level="1"]').waitFor({ timeout: 60_000 });
  await page.waitForSelector('[data-testid="hint-button"][data-level="2"]:enabled');
  expect(await button(1).isDisabled()).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, "tutor-panel.png"), fullPage: true });

  // After a reload the hint taken is still there, and level 2 is still the next one.
  await page.reload();
  await page.locator('[data-testid="hint"][data-level="1"]').waitFor({ timeout: 60_000 });
  await page.waitForSelector('[data-testid="hint-button"][data-level="2"]:enabled');
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("the Tools page explains a function, generates tests, and says when there is no function", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await page.goto(session.platform.url);
  await page.locator('[data-testid="exercise-card"]').first().waitFor();
  await page.locator('[data-testid="nav-tools"]').click();
  await page.locator('[data-testid="tools-editor"] .cm-content').waitFor();
  expect(await page.locator('[data-testid="tools-editor"] .cm-content').textContent()).toContain("def average");

  await page.locator('[data-testid="tools-explain"]').click();
  const explained = page.locator('[data-testid="tools-result"][data-kind="explain"]');
  await explained.waitFor({ timeout: 60_000 });
  expect(await explained.getAttribute("data-function")).toBe("average");
  expect(await explained.locator('[data-testid="tools-step"]').count()).toBeGreaterThan(0);
  expect(await page.locator('[data-testid="tools-tests"]').isEnabled()).toBe(true);

  await page.locator('[data-testid="tools-tests"]').click();
  const tests = page.locator('[data-testid="tools-result"][data-kind="tests"]');
  await tests.waitFor({ timeout: 120_000 });
  expect(await tests.locator('[data-testid="tools-case"]').count()).toBeGreaterThan(0);
  const mutation = tests.locator('[data-testid="tools-mutation"]');
  const killed = Number(await mutation.getAttribute("data-killed"));
  const total = Number(await mutation.getAttribute("data-total"));
  expect(killed).toBeLessThanOrEqual(total);
  if (total > 0) expect(await mutation.textContent()).toContain(`These tests catch ${killed} of ${total}`);
  expect(await tests.locator('[data-testid="tools-pytest"]').textContent()).toContain("def test_");
  await page.screenshot({ path: path.join(SCREENSHOTS, "tools-tests.png"), fullPage: true });

  await setCode(page, "x = 1\n");
  await page.locator('[data-testid="tools-explain"]').click();
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor({ state: "visible", timeout: 60_000 });
  expect(await banner.textContent()).toContain("no function");
  expect(pageErrors).toEqual([]);
  await context.close();
});
