// A class in a real browser. An admin makes an account an instructor; the instructor creates a course and
// assigns a problem set; a learner who started anonymously signs up (keeping that attempt), joins with the
// code, fails, reads the feedback, takes a hint and solves it; the instructor's heatmap shows it solved and the
// learner's timeline shows the hint; last, the instructor removes a learner who joined by mistake. The tests share
// one course and run in order.
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { ensureAccountWithRole } from "../../server/auth/accounts";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";
import { LearnerClient } from "../support/platform";

const session = platformWithBrowser();
const PASSWORD = "correct horse battery";
const ADMIN = "admin@school.test";
const INSTRUCTOR = "grace@school.test";
const LEARNER = "ada@school.test";
const FAILING = "def shout(text):\n    return text.upper()\n";
const SOLUTION = "def shout(text):\n    if text == '':\n        return ''\n    loud = text.upper()\n    if loud.endswith('!'):\n        return loud\n    return loud + '!'\n";

const shared: { instructor?: BrowserContext; courseId?: string; joinCode?: string; learnerId?: string } = {};
const pageErrors: string[] = [];

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { context, page };
}

function setCode(page: Page, code: string) {
  return page.evaluate((text) => (window as unknown as { tutorEditor: { setCode(code: string): void } }).tutorEditor.setCode(text), code);
}

async function submit(page: Page, code: string, status: "passed" | "failed") {
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  await setCode(page, code);
  await page.locator('[data-testid="submit"]').click();
  await page.waitForSelector(`[data-testid="verdict"][data-status="${status}"]`, { timeout: 60_000 });
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${session.platform.url}/#/signin`);
  await page.locator('[data-testid="signin-email"]').fill(email);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
}

afterAll(async () => {
  await shared.instructor?.close();
});

test("an admin makes an account an instructor, who creates a course and assigns a problem set", async () => {
  await ensureAccountWithRole(session.platform.db, ADMIN, PASSWORD, "admin");

  // Grace signs up; the form puts the API's message under the field it is about.
  const { context, page } = await newPage();
  shared.instructor = context;
  await page.goto(`${session.platform.url}/#/signup`);
  await page.locator('[data-testid="signup-displayName"]').fill("Grace Hopper");
  await page.locator('[data-testid="signup-email"]').fill(INSTRUCTOR);
  await page.locator('[data-testid="signup-password"]').fill("short");
  await page.locator('[data-testid="signup-submit"]').click();
  const passwordError = page.locator('[data-testid="field-error"][data-field="password"]');
  await passwordError.waitFor();
  expect(await passwordError.textContent()).toContain("at least 10 characters");
  expect(await page.locator('[data-testid="signup-password"]').getAttribute("aria-invalid")).toBe("true");
  await page.locator('[data-testid="signup-password"]').fill(PASSWORD);
  await page.locator('[data-testid="signup-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
  expect(await page.locator('[data-testid="signed-in-as"]').textContent()).toContain("Grace Hopper");
  expect(await page.locator('[data-testid="nav-admin"]').isHidden()).toBe(true);

  // The admin signs in (a wrong password first), opens Admin and makes Grace an instructor.
  const admin = await newPage();
  await signIn(admin.page, ADMIN, "not the password");
  const message = admin.page.locator('[data-testid="signin-message"]');
  await message.waitFor();
  expect(await message.textContent()).toContain("wrong");
  await admin.page.screenshot({ path: path.join(SCREENSHOTS, "sign-in.png") });
  await admin.page.locator('[data-testid="signin-password"]').fill(PASSWORD);
  await admin.page.locator('[data-testid="signin-submit"]').click();
  await admin.page.locator('[data-testid="signed-in-as"][data-role="admin"]').waitFor();
  await admin.page.locator('[data-testid="nav-admin"]').click();
  const row = admin.page.locator(`[data-testid="admin-user"][data-email="${INSTRUCTOR}"]`);
  await row.locator('[data-testid="role-select"]').selectOption("instructor");
  await row.locator('[data-testid="role-status"][data-state="saved"]').waitFor();
  expect(await admin.page.locator(`[data-testid="admin-user"][data-email="${ADMIN}"] [data-testid="role-select"]`).isDisabled()).toBe(true);
  await admin.context.close();

  // Grace now creates a course: its page shows the join code, big, with a Copy button.
  await page.goto(`${session.platform.url}/#/courses`);
  await page.locator('[data-testid="create-course-name"]').fill("Python 1 — Tuesday group");
  await page.locator('[data-testid="create-course-submit"]').click();
  const code = page.locator('[data-testid="join-code"]');
  await code.waitFor();
  shared.joinCode = (await code.textContent())!.trim();
  expect(shared.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  expect(await page.locator('[data-testid="copy-button"][data-copy="join-code"]').isVisible()).toBe(true);
  shared.courseId = decodeURIComponent(new URL(page.url()).hash.split("/")[2]!);

  // She assigns the basics set, due in a week.
  const due = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  await page.locator('[data-testid="assign-set"]').selectOption("basics");
  await page.locator('[data-testid="assign-due"]').fill(`${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}T17:00`);
  await page.locator('[data-testid="assign-submit"]').click();
  const assigned = page.locator('[data-testid="assignment-row"][data-set="basics"]');
  await assigned.waitFor();
  expect(await assigned.locator('[data-testid="due"]').textContent()).toContain("Due");
  await page.screenshot({ path: path.join(SCREENSHOTS, "course.png"), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test("a learner keeps an anonymous attempt by signing up, joins with the code, fails, reads the feedback, takes a hint and solves it", async () => {
  const { context, page } = await newPage();
  // First, anonymously: one failing attempt, and the header invites to sign up.
  await page.goto(`${session.platform.url}/#/exercises/basics/shout`);
  await submit(page, FAILING, "failed");
  expect(await page.locator('[data-testid="nav-signup"]').isVisible()).toBe(true);

  await page.locator('[data-testid="nav-signup"]').click();
  await page.locator('[data-testid="signup-displayName"]').fill("Ada Lovelace");
  await page.locator('[data-testid="signup-email"]').fill(LEARNER);
  await page.locator('[data-testid="signup-password"]').fill(PASSWORD);
  await page.locator('[data-testid="signup-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
  expect(await page.locator('[data-testid="signed-in-as"]').textContent()).toContain("Ada Lovelace");
  // The attempt made before signing up is the account's now.
  await page.locator('[data-testid="stat-attempted"]').waitFor();
  expect(await page.locator('[data-testid="stat-attempted"]').getAttribute("data-value")).toBe("1");

  // Joining with the code as typed in lower case; the course lists the assignment with its status.
  await page.locator('[data-testid="nav-courses"]').click();
  await page.locator('[data-testid="join-code-input"]').fill(shared.joinCode!.toLowerCase());
  await page.locator('[data-testid="join-submit"]').click();
  const shout = page.locator('[data-testid="assigned-exercise"][data-exercise-id="basics/shout"]');
  await shout.waitFor();
  expect(await shout.getAttribute("data-status")).toBe("attempted");
  expect(await page.locator('[data-testid="assignment"][data-set="basics"] [data-testid="due"]').textContent()).toContain("Due");

  // Fail again, read the tutor's explanation, take the first hint, then solve it.
  await shout.locator("a").click();
  await submit(page, FAILING, "failed");
  const panel = page.locator('[data-testid="tutor-panel"]');
  const explanation = panel.locator('[data-testid="tutor-explanation"]');
  await explanation.waitFor({ timeout: 60_000 });
  expect((await explanation.textContent())!.trim().length).toBeGreaterThan(20);
  await page.waitForSelector('[data-testid="hint-button"][data-level="1"]:enabled', { timeout: 30_000 });
  await panel.locator('[data-testid="hint-button"][data-level="1"]').click();
  await panel.locator('[data-testid="hint"][data-level="1"]').waitFor({ timeout: 60_000 });
  await submit(page, SOLUTION, "passed");

  // The attempt history lists all three, with the hint under the second.
  const history = page.locator('[data-testid="history"]');
  await page.waitForSelector('[data-testid="history"][data-count="3"]', { timeout: 30_000 });
  await history.locator("summary").first().click();
  const attempts = history.locator('[data-testid="attempt"]');
  expect(await attempts.count()).toBe(3);
  expect(await attempts.nth(0).getAttribute("data-verdict")).toBe("passed");
  expect(await attempts.nth(1).locator('[data-testid="attempt-hints"]').getAttribute("data-levels")).toBe("1");

  await page.locator('[data-testid="nav-dashboard"]').click();
  await page.locator('[data-testid="stat-solved"]').waitFor();
  expect(await page.locator('[data-testid="stat-solved"]').getAttribute("data-value")).toBe("1");
  await page.locator('[data-testid="activity-chart"] svg').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, "learner-dashboard.png"), fullPage: true });

  // A learner of the course may not open its class dashboard.
  await page.goto(`${session.platform.url}/#/courses/${shared.courseId}/dashboard`);
  const banner = page.locator('[data-testid="error-banner"]');
  await banner.waitFor({ state: "visible" });
  expect(await banner.textContent()).toContain("instructors");
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("the instructor's heatmap shows the learner solved it, and the timeline shows the hint", async () => {
  const page = await shared.instructor!.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${session.platform.url}/#/courses/${shared.courseId}/dashboard`);
  const learnerRow = page.locator('[data-testid="learner-button"]', { hasText: "Ada Lovelace" });
  await learnerRow.waitFor();
  const learnerId = (await learnerRow.getAttribute("data-learner-id"))!;
  const cell = page.locator(`[data-testid="heat-cell"][data-learner-id="${learnerId}"][data-exercise-id="basics/shout"]`);
  expect(await cell.getAttribute("data-status")).toBe("solved");
  expect(await cell.getAttribute("data-attempts")).toBe("3");
  expect(await cell.getAttribute("title")).toContain("solved");
  expect(await cell.textContent()).toContain("✓");
  expect(await page.locator(`[data-testid="heat-cell"][data-learner-id="${learnerId}"][data-exercise-id="basics/sum_digits"]`).getAttribute("data-status")).toBe("not-started");

  await cell.click();
  const timeline = page.locator(`[data-testid="timeline"][data-learner-id="${learnerId}"][data-state="ready"]`);
  await timeline.waitFor();
  expect(await timeline.locator('[data-testid="timeline-hint"][data-level="1"]').count()).toBe(1);
  const verdicts = await timeline.locator('[data-testid="timeline-verdict"]').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.verdict));
  expect(verdicts).toEqual(["passed", "failed", "failed"]);
  await timeline.locator('[data-testid="timeline-event"][data-kind="submission"] summary').first().click();
  await timeline.locator('[data-testid="timeline-code"] .cm-content').first().waitFor();
  expect(await timeline.locator('[data-testid="timeline-code"] .cm-content').first().textContent()).toContain("return loud + '!'");
  await page.screenshot({ path: path.join(SCREENSHOTS, "instructor-dashboard.png"), fullPage: true });

  // The CSV export behind the link has the learner's row.
  const href = (await page.locator('[data-testid="export-csv"]').getAttribute("href"))!;
  const csv = await page.request.get(new URL(href, session.platform.url).toString());
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(LEARNER);
  expect(pageErrors).toEqual([]);
  await page.close();
});

test("the instructor removes a learner who joined the wrong class; the learner's work stays theirs", async () => {
  const stray = new LearnerClient(session.platform.url);
  await stray.signUp("stray@school.test", PASSWORD, "Stray Learner");
  expect((await stray.request("POST", "/api/courses/join", { code: shared.joinCode })).status).toBe(200);
  const submitted = await stray.request("POST", "/api/exercises/basics/shout/submissions", { code: FAILING });
  await stray.waitForVerdict(submitted.json.submission.id);

  const page = await shared.instructor!.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${session.platform.url}/#/courses/${shared.courseId}`);
  const row = page.locator('[data-testid="member"]', { hasText: "Stray Learner" });
  await row.waitFor();
  // The browser's confirmation names who leaves which course; dismissing it removes nobody.
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await row.locator('[data-testid="member-remove"]').click();
  expect(asked[0]).toMatch(/Remove Stray Learner from .*Their work stays theirs/);
  expect(await row.count()).toBe(1);
  expect(await row.locator('[data-testid="member-remove"]').textContent()).toBe("Remove");

  page.once("dialog", (dialog) => void dialog.accept());
  await row.locator('[data-testid="member-remove"]').click();
  await row.waitFor({ state: "detached" });
  expect(await page.locator('[data-testid="member"]', { hasText: "Ada Lovelace" }).count()).toBe(1);

  expect((await stray.request("GET", "/api/courses")).json.courses).toEqual([]);
  expect((await stray.request("GET", `/api/submissions/${submitted.json.submission.id}`)).status).toBe(200);
  expect(pageErrors).toEqual([]);
  await page.close();
});
