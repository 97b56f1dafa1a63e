// A learner in a real browser: opens an exercise, types a solution into the editor, submits, watches the
// tests pass live, and finds the progress kept when they come back.
import path from "node:path";
import type { Page } from "playwright-core";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";

const session = platformWithBrowser();

async function typeInEditor(page: Page, code: string) {
  const content = page.locator('[data-testid="editor"] .cm-content');
  await content.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // Typed key by key, as a learner would. After Enter the editor indents by itself; Shift+Home selects that
  // indentation so the line's own replaces it, and the text ends up exactly as written here.
  const lines = code.split("\n");
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      await page.keyboard.press("Enter");
      await page.keyboard.press("Shift+Home");
      if (!line) await page.keyboard.press("Backspace");
    }
    if (line) await page.keyboard.type(line);
  }
}

test("a learner solves an exercise in the browser and finds the progress kept", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await page.goto(session.platform.url);
  const card = page.locator('[data-testid="exercise-card"][data-exercise-id="basics/shout"]');
  await card.click();
  await page.locator('[data-testid="editor"] .cm-content').waitFor();

  // First a wrong answer: the failing test shows what was expected and what came back.
  await typeInEditor(page, "def shout(text):\n    return text.upper()");
  await page.locator('[data-testid="submit"]').click();
  const verdict = page.locator('[data-testid="verdict"]');
  await verdict.waitFor({ timeout: 60_000 });
  expect(await verdict.getAttribute("data-status")).toBe("failed");
  await expect(page.locator('[data-testid="test-row"][data-status="failed"]').first().textContent()).resolves.toContain("'HELLO!'");

  const solution = "def shout(text):\n    if text == '':\n        return ''\n    loud = text.upper()\n    if loud.endswith('!'):\n        return loud\n    return loud + '!'";
  await typeInEditor(page, solution);
  expect(await page.evaluate(() => (window as unknown as { tutorEditor: { getCode(): string } }).tutorEditor.getCode())).toBe(solution);
  await page.locator('[data-testid="submit"]').click();
  await page.waitForSelector('[data-testid="verdict"][data-status="passed"]', { timeout: 60_000 });
  const rows = page.locator('[data-testid="test-row"]');
  expect(await rows.count()).toBe(7);
  expect(await page.locator('[data-testid="test-row"][data-status="passed"]').count()).toBe(7);
  await page.screenshot({ path: path.join(SCREENSHOTS, "exercise-passed.png"), fullPage: true });

  // Coming back later: the list shows the exercise solved, and the editor holds the solution.
  await page.goto(session.platform.url);
  const badge = page.locator('[data-testid="exercise-card"][data-exercise-id="basics/shout"] [data-testid="progress-badge"]');
  await badge.waitFor();
  expect(await badge.getAttribute("data-progress")).toBe("solved");
  await page.screenshot({ path: path.join(SCREENSHOTS, "exercise-list.png") });
  await card.click();
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  expect(await page.locator('[data-testid="editor"] .cm-content').textContent()).toContain("return loud + '!'");
  expect(pageErrors).toEqual([]);
  await context.close();
});
