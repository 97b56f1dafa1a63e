// LTI 1.3 launches against the real platform and a loopback LMS that signs real id_tokens (issue 16): an
// instructor's first launch creates the course, a learner joins it and lands on the exercise, and every bad launch
// (expired, replayed, wrongly signed, wrong audience, unknown platform or deployment, no nonce, state mismatch) gets
// a page saying what happened and what to do, and creates nothing.
import { randomUUID } from "node:crypto";
import { forgetExpiredAuthState } from "../../server/auth/housekeeping";
import type { Platform } from "../../server/platform";
import { type LaunchOptions, LtiTestPlatform, ROLE } from "../support/lti-platform";
import { LtiBrowser, toolWithLms } from "../support/lti-launch";
import { LearnerClient } from "../support/platform";

const session = toolWithLms();
let tool: Platform;
let lms: LtiTestPlatform;
beforeAll(() => {
  ({ tool, lms } = session);
});

const person = (roles: string[], extra: Partial<LaunchOptions["user"]> = {}) => ({ sub: `user-${randomUUID()}`, roles, ...extra });
const newContext = () => ({ id: `context-${randomUUID()}`, title: "Intro to Python, spring" });

/** What a launch may create: a refused one must leave every count as it was. */
async function counts() {
  const db = tool.db;
  return {
    users: await db.user.count(),
    accounts: await db.ltiAccount.count(),
    courses: await db.course.count(),
    members: await db.courseMember.count(),
    sessions: await db.session.count(),
    contexts: await db.ltiContext.count(),
    links: await db.ltiResourceLink.count(),
    launches: await db.ltiLinkLaunch.count(),
  };
}

async function expectRefusal(res: Response, code: string, status: number) {
  const html = await res.text();
  expect({ status: res.status, code: /data-code="([^"]+)"/.exec(html)?.[1] }).toEqual({ status, code });
  expect(html).toContain("What to do:");
  expect(res.headers.get("set-cookie") ?? "").not.toContain("tutor_session=");
  return html;
}

/** An instructor's launch into a new context, so that learners have a course to join. */
async function openedByInstructor(context = newContext()) {
  const browser = new LtiBrowser(tool.url);
  const res = await browser.launch(lms, { user: person([ROLE.instructor], { name: "Ada Teacher" }), context, custom: { tutor_target: "01-printing" } });
  expect(res.status).toBe(303);
  return context;
}

test("an instructor's first launch creates their account and the course, and lands on the linked set, signed in", async () => {
  const before = await counts();
  const browser = new LtiBrowser(tool.url);
  const context = newContext();
  const email = `ada.${randomUUID().slice(0, 8)}@school.example`;
  const user = person([ROLE.instructor], { name: "Ada Teacher", email });
  const res = await browser.launch(lms, {
    user,
    context,
    resourceLinkId: `link-${randomUUID()}`,
    custom: { tutor_target: "01-printing" },
    lineItemUrl: `${lms.issuer}/lineitems/7`,
    membershipsUrl: `${lms.issuer}/memberships/${context.id}`,
  });
  expect([res.status, res.headers.get("location")]).toEqual([303, "/#/units/01-printing"]);

  // The login went to the platform with the OIDC parameters LTI asks for.
  const auth = lms.authRequests.at(-1)!;
  expect(Object.fromEntries(["response_type", "response_mode", "scope", "prompt", "client_id", "redirect_uri"].map((k) => [k, auth.get(k)]))).toEqual({
    response_type: "id_token",
    response_mode: "form_post",
    scope: "openid",
    prompt: "none",
    client_id: lms.clientId,
    redirect_uri: `${tool.url}/lti/launch`,
  });
  expect(auth.get("lti_message_hint")).toMatch(/^message-/);

  // Launch cookies reach us inside the LMS's iframe: SameSite=None, Secure, Partitioned.
  const session = res.headers.getSetCookie().find((c) => c.startsWith("tutor_session="))!;
  expect(session).toMatch(/SameSite=None/);
  expect(session).toMatch(/Secure/);
  expect(session).toMatch(/Partitioned/);

  const account = await tool.db.ltiAccount.findUnique({ where: { issuer_sub: { issuer: lms.issuer, sub: user.sub } }, include: { user: true } });
  expect(account?.user).toMatchObject({ displayName: "Ada Teacher", email, role: "learner", passwordHash: null });
  const mapped = await tool.db.ltiContext.findFirstOrThrow({ where: { contextId: context.id }, include: { course: { include: { members: true } } } });
  expect(mapped.course.name).toBe(context.title);
  expect(mapped.membershipsUrl).toBe(`${lms.issuer}/memberships/${context.id}`);
  expect(mapped.course.members).toEqual([expect.objectContaining({ userId: account!.userId, role: "instructor" })]);
  const link = await tool.db.ltiResourceLink.findFirstOrThrow({ where: { contextRowId: mapped.id } });
  expect(link).toMatchObject({ targetKind: "set", target: "01-printing", lineItemUrl: `${lms.issuer}/lineitems/7`, lineItemsUrl: `${lms.issuer}/lineitems` });
  expect(link.agsScopes).toContain("https://purl.imsglobal.org/spec/lti-ags/scope/score");

  // The session is a real sign-in: the API knows who this is, and they teach the course.
  const api = new LearnerClient(tool.url, browser.jar);
  const me = await api.request("GET", "/api/me");
  expect(me.json.user).toMatchObject({ id: account!.userId, signedIn: true, displayName: "Ada Teacher" });
  const course = await api.request("GET", `/api/courses/${mapped.courseId}`);
  expect([course.status, course.json.course.role]).toEqual([200, "instructor"]);

  const after = await counts();
  expect(after).toMatchObject({ users: before.users + 1, accounts: before.accounts + 1, courses: before.courses + 1, contexts: before.contexts + 1, links: before.links + 1 });
});

test("a learner joins the instructor's course and lands on the exercise; launching again keeps the same account", async () => {
  const context = await openedByInstructor();
  const learner = person([ROLE.learner], { name: "Lin Learner" });
  const first = await new LtiBrowser(tool.url).launch(lms, { user: learner, context, resourceLinkId: "greeting-link", custom: { tutor_target: "01-printing/greeting" } });
  expect([first.status, first.headers.get("location")]).toEqual([303, "/#/exercises/01-printing/greeting"]);

  const browser = new LtiBrowser(tool.url);
  const again = await browser.launch(lms, { user: learner, context, resourceLinkId: "greeting-link", custom: { tutor_target: "01-printing/greeting" } });
  expect(again.status).toBe(303);
  const accounts = await tool.db.ltiAccount.findMany({ where: { sub: learner.sub } });
  expect(accounts).toHaveLength(1);
  const mapped = await tool.db.ltiContext.findFirstOrThrow({ where: { contextId: context.id } });
  const membership = await tool.db.courseMember.findUniqueOrThrow({ where: { courseId_userId: { courseId: mapped.courseId, userId: accounts[0]!.userId } } });
  expect(membership.role).toBe("learner");
  const launches = await tool.db.ltiLinkLaunch.findMany({ where: { userId: accounts[0]!.userId } });
  expect(launches).toHaveLength(1);

  // The learner's own view of the course; its members are for instructors only.
  const api = new LearnerClient(tool.url, browser.jar);
  const course = await api.request("GET", `/api/courses/${mapped.courseId}`);
  expect([course.status, course.json.course.role, course.json.course.members]).toEqual([200, "learner", undefined]);
});

test("a teaching assistant teaches; a link made by hand points through ?target= on its URL", async () => {
  const context = await openedByInstructor();
  const browser = new LtiBrowser(tool.url);
  const ta = person([ROLE.teachingAssistant]);
  const started = await browser.startLogin(lms, lms.prepareLaunch({ user: ta, context }));
  const options = { user: ta, context, override: { "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": `${tool.url}/lti/launch?target=02-arithmetic` } };
  const res = await browser.postLaunch({ id_token: await lms.idToken(options, started.nonce, started.redirectUri), state: started.state });
  expect([res.status, res.headers.get("location")]).toEqual([303, "/#/units/02-arithmetic"]);
  const account = await tool.db.ltiAccount.findUniqueOrThrow({ where: { issuer_sub: { issuer: lms.issuer, sub: ta.sub } } });
  const member = await tool.db.courseMember.findFirstOrThrow({ where: { userId: account.userId } });
  expect(member.role).toBe("instructor");
});

test("a learner whose instructor has not opened Tutor yet is told so, and nothing is created", async () => {
  const before = await counts();
  const res = await new LtiBrowser(tool.url).launch(lms, { user: person([ROLE.learner]), context: newContext() });
  const html = await expectRefusal(res, "course-not-ready", 409);
  expect(html).toContain("Ask your instructor to open this link once");
  expect(await counts()).toEqual(before);
});

test("a login from a platform nobody registered gets a page that says so", async () => {
  const stranger = await new LtiTestPlatform().start();
  try {
    const before = await counts();
    const res = await fetch(stranger.loginUrl(tool.url, "hint"), { redirect: "manual" });
    const html = await expectRefusal(res, "unknown-platform", 400);
    expect(html).toContain(stranger.issuer);
    expect(await counts()).toEqual(before);
  } finally {
    await stranger.stop();
  }
});

test("a login without its required parameters is refused with what is missing", async () => {
  const res = await fetch(`${tool.url}/lti/login?iss=${encodeURIComponent(lms.issuer)}`, { redirect: "manual" });
  const html = await expectRefusal(res, "missing-parameter", 400);
  expect(html).toContain("login_hint, target_link_uri");
});

describe("each bad launch is refused with a page and creates nothing", () => {
  /** Starts a real login, then posts a token made with `options` (and `nonce`, unless the test gives its own). */
  async function badLaunch(options: Partial<LaunchOptions>, tweak: { nonce?: string | null; state?: string; dropCookies?: boolean } = {}) {
    const context = await openedByInstructor();
    const browser = new LtiBrowser(tool.url);
    const full: LaunchOptions = { user: person([ROLE.learner]), context, ...options };
    const started = await browser.startLogin(lms, lms.prepareLaunch(full));
    const nonce = tweak.nonce === null ? undefined : (tweak.nonce ?? started.nonce);
    const idToken = await lms.idToken(full, nonce, started.redirectUri);
    if (tweak.dropCookies) browser.jar.cookies.clear();
    const before = await counts();
    const res = await browser.postLaunch({ id_token: idToken, state: tweak.state ?? started.state });
    return { res, before };
  }

  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, Partial<LaunchOptions>, Parameters<typeof badLaunch>[1], string, number][] = [
    ["an expired token", { override: { exp: now() - 3600, iat: now() - 4000 } }, {}, "expired", 401],
    ["a token issued too long ago", { override: { iat: now() - 3600 } }, {}, "expired", 401],
    ["a token dated in the future", { override: { iat: now() + 3600 } }, {}, "issued-in-future", 401],
    ["a token signed with a key the platform does not publish", { signing: "unpublished" }, {}, "bad-signature", 401],
    ["a token changed after it was signed", { signing: "tampered" }, {}, "bad-signature", 401],
    ["a token for another tool", { override: { aud: "someone-else" } }, {}, "wrong-audience", 401],
    ["a token for several audiences without our azp", { override: { aud: ["someone-else", "__client__"] } }, {}, "wrong-audience", 401],
    ["a token from another issuer", { override: { iss: "https://lms.elsewhere.example" } }, {}, "unknown-platform", 400],
    ["a token for an unregistered deployment", { deploymentId: "deployment-nobody-registered" }, {}, "unknown-deployment", 403],
    ["a token without a nonce", {}, { nonce: null }, "missing-nonce", 401],
    ["a token answering another login", {}, { nonce: "a-nonce-from-another-login" }, "replayed", 401],
    ["a launch whose browser lost the state cookie", {}, { dropCookies: true }, "state-mismatch", 400],
    ["a launch without an LTI version", { override: { "https://purl.imsglobal.org/spec/lti/claim/version": "1.1" } }, {}, "unsupported-message", 400],
    ["a link to an exercise Tutor does not have", { custom: { tutor_target: "01-printing/no_such_exercise" } }, {}, "unknown-target", 404],
  ];
  test.each(cases)("%s", async (_name, options, tweak, code, status) => {
    const resolved = JSON.parse(JSON.stringify(options).replace('"__client__"', JSON.stringify(lms.clientId))) as Partial<LaunchOptions>;
    const { res, before } = await badLaunch(resolved, tweak);
    await expectRefusal(res, code, status);
    expect(await counts()).toEqual(before);
  });

  test("a launch posted twice is refused the second time", async () => {
    const context = await openedByInstructor();
    const browser = new LtiBrowser(tool.url);
    const options: LaunchOptions = { user: person([ROLE.learner]), context };
    const started = await browser.startLogin(lms, lms.prepareLaunch(options));
    const fields = { id_token: await lms.idToken(options, started.nonce, started.redirectUri), state: started.state };
    const cookies = new Map(browser.jar.cookies);
    expect((await browser.postLaunch(fields)).status).toBe(303);
    for (const [name, value] of cookies) browser.jar.cookies.set(name, value);
    const before = await counts();
    await expectRefusal(await browser.postLaunch(fields), "state-unknown", 400);
    expect(await counts()).toEqual(before);
  });

  test("a state that does not match the browser's cookie is refused", async () => {
    const { res, before } = await badLaunch({}, { state: "x".repeat(43) });
    await expectRefusal(res, "state-mismatch", 400);
    expect(await counts()).toEqual(before);
  });

  test("a launch without an id_token is refused", async () => {
    const res = await new LtiBrowser(tool.url).postLaunch({ state: "abc" });
    await expectRefusal(res, "missing-parameter", 400);
  });
});

test("a login nobody finished expires: its launch is refused, and the hourly sweep forgets it", async () => {
  const context = await openedByInstructor();
  const browser = new LtiBrowser(tool.url);
  const options: LaunchOptions = { user: person([ROLE.learner]), context };
  const started = await browser.startLogin(lms, lms.prepareLaunch(options));
  await tool.db.ltiLoginState.updateMany({ where: { nonce: started.nonce }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const before = await counts();
  const res = await browser.postLaunch({ id_token: await lms.idToken(options, started.nonce, started.redirectUri), state: started.state });
  await expectRefusal(res, "state-unknown", 400);
  expect(await counts()).toEqual(before);

  const other = await new LtiBrowser(tool.url).startLogin(lms, lms.prepareLaunch(options));
  await tool.db.ltiLoginState.updateMany({ where: { nonce: other.nonce }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await forgetExpiredAuthState(tool.db)).ltiLogins).toBeGreaterThanOrEqual(1);
  expect(await tool.db.ltiLoginState.count({ where: { nonce: other.nonce } })).toBe(0);
});

test("a platform that rotates its signing key is followed: an unknown kid makes the tool fetch the JWKS again", async () => {
  const context = await openedByInstructor();
  await lms.rotateKey();
  const res = await new LtiBrowser(tool.url).launch(lms, { user: person([ROLE.learner]), context });
  expect(res.status).toBe(303);
});
