// A signed-in learner's own account in the browser: the header's name leads to it, a wrong current password is
// refused with a message on the form, a right one changes the password, and the new one signs in.
import path from "node:path";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";

const session = platformWithBrowser();
const EMAIL = `ada.${process.pid}@school.example`;
const FIRST = "first password here";
const SECOND = "second password here";

test("a learner changes their password from the account page and signs in with the new one", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${session.platform.url}/#/signup`);
  await page.locator('[data-testid="signup-displayName"]').fill("Ada Lovelace");
  await page.locator('[data-testid="signup-email"]').fill(EMAIL);
  await page.locator('[data-testid="signup-password"]').fill(FIRST);
  await page.locator('[data-testid="signup-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').click();
  await page.locator('[data-testid="account-page"]').waitFor();
  expect(await page.locator('[data-testid="account-page"]').textContent()).toContain(EMAIL);

  await page.locator('[data-testid="password-currentPassword"]').fill("not my password");
  await page.locator('[data-testid="password-newPassword"]').fill(SECOND);
  await page.locator('[data-testid="password-submit"]').click();
  const refusal = page.locator('[data-testid="password-message"]');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain("current password is wrong");

  await page.locator('[data-testid="password-currentPassword"]').fill(FIRST);
  await page.locator('[data-testid="password-newPassword"]').fill(SECOND);
  await page.locator('[data-testid="password-submit"]').click();
  await page.locator('[data-testid="password-changed"]').waitFor();
  expect(await page.locator('[data-testid="password-message"]').isHidden()).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, "account.png") });
  // Still signed in here, with the session the change started.
  await page.reload();
  await page.locator('[data-testid="signed-in-as"]').waitFor();

  await page.locator('[data-testid="sign-out"]').click();
  await page.locator('[data-testid="nav-signin"]').waitFor();
  await page.goto(`${session.platform.url}/#/signin`);
  await page.locator('[data-testid="signin-email"]').fill(EMAIL);
  await page.locator('[data-testid="signin-password"]').fill(SECOND);
  await page.locator('[data-testid="signin-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
  expect(await page.locator('[data-testid="signed-in-as"]').textContent()).toContain("Ada Lovelace");
  await context.close();
});
