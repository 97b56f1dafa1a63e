// A launch inside the LMS's iframe, in headless Chromium (issue 16): the loopback LMS's course page (on
// "localhost", another site than Tutor on 127.0.0.1) frames the login initiation; the browser goes through the
// platform's authorization endpoint and its auto-posted id_token, and the learner lands on the exercise inside the
// frame, signed in. The launch cookies are SameSite=None; Secure; Partitioned, which Chromium keeps in a third-party
// frame on http://127.0.0.1 (a potentially trustworthy origin); in production Tutor must be served over HTTPS.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { registerPlatform } from "../../server/lti/platforms";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";
import { LtiBrowser } from "../support/lti-launch";
import { LtiTestPlatform, ROLE } from "../support/lti-platform";

const session = platformWithBrowser({}, false);
let lms: LtiTestPlatform;

beforeAll(async () => {
  lms = await new LtiTestPlatform({ host: "localhost" }).start();
  lms.toolJwksUrl = `${session.platform.url}/lti/jwks`;
  await registerPlatform(session.platform.db, lms.registration());
});

afterAll(async () => {
  await lms?.stop();
});

test("a learner launched inside the LMS's iframe lands on the exercise, signed in", async () => {
  const tool = session.platform.url;
  const context = { id: `context-${randomUUID()}`, title: "Python in the LMS" };
  // The instructor's first launch creates the course the learner joins.
  const opened = await new LtiBrowser(tool).launch(lms, { user: { sub: `teacher-${randomUUID()}`, roles: [ROLE.instructor] }, context });
  expect(opened.status).toBe(303);

  const hint = lms.prepareLaunch({ user: { sub: `learner-${randomUUID()}`, roles: [ROLE.learner], name: "Lin Learner" }, context, custom: { tutor_target: "01-printing/greeting" } });
  const coursePage = lms.framePage(tool, hint);
  const browserContext = await session.browser.newContext({ viewport: { width: 1300, height: 950 } });
  const page = await browserContext.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(coursePage);

  const frame = page.frameLocator("#tool");
  await frame.locator('[data-testid="editor"] .cm-content').waitFor({ timeout: 60_000 });
  const inner = page.frames().find((f) => f.url().startsWith(tool))!;
  expect(new URL(inner.url()).hash).toBe("#/exercises/01-printing/greeting");
  // Signed in as the platform-scoped account, inside the frame.
  const me = await inner.evaluate(async () => (await (await fetch("/api/me")).json()) as { user: { signedIn: boolean; displayName: string } });
  expect(me.user).toMatchObject({ signedIn: true, displayName: "Lin Learner" });
  await page.screenshot({ path: path.join(SCREENSHOTS, "lti-iframe-launch.png") });
  expect(pageErrors).toEqual([]);
  await browserContext.close();
});

test("without the LTI launch, Tutor still refuses to be framed", async () => {
  const browserContext = await session.browser.newContext();
  const page = await browserContext.newPage();
  lms.route("GET", "/plain-frame", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><head><title>Framing</title></head><body><iframe id="tool" title="Tutor" src="${session.platform.url}/"></iframe></body></html>`);
  });
  const refused = page.waitForEvent("console", (m) => /frame-ancestors|Refused to frame/i.test(m.text()));
  await page.goto(`${lms.issuer}/plain-frame`);
  expect((await refused).text()).toMatch(/frame-ancestors/);
  await browserContext.close();
});
