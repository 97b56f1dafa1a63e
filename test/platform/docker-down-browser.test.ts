// When the grader cannot reach Docker, the learner's page says so instead of showing a run that never ends: the
// submission goes back to the queue with the reason, over the socket and in the submission's view.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { platformWithBrowser } from "../support/browser";

// The platform connects to Docker when it starts: point it at a socket where no engine listens, just for that.
let savedDockerHost: string | undefined;
beforeAll(() => {
  savedDockerHost = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = `unix://${path.join(mkdtempSync(path.join(os.tmpdir(), "no-docker-")), "docker.sock")}`;
});
// Its own database: the submission stays queued, and no other test file's worker should take it.
const session = platformWithBrowser({}, true, `tutor_docker_down_${process.pid}`);
beforeAll(() => {
  if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = savedDockerHost;
});

test("a submission waiting for Docker shows why it waits, and its view says the same", async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${session.platform.url}/#/exercises/basics/shout`);
  await page.locator('[data-testid="editor"] .cm-content').waitFor();
  await page.locator('[data-testid="submit"]').click();
  const status = page.locator('[data-testid="queue-status"][data-state="queued"]', { hasText: "Waiting to be graded" });
  await status.waitFor({ timeout: 30_000 });
  expect(await status.textContent()).toMatch(/Docker/);

  // The same on reload: the page asks for the submission again and shows the stored reason.
  await page.reload();
  await page.locator('[data-testid="queue-status"]', { hasText: "Waiting to be graded" }).waitFor({ timeout: 30_000 });
  const latest = await session.platform.db.submission.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
  expect(latest.state).toBe("queued");
  expect(latest.gradingAttempts).toBeGreaterThanOrEqual(1);
  await context.close();
});
