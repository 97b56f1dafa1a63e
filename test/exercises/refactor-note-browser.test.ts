// An imported refactoring exercise in a real browser: the page says, before the instructions, that the code already
// passes and the task is to make it cleaner; an exercise to solve says nothing of the kind.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { confirmRefactoring, importExercism } from "../../server/exercises/import-exercism";
import { platformWithBrowser } from "../support/browser";
import { freshReferenceCache, realSandbox } from "../support/sandbox";

const FIXTURES = path.join(__dirname, "fixtures/exercism");
const exercisesDir = mkdtempSync(path.join(os.tmpdir(), "tutor-refactor-note-"));

// Registered before the platform's own beforeAll, so the set is imported (and confirmed) before it loads.
beforeAll(async () => {
  const outcome = importExercism(FIXTURES, path.join(exercisesDir, "exercism"));
  const checks = await confirmRefactoring(outcome.refactoring, await realSandbox(), freshReferenceCache());
  expect(checks.filter((c) => c.marked).map((c) => path.basename(c.dir))).toEqual(["receipt-printer"]);
});
const session = platformWithBrowser({ exercisesDir }, false, `tutor_refactor_note_${process.pid}`);

test("the page of a refactoring exercise says to make it cleaner and keep it passing; others do not", async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${session.platform.url}/#/exercises/exercism/receipt-printer`);
  const note = page.locator('[data-testid="refactor-note"]');
  await note.waitFor();
  expect(await note.getAttribute("role")).toBe("note");
  expect(await note.textContent()).toBe("A refactoring exercise. This code already passes every test: make it cleaner, and keep it passing.");
  // It comes before the instructions, so a screen reader meets it first.
  const order = await page.locator(".exercise-info").evaluate((info) => {
    const children = [...info.children];
    return children.indexOf(info.querySelector('[data-testid="refactor-note"]')!) < children.indexOf(info.querySelector(".instructions")!);
  });
  expect(order).toBe(true);
  await expect(page.locator(".workbench__bar").textContent()).resolves.toContain("Make it cleaner, keep it passing");

  await page.goto(`${session.platform.url}/#/exercises/exercism/tidy-shelves`);
  await page.locator(".instructions").waitFor();
  await expect(page.locator(".workbench__bar").textContent()).resolves.toContain("Write the function shelve()");
  expect(await page.locator('[data-testid="refactor-note"]').count()).toBe(0);
  await context.close();
});
