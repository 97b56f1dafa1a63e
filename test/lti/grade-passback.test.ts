// Grade passback (LTI Assignment and Grade Services, issue 16): real submissions graded by the real worker in the
// real sandbox, their scores sent through the outbox in PostgreSQL to the loopback LMS's score service, which checks
// the access token, its scope, the media type and the score's shape. A better result sends again and a worse one
// does not; a set launched as one assignment reports the share solved; a launch with only a line items container
// finds or creates its line item; a score waits through an LMS outage and a refused token and is sent once after.
import { randomUUID } from "node:crypto";
import type { Platform } from "../../server/platform";
import { type LaunchOptions, type LtiTestPlatform, ROLE } from "../support/lti-platform";
import { LtiBrowser, toolWithLms } from "../support/lti-launch";
import { LearnerClient, until } from "../support/platform";

// A short first retry, so the outage tests' retries come in seconds; the sender's rules are the production ones.
const session = toolWithLms({ ltiScoreRetryMs: 300 }, true);
let tool: Platform;
let lms: LtiTestPlatform;
let context: { id: string; title: string };
let courseId: string;
let instructor: LearnerClient;

const SOLUTION = 'def shout(text):\n    if not text:\n        return ""\n    loud = text.upper()\n    return loud if loud.endswith("!") else loud + "!"\n';
/** Passes 4 of shout's 7 cases (not "watch out!", "", "wow!!"). */
const PARTIAL = 'def shout(text):\n    return text.upper() + "!"\n';
/** Passes 1 of 7 (only the empty string). */
const WORSE = "def shout(text):\n    return text\n";

beforeAll(async () => {
  ({ tool, lms } = session);
  context = { id: `context-${randomUUID()}`, title: "Python with grades" };
  const browser = new LtiBrowser(tool.url);
  expect((await browser.launch(lms, { user: { sub: `teacher-${randomUUID()}`, roles: [ROLE.instructor] }, context, custom: { tutor_target: "basics" } })).status).toBe(303);
  instructor = new LearnerClient(tool.url, browser.jar);
  courseId = (await tool.db.ltiContext.findFirstOrThrow({ where: { contextId: context.id } })).courseId;
});

/** A learner launched from a link of the course: their sub, and a client with their session. */
async function launchedLearner(options: Partial<LaunchOptions> & { target: string }) {
  const sub = `learner-${randomUUID()}`;
  const browser = new LtiBrowser(tool.url);
  const res = await browser.launch(lms, { user: { sub, roles: [ROLE.learner], name: "Lin Learner" }, context, resourceLinkId: `link-${randomUUID()}`, custom: { tutor_target: options.target }, ...options });
  expect(res.status).toBe(303);
  return { sub, client: new LearnerClient(tool.url, browser.jar) };
}

async function submit(client: LearnerClient, code: string, exercise = "basics/shout") {
  const posted = await client.request("POST", `/api/exercises/${exercise}/submissions`, { code });
  expect(posted.status).toBe(202);
  return client.waitForVerdict(posted.json.submission.id);
}

const scoresOn = (lineItem: string) => lms.scores.filter((s) => s.lineItemId === lineItem);
const outboxRow = async (userSub: string) => {
  const account = await tool.db.ltiAccount.findUniqueOrThrow({ where: { issuer_sub: { issuer: lms.issuer, sub: userSub } } });
  return tool.db.ltiScore.findFirst({ where: { userId: account.userId } });
};

test("a pass sends the score: passed cases over cases, the platform's user id, the submission's time, the AGS media type", async () => {
  const lineItem = lms.addLineItem({ scoreMaximum: 100, label: "Shout" });
  const { sub, client } = await launchedLearner({ target: "basics/shout", lineItemUrl: lineItem });
  const graded = await submit(client, SOLUTION);
  expect([graded.verdict, graded.passedCount, graded.totalCount]).toEqual(["passed", 7, 7]);

  const [score] = await until("the score reaches the LMS", () => scoresOn(lineItem), (s) => s.length === 1);
  expect(score).toEqual({
    lineItemId: lineItem,
    userId: sub,
    scoreGiven: 7,
    scoreMaximum: 7,
    activityProgress: "Completed",
    gradingProgress: "FullyGraded",
    timestamp: graded.createdAt,
    contentType: "application/vnd.ims.lis.v1.score+json",
  });
  const row = await until("the outbox marks it sent", () => outboxRow(sub), (r) => r?.pendingSince === null);
  expect(row).toMatchObject({ version: 1, sentVersion: 1, attempts: 0, lastError: null });
});

test("a better result sends again; a worse one does not", async () => {
  const lineItem = lms.addLineItem();
  const { sub, client } = await launchedLearner({ target: "basics/shout", lineItemUrl: lineItem });

  const partial = await submit(client, PARTIAL);
  expect(partial.passedCount).toBe(4);
  await until("the partial score is sent", () => scoresOn(lineItem), (s) => s.length === 1);
  await until("the outbox marks it sent", () => outboxRow(sub), (r) => r?.pendingSince === null);
  const tokensBefore = lms.tokensIssued.length;

  // The verdict and the outbox are written in one statement: once the worse verdict is stored, the outbox says
  // whether anything is to be sent, and nothing is.
  const worse = await submit(client, WORSE);
  expect(worse.passedCount).toBe(1);
  expect(await outboxRow(sub)).toMatchObject({ scoreGiven: 4, scoreMaximum: 7, version: 1, pendingSince: null });

  const better = await submit(client, SOLUTION);
  const scores = await until("the better score is sent", () => scoresOn(lineItem), (s) => s.length === 2);
  expect(scores.map((s) => [s.scoreGiven, s.scoreMaximum, s.activityProgress, s.timestamp])).toEqual([
    [4, 7, "InProgress", partial.createdAt],
    [7, 7, "Completed", better.createdAt],
  ]);
  // The LMS has the score a moment before the sender records that it does.
  expect(await until("the outbox marks it sent", () => outboxRow(sub), (r) => r?.pendingSince === null)).toMatchObject({ version: 2, sentVersion: 2 });
  // The second score went with the token the first one got: it is kept until shortly before it expires.
  expect(lms.tokensIssued.slice(tokensBefore)).toEqual([]);
});

test("a set launched as one assignment reports the share of its exercises solved", async () => {
  const lineItem = lms.addLineItem({ scoreMaximum: 100, label: "Basics" });
  const { sub, client } = await launchedLearner({ target: "basics", lineItemUrl: lineItem });
  const inSet = await tool.db.exercise.count({ where: { setName: "basics", available: true } });
  expect(inSet).toBeGreaterThan(1);

  // A partial result solves nothing, so the set's share does not move and nothing is sent.
  await submit(client, PARTIAL);
  expect(await outboxRow(sub)).toBeNull();

  const graded = await submit(client, SOLUTION);
  const [score] = await until("the set's share reaches the LMS", () => scoresOn(lineItem), (s) => s.length === 1);
  expect(score).toMatchObject({ userId: sub, scoreGiven: 1, scoreMaximum: inSet, activityProgress: "InProgress", gradingProgress: "FullyGraded", timestamp: graded.createdAt });
});

test("a launch with only the line items container: Tutor finds or creates the link's line item, once", async () => {
  const resourceLinkId = `link-${randomUUID()}`;
  const first = await launchedLearner({ target: "basics/shout", lineItemsOnly: true, resourceLinkId });
  const second = await launchedLearner({ target: "basics/shout", lineItemsOnly: true, resourceLinkId });
  await Promise.all([submit(first.client, SOLUTION), submit(second.client, PARTIAL)]);

  const created = await until("both scores reach one created line item", () => [...lms.lineItems.values()].filter((i) => i.resourceLinkId === resourceLinkId), (items) => items.length === 1 && scoresOn(items[0]!.id).length === 2);
  expect(created[0]).toMatchObject({ scoreMaximum: 100, resourceId: "basics/shout", tag: "tutor" });
  expect(scoresOn(created[0]!.id).map((s) => [s.userId, s.scoreGiven]).sort()).toEqual([[first.sub, 7], [second.sub, 4]].sort());
  expect((await tool.db.ltiResourceLink.findFirstOrThrow({ where: { resourceLinkId } })).foundLineItemUrl).toBe(created[0]!.id);
});

test("a grade earned while the LMS is down waits, is retried, and is sent once when it comes back", async () => {
  const lineItem = lms.addLineItem();
  const { sub, client } = await launchedLearner({ target: "basics/shout", lineItemUrl: lineItem });
  lms.down = true;
  try {
    await submit(client, SOLUTION);
    const failing = await until("two failed attempts", () => outboxRow(sub), (r) => (r?.attempts ?? 0) >= 2);
    expect(failing!.pendingSince).not.toBeNull();
    expect(failing!.lastError).toMatch(/503/);

    // The instructor sees what is waiting and why.
    const status = await instructor.request("GET", `/api/courses/${courseId}/lti`);
    expect(status.status).toBe(200);
    expect(status.json.contexts).toEqual([{ platform: "Loopback LMS", title: context.title, rosterSync: false }]);
    expect(status.json.grades.pending).toBeGreaterThanOrEqual(1);
    expect(status.json.grades.failing).toBeGreaterThanOrEqual(1);
    expect(status.json.grades.lastError).toMatch(/503/);
  } finally {
    lms.down = false;
  }
  const [score] = await until("the waiting score is sent", () => scoresOn(lineItem), (s) => s.length === 1);
  expect(score).toMatchObject({ userId: sub, scoreGiven: 7 });
  const row = await until("the outbox marks it sent", () => outboxRow(sub), (r) => r?.pendingSince === null);
  const attempts = await tool.db.ltiScoreAttempt.findMany({ where: { userId: row!.userId }, orderBy: { id: "asc" } });
  expect(attempts.length).toBeGreaterThanOrEqual(3);
  // Refused by the score service or, without a token in hand, by the token endpoint: the LMS answered 503 either way.
  expect(attempts.slice(0, -1).every((a) => !a.ok && /503/.test(a.error ?? ""))).toBe(true);
  expect(attempts.at(-1)).toMatchObject({ ok: true, status: 204, version: 1 });
  expect(scoresOn(lineItem)).toHaveLength(1);
});

test("an access token the LMS revoked is replaced at once; a refused one keeps the grade waiting until the LMS accepts the tool again", async () => {
  const lineItem = lms.addLineItem();
  const { sub, client } = await launchedLearner({ target: "basics/shout", lineItemUrl: lineItem });
  await submit(client, PARTIAL);
  await until("the first score is sent", () => scoresOn(lineItem), (s) => s.length === 1);

  // The cached token stops working: the score service's 401 makes the sender fetch a new token and try again.
  lms.revokeAccessTokens();
  const refusalsBefore = lms.serviceRefusals.length;
  await submit(client, SOLUTION);
  await until("the second score is sent", () => scoresOn(lineItem), (s) => s.length === 2);
  expect(lms.serviceRefusals.length).toBe(refusalsBefore + 1);
  const row = await until("the outbox marks it sent", () => outboxRow(sub), (r) => r?.sentVersion === 2);
  expect((await tool.db.ltiScoreAttempt.findMany({ where: { userId: row!.userId, version: 2 } })).map((a) => a.ok)).toEqual([true]);

  // Now the token endpoint refuses the tool: the grade waits, with the reason, and is sent once it is allowed again.
  const other = await launchedLearner({ target: "basics/shout", lineItemUrl: lineItem });
  lms.revokeAccessTokens();
  lms.refuseTokens = true;
  try {
    await submit(other.client, SOLUTION);
    const waiting = await until("a refused attempt", () => outboxRow(other.sub), (r) => (r?.attempts ?? 0) >= 1);
    expect(waiting!.lastError).toMatch(/refused the tool \(401 invalid_client/);
    expect(scoresOn(lineItem).filter((s) => s.userId === other.sub)).toEqual([]);
  } finally {
    lms.refuseTokens = false;
  }
  await until("the refused score is sent", () => scoresOn(lineItem).filter((s) => s.userId === other.sub), (s) => s.length === 1);
});
