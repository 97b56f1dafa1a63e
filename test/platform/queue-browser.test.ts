// Back-pressure a learner can see in the browser: while the queue is busy, the page says how many submissions
// are ahead of theirs, and the number falls as the queue drains.
import path from "node:path";
import { claimNextSubmission, failGrading } from "../../server/grading/lifecycle";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";
import { LearnerClient } from "../support/platform";

// No worker, and a database no other test file queues in: the test takes jobs off the queue itself, so the
// learner's place in it is certain.
const session = platformWithBrowser({}, false, `tutor_queue_browser_${process.pid}`);
const CODE = "def shout(text):\n    return text.upper() + '!'\n";

test("a queued submission shows how many are ahead of it, and counts down as the queue drains", async () => {
  const classmate = new LearnerClient(session.platform.url);
  for (let i = 0; i < 3; i++) {
    expect((await classmate.request("POST", "/api/exercises/basics/shout/submissions", { code: CODE })).status).toBe(202);
  }

  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${session.platform.url}/#/exercises/basics/shout`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  await page.evaluate((code) => (window as unknown as { tutorEditor: { setCode(c: string): void } }).tutorEditor.setCode(code), CODE);
  await page.locator('[data-testid="submit"]').click();
  await page.getByText("Queued: 3 submissions ahead of yours").waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, "queued.png") });

  // Two of the classmate's submissions are taken and finished: the learner moves up to one ahead.
  for (let i = 0; i < 2; i++) {
    const job = await claimNextSubmission(session.platform.db, "test-worker", 30_000);
    await failGrading(session.platform.db, job!.id, "test-worker", "finished by the test");
  }
  await page.getByText("Queued: 1 submission ahead of yours").waitFor({ timeout: 15_000 });
  await context.close();
});
