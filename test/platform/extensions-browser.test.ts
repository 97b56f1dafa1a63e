// An instructor grants, changes and removes a deadline extension on the course page in a real browser, with the
// keyboard where a form is sent and the buttons found by their accessible names; the learner sees their own date.
import type { Page } from "playwright-core";
import { platformWithBrowser } from "../support/browser";
import { type Person, signedUpPerson } from "../support/platform";

const session = platformWithBrowser();
const pageErrors: string[] = [];
let teacher: Person, ada: Person, courseId: string;

async function signedInPage(who: Person): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${session.platform.url}/#/signin`);
  await page.locator('[data-testid="signin-email"]').fill(who.email);
  await page.locator('[data-testid="signin-password"]').fill("correct horse battery");
  await page.locator('[data-testid="signin-submit"]').click();
  await page.locator('[data-testid="signed-in-as"]').waitFor();
  await page.goto(`${session.platform.url}/#/courses/${courseId}`);
  await page.locator('[data-testid="course-title"]').waitFor();
  return page;
}

/** Sends the extension form the way a keyboard user does: focus on the button, Enter. */
async function sendForm(page: Page) {
  await page.locator('[data-testid="extension-submit"]').focus();
  await page.keyboard.press("Enter");
}

const courseDueOfAda = async () => (await ada.client.request("GET", `/api/courses/${courseId}`)).json.course.assignments[0];

beforeAll(async () => {
  teacher = await signedUpPerson(session.platform, "instructor", "Grace");
  ada = await signedUpPerson(session.platform, "learner", "Ada");
  const bob = await signedUpPerson(session.platform, "learner", "Bob");
  const course = (await teacher.client.request("POST", "/api/courses", { name: "Extensions in the browser" })).json.course;
  courseId = course.id;
  await teacher.client.request("POST", `/api/courses/${courseId}/assignments`, { setName: "basics", dueAt: "2020-01-01T17:00:00Z" });
  for (const learner of [ada, bob]) await learner.client.request("POST", "/api/courses/join", { code: course.joinCode });
});

test("the instructor grants an extension, changes it and removes it; the learner sees their own date meanwhile", async () => {
  const page = await signedInPage(teacher);
  await page.locator('[data-testid="no-extensions"]').waitFor();

  // Ada, basics, no date: the form says what is missing under the date field.
  await page.locator('[data-testid="extension-learner"]').selectOption({ label: "Ada" });
  await page.locator('[data-testid="extension-set"]').selectOption("basics");
  await sendForm(page);
  const error = page.locator("#extension-dueAt-error");
  await error.waitFor();
  expect(await error.textContent()).toMatch(/dueAt must be the learner's own due date/i);
  expect(await page.locator('[data-testid="extension-due"]').getAttribute("aria-invalid")).toBe("true");

  await page.locator('[data-testid="extension-due"]').fill("2099-03-01T17:00");
  await sendForm(page);
  const row = page.locator(`[data-testid="extension"][data-user-id="${ada.id}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain("Grace");
  const granted = await courseDueOfAda();
  expect([granted.dueAt, granted.extended]).toEqual([new Date("2099-03-01T17:00").toISOString(), true]);

  // Ada's own course page marks her date as hers.
  const adaPage = await signedInPage(ada);
  const due = adaPage.locator('[data-testid="assignment"][data-set="basics"] [data-testid="due"]');
  await due.waitFor();
  expect(await due.getAttribute("data-extended")).toBe("true");
  expect(await due.textContent()).toContain("extended for you");
  await adaPage.context().close();

  // Change: the button named for Ada and the set fills the form and puts the focus on the date.
  await page.getByRole("button", { name: /^Change Ada's due date for / }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("extension-due");
  await page.locator('[data-testid="extension-due"]').fill("2099-04-01T09:00");
  await sendForm(page);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="extension"][data-user-id="${id}"] [data-testid="due"]`)?.getAttribute("data-due")?.startsWith("2099-04-01"), ada.id);
  expect(await page.locator('[data-testid="extension"]').count()).toBe(1);

  // Remove, confirming the question.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: /^Remove Ada's extension for / }).click();
  await page.locator('[data-testid="no-extensions"]').waitFor();
  const removed = await courseDueOfAda();
  expect([removed.dueAt, removed.extended]).toEqual(["2020-01-01T17:00:00.000Z", false]);
  await page.context().close();
  expect(pageErrors).toEqual([]);
});
