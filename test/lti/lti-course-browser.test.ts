// An instructor's course page for a course linked to an LMS course, in headless Chromium (issue 16): the instructor
// launches from the loopback LMS and lands on it; the "Learning platform" panel says which LMS course, how many
// grades wait for the LMS and the last error; the roster sync runs from the keyboard and its outcome is announced.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { registerPlatform } from "../../server/lti/platforms";
import { platformWithBrowser, SCREENSHOTS } from "../support/browser";
import { LtiTestPlatform, ROLE } from "../support/lti-platform";

const session = platformWithBrowser({}, false);
let lms: LtiTestPlatform;

beforeAll(async () => {
  lms = await new LtiTestPlatform().start();
  lms.toolJwksUrl = `${session.platform.url}/lti/jwks`;
  await registerPlatform(session.platform.db, lms.registration());
});

afterAll(async () => {
  await lms?.stop();
});

test("the instructor sees the grades waiting for the LMS and syncs the roster with the keyboard", async () => {
  const { db, url: tool } = session.platform;
  const teacher = `teacher-${randomUUID()}`;
  const contextId = `context-${randomUUID()}`;
  const membershipsUrl = lms.setMembers(contextId, [
    { user_id: teacher, roles: [ROLE.instructor] },
    { user_id: `learner-${randomUUID()}`, roles: [ROLE.learner], name: "Lin Learner" },
    { user_id: `learner-${randomUUID()}`, roles: [ROLE.learner], name: "Sam Student" },
  ]);
  const hint = lms.prepareLaunch({ user: { sub: teacher, roles: [ROLE.instructor], name: "Ada Teacher" }, context: { id: contextId, title: "Python 101" }, membershipsUrl, lineItemUrl: lms.addLineItem() });

  const browserContext = await session.browser.newContext({ viewport: { width: 1300, height: 1400 } });
  const page = await browserContext.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(lms.loginUrl(tool, hint));
  await page.getByTestId("course-title").waitFor();
  expect(await page.getByTestId("course-title").textContent()).toBe("Python 101");

  const panel = page.getByRole("region", { name: "Learning platform" });
  expect(await panel.textContent()).toContain("Linked to Python 101 on Loopback LMS.");
  expect(await panel.getByTestId("lti-grades").textContent()).toMatch(/^No grades sent to the LMS yet/);

  // A score the sender could not deliver (no worker runs here, so it stays as the outbox holds it).
  const link = await db.ltiResourceLink.findFirstOrThrow({ where: { context: { contextId } } });
  const teacherUser = await db.ltiAccount.findUniqueOrThrow({ where: { issuer_sub: { issuer: lms.issuer, sub: teacher } } });
  await db.ltiScore.create({
    data: { resourceLinkId: link.id, userId: teacherUser.userId, scoreGiven: 3, scoreMaximum: 7, activityProgress: "InProgress", gradingProgress: "FullyGraded", timestamp: new Date(), pendingSince: new Date(), attempts: 2, lastAttemptAt: new Date(), lastError: "The LMS answered 503 to POST …/scores." },
  });
  await page.reload();
  await page.getByTestId("lti-grades").waitFor();
  expect(await page.getByTestId("lti-grades").textContent()).toBe("1 grade is waiting to be sent to the LMS; it will keep trying. Last error: The LMS answered 503 to POST …/scores.");

  // To the sync button with Tab alone, then Enter.
  const sync = page.getByRole("button", { name: "Sync the roster from the LMS" });
  for (let i = 0; i < 80 && !(await sync.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  expect(await sync.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await sync.getAttribute("aria-describedby")).toBe("lti-sync-help");
  await page.keyboard.press("Enter");
  const status = page.getByTestId("lti-sync-result");
  await status.filter({ hasText: "Roster synced" }).waitFor();
  expect(await status.getAttribute("role")).toBe("status");
  expect(await status.textContent()).toBe("Roster synced: 3 active members in the LMS, 2 added, 0 with a new role, 0 removed.");
  await page.getByTestId("member").filter({ hasText: "Sam Student" }).waitFor();
  expect(await page.getByTestId("member").count()).toBe(3);
  // The page rebuilt with the new members; the keyboard user is back on the button they pressed.
  expect(await page.getByRole("button", { name: "Sync the roster from the LMS" }).evaluate((el) => el === document.activeElement)).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, "lti-course.png"), fullPage: true });
  expect(pageErrors).toEqual([]);
  await browserContext.close();
});
