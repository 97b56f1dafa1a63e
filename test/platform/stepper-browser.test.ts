// The stepper in a real browser, with the keyboard alone: a learner fails a case, opens the stepper from the
// failing test, steps with the arrow keys to the line the tutor suspects, sees a variable change (marked in words)
// and hears each step through the aria-live line; Home and End, the jump button and closing work from the keyboard.
// The Explain code page steps through its example run the same way.
import path from "node:path";
import type { Page } from "playwright-core";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";

const session = platformWithBrowser();

function setCode(page: Page, code: string) {
  return page.evaluate((text) => (window as unknown as { tutorEditor: { setCode(code: string): void } }).tutorEditor.setCode(text), code);
}

const focusedTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);
const live = (page: Page) => page.locator('[data-testid="stepper-live"]').textContent();

// Reads one item past the end of the list on its last round: IndexError on line 5, which the results name.
const OFF_BY_ONE = "def running_total(numbers):\n    result = []\n    total = 0\n    for i in range(len(numbers)):\n        total += numbers[i + 1]\n        result.append(total)\n    return result\n";

test("a learner steps through their failing test with the keyboard to the suspect line and sees a variable change", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await page.goto(`${session.platform.url}/#/exercises/basics/running_total`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  await setCode(page, OFF_BY_ONE);
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector('[data-testid="verdict"]:not([data-status="passed"])', { timeout: 60_000 });

  // Only failing visible tests offer it; the keyboard reaches the button and opens the stepper.
  expect(await page.locator('[data-testid="test-row"][data-hidden="true"] [data-testid="step-through"]').count()).toBe(0);
  const open = page.locator('[data-testid="test-row"][data-hidden="false"] [data-testid="step-through"]').first();
  await open.focus();
  await page.keyboard.press("Enter");
  const stepper = page.locator('[data-testid="stepper"]');
  await stepper.waitFor({ timeout: 60_000 });
  expect(await focusedTestId(page)).toBe("stepper-next");
  expect(await stepper.getAttribute("data-step")).toBe("1");
  expect(await live(page)).toBe("Step 1 of " + (await page.locator('[data-testid="stepper-slider"]').getAttribute("max")) + ", line 1: running_total is called with numbers = [1, 2, 3]");
  expect(await page.locator('[data-testid="stepper-live"]').getAttribute("aria-live")).toBe("polite");

  // The results named line 5 (the IndexError): the stepper marks it and the arrow keys get there.
  const suspect = page.locator('[data-testid="stepper-jump"]');
  expect(await suspect.getAttribute("data-line")).toBe("5");
  while ((await stepper.getAttribute("data-line")) !== "5") await page.keyboard.press("ArrowRight");
  const atSuspect = Number(await stepper.getAttribute("data-step"));
  expect(await live(page)).toMatch(new RegExp(`^Step ${atSuspect} of \\d+, line 5: `));
  expect(await page.locator('[data-testid="stepper-code"] .cm-line--current').textContent()).toBe("        total += numbers[i + 1]");

  // One more step runs line 5: total changes, in words and in the table.
  await page.keyboard.press("ArrowRight");
  expect(await live(page)).toBe(`Step ${atSuspect + 1} of ${await page.locator('[data-testid="stepper-slider"]').getAttribute("max")}, line 6: total changed from 0 to 2`);
  const total = page.locator('[data-testid="stepper-var"][data-name="total"]');
  expect(await total.getAttribute("data-state")).toBe("changed");
  expect(await total.textContent()).toBe("total2changedwas 0");
  expect(await page.locator('[data-testid="stepper-code"] .cm-line--ran').textContent()).toBe("        total += numbers[i + 1]");
  await stepper.screenshot({ path: path.join(SCREENSHOTS, "stepper.png") });

  // Left goes back; End and Home go to the ends; the focus never leaves the stepper.
  await page.keyboard.press("ArrowLeft");
  expect(Number(await stepper.getAttribute("data-step"))).toBe(atSuspect);
  await page.keyboard.press("End");
  expect(await live(page)).toMatch(/line 5: running_total stops: IndexError: list index out of range was not caught$/);
  await page.keyboard.press("ArrowRight");
  expect(await focusedTestId(page)).toBe("stepper-next");
  await page.keyboard.press("Home");
  expect(await stepper.getAttribute("data-step")).toBe("1");

  // The jump button goes straight to the first step at the suspect line.
  await suspect.focus();
  await page.keyboard.press("Enter");
  expect(Number(await stepper.getAttribute("data-step"))).toBe(atSuspect);
  expect(await focusedTestId(page)).toBe("stepper-next");

  // Closing gives the keyboard back to the button that opened it.
  await page.locator('[data-testid="stepper-close"]').focus();
  await page.keyboard.press("Enter");
  await stepper.waitFor({ state: "detached" });
  expect(await focusedTestId(page)).toBe("step-through");
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("on a quiet bug, the line the tutor found by running the code is marked, and the keyboard jumps there", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${session.platform.url}/#/exercises/05-loops/count_digits`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  // Counts one digit too few: nothing raises, a wrong number comes back, and a repair of line 2 fixes every test.
  await setCode(page, "def count_digits(n):\n    count = 0\n    while n > 9:\n        n = n // 10\n        count += 1\n    return count\n");
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector('[data-testid="verdict"]:not([data-status="passed"])', { timeout: 60_000 });
  await page.locator('[data-testid="tutor-explanation"]', { hasText: "Line 2" }).waitFor({ timeout: 60_000 });

  await page.locator('[data-testid="test-row"][data-hidden="false"] [data-testid="step-through"]').first().click();
  const stepper = page.locator('[data-testid="stepper"]');
  await stepper.waitFor({ timeout: 60_000 });
  const jump = page.locator('[data-testid="stepper-jump"]');
  expect(await jump.getAttribute("data-line")).toBe("2");
  expect(await page.locator('[data-testid="stepper"]').textContent()).toContain("a small change on this line makes the failing test pass");
  await jump.focus();
  await page.keyboard.press("Enter");
  expect(await stepper.getAttribute("data-line")).toBe("2");
  expect(await live(page)).toMatch(/, line 2: /);
  await context.close();
}, 120_000);

test("the Explain code page steps through its example run", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await page.goto(`${session.platform.url}/#/tools`);
  await page.locator('[data-testid="tools-editor"] .cm-content').waitFor();
  await page.locator('[data-testid="tools-explain"]').click();
  const example = page.locator('[data-testid="tools-step-through"]');
  await example.waitFor({ timeout: 60_000 });
  await example.focus();
  await page.keyboard.press("Enter");
  const stepper = page.locator('[data-testid="stepper"]');
  await stepper.waitFor({ timeout: 60_000 });
  expect(await live(page)).toMatch(/^Step 1 of \d+, line 1: average is called with numbers = /);
  await page.keyboard.press("End");
  expect(await live(page)).toMatch(/average returns /);
  expect(await page.locator('[data-testid="stepper-summary"]').textContent()).toMatch(/steps; it returned /);
  expect(pageErrors).toEqual([]);
  await context.close();
});
