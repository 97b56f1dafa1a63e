// An instructor authors in a real browser: opens the authoring page from the exercise, edits the instructions
// and watches the preview follow, runs Check, accepts a proposed case, saves; a learner then sees the change.
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { copyOfExercises, signedInInstructor } from "../support/authoring";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";

const session = platformWithBrowser({ exercisesDir: copyOfExercises() });

/** The instructor's session cookies, signed in over the API, given to a browser context. */
async function signInContext(context: BrowserContext, cookieHeader: string): Promise<void> {
  const url = session.platform.url;
  await context.addCookies(
    cookieHeader.split("; ").map((pair) => {
      const [name, ...value] = pair.split("=");
      return { name: name!, value: value.join("="), url };
    }),
  );
}

test("an instructor edits, checks, accepts a proposed case and saves; a learner sees the new instructions", async () => {
  const instructor = await signedInInstructor(session.platform);
  const context = await session.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await signInContext(context, instructor.cookieHeader);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  // From the learner's page of the exercise, the instructor-only link leads to the authoring page.
  await page.goto(`${session.platform.url}/#/exercises/basics/shout`);
  const editLink = page.locator('[data-testid="author-link"]');
  await editLink.waitFor({ state: "visible" });
  await editLink.click();
  await page.locator('[data-testid="authoring-page"][data-exercise-id="basics/shout"]').waitFor();
  const preview = page.locator('[data-testid="preview-instructions"]');
  await preview.waitFor();
  expect(await page.locator('[data-testid="author-preview"] [data-testid="hidden-count"]').getAttribute("data-count")).toBe("3");

  // The preview follows the instructions as they are typed, rendered by the server as learners will see them.
  const instructions = page.locator('[data-testid="author-instructions"]');
  await instructions.fill("Make the text **louder**: upper case, and one `!` at the end.\n");
  await page.waitForFunction(() => document.querySelector('[data-testid="preview-instructions"] strong')?.textContent === "louder");
  expect(await preview.innerHTML()).toContain("<code>!</code>");
  expect(await page.locator('[data-testid="author-status"]').getAttribute("data-state")).toBe("dirty");

  // Check runs the reference and the starter in the sandbox.
  await page.locator('[data-testid="author-check-button"]').click();
  const checked = page.locator('[data-testid="check-result"]');
  await checked.waitFor({ timeout: 90_000 });
  expect(await checked.getAttribute("data-ready")).toBe("true");
  expect(await page.locator('[data-testid="check-row"][data-reference="passed"]').count()).toBe(7);

  // The tutor proposes cases from the reference; accepting one adds it to the table.
  await page.locator('[data-testid="author-propose-button"]').click();
  const proposal = page.locator('[data-testid="proposal"]').first();
  await proposal.waitFor({ timeout: 90_000 });
  const acceptedCall = await proposal.getAttribute("data-call");
  await proposal.locator('[data-testid="accept-proposal"]').click();
  const rows = page.locator('[data-testid="case-row"]');
  expect(await rows.count()).toBe(8);
  expect(await rows.last().locator('[data-testid="case-call"]').inputValue()).toBe(acceptedCall);

  await page.locator('[data-testid="author-save-button"]').click();
  await page.locator('[data-testid="author-status"][data-state="saved"]').waitFor({ timeout: 90_000 });
  await page.locator('[data-testid="check-result"][data-ready="true"]').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, "authoring.png"), fullPage: true });
  expect(pageErrors).toEqual([]);

  // A learner (another browser, no account) sees the new instructions and the accepted case, and no edit link.
  const learnerContext = await session.browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto(`${session.platform.url}/#/exercises/basics/shout`);
  await learnerPage.locator(".instructions strong").waitFor();
  expect(await learnerPage.locator(".instructions").textContent()).toContain("Make the text louder");
  expect(await learnerPage.locator(".example__call").allTextContents()).toContain(acceptedCall);
  expect(await learnerPage.locator('[data-testid="author-link"]').isHidden()).toBe(true);
  await learnerContext.close();
  await context.close();
});
