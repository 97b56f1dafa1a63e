// The Admin page's LTI section in Chromium (issue 16): an admin reads the URLs to paste into the LMS, registers a
// platform with the keyboard (a bad URL is explained under its field), sees it listed, rotates the tool's key and
// removes the platform.
import path from "node:path";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";
import { signedUpPerson } from "../support/platform";

const session = platformWithBrowser({}, false);

test("an admin registers a platform, rotates the key and removes the platform from the Admin page", async () => {
  const admin = await signedUpPerson(session.platform, "admin");
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${session.platform.url}/#/signin`);
  await page.locator('[data-testid="signin-email"]').fill(admin.email);
  await page.locator('[data-testid="signin-password"]').fill("correct horse battery");
  await page.locator('[data-testid="signin-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
  await page.goto(`${session.platform.url}/#/admin`);

  const section = page.locator('[data-testid="lti-admin"]');
  await section.locator('[data-testid="lti-login-url"]').waitFor();
  expect(await section.locator('[data-testid="lti-login-url"]').textContent()).toBe(`${session.platform.url}/lti/login`);
  expect(await section.locator('[data-testid="lti-jwks-url"]').textContent()).toBe(`${session.platform.url}/lti/jwks`);

  // The form, filled from the keyboard through its labels; a plain-http JWKS URL is explained under its field.
  const values: [string, string][] = [
    ["Name", "Moodle at school"],
    ["Issuer", "https://moodle.school.example"],
    ["Client ID", "moodle-client-1"],
    ["Deployment IDs", "1, 2"],
    ["Authentication request URL", "https://moodle.school.example/mod/lti/auth.php"],
    ["Access token URL", "https://moodle.school.example/mod/lti/token.php"],
    ["Public keyset (JWKS) URL", "http://moodle.school.example/mod/lti/certs.php"],
  ];
  for (const [label, value] of values) await section.getByLabel(label, { exact: true }).fill(value);
  await section.locator('[data-testid="lti-register"]').focus();
  await page.keyboard.press("Enter");
  const error = section.locator('[data-testid="field-error"][data-field="jwksUrl"]');
  await error.waitFor();
  expect(await error.textContent()).toContain("must be an https:// URL");
  expect(await section.getByLabel("Public keyset (JWKS) URL", { exact: true }).getAttribute("aria-invalid")).toBe("true");

  await section.getByLabel("Public keyset (JWKS) URL", { exact: true }).fill("https://moodle.school.example/mod/lti/certs.php");
  await section.locator('[data-testid="lti-register"]').focus();
  await page.keyboard.press("Enter");
  // Other test files of the run share the database, and their platforms are listed too: this one is found by name.
  const row = section.locator('[data-testid="lti-platform"]', { hasText: "Moodle at school" });
  await row.waitFor();
  expect(await row.locator("td").allTextContents()).toEqual(["Moodle at school", "https://moodle.school.example", "moodle-client-1", "1, 2", "Remove"]);
  await page.screenshot({ path: path.join(SCREENSHOTS, "lti-admin.png"), fullPage: true });

  const keyBefore = await section.locator('[data-testid="lti-current-key"] code').textContent();
  await section.locator('[data-testid="lti-rotate"]').click();
  await page.waitForFunction((before) => document.querySelector('[data-testid="lti-current-key"] code')?.textContent !== before, keyBefore);

  await row.locator('[data-testid="lti-remove"]').click();
  await row.waitFor({ state: "detached" });
  expect(await section.getByRole("status").first().textContent()).toBe("Removed Moodle at school.");
  expect(pageErrors).toEqual([]);
  await context.close();
});
