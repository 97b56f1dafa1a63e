// Accounts against the real platform and PostgreSQL: signing up (and keeping an anonymous learner's work),
// signing in and out, sessions, CSRF, rate limits, roles, and each refusal tried as the wrong user.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureAccountWithRole, signIn } from "../../server/auth/accounts";
import { forgetExpiredAuthState } from "../../server/auth/housekeeping";
import { SESSION_TTL_MS, userForSession } from "../../server/auth/sessions";
import { parseTrustProxy } from "../../server/config";
import type { Platform } from "../../server/platform";
import { runTutor } from "../support/cli";
import { connectLearnerSocket, LearnerClient, startTestPlatform } from "../support/platform";

const SOLUTION = readFileSync(path.resolve(__dirname, "../../exercises/basics/shout/solution.py"), "utf8");
const SUBMIT = "/api/exercises/basics/shout/submissions";
const PASSWORD = "correct horse battery";

let platform: Platform;
let counter = 0;
const uniqueEmail = (who: string) => `${who}.${process.pid}.${++counter}@school.example`;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimits: { signInPerAccount: 3, signInPerAddress: 1000, signUpPerAddress: 1000 } });
});
afterAll(async () => {
  await platform.stop();
});

describe("signing up", () => {
  test("an anonymous learner who signs up keeps their submissions and progress, under a new session", async () => {
    const learner = new LearnerClient(platform.url);
    const { json } = await learner.request("POST", SUBMIT, { code: SOLUTION });
    const submissionId = json.submission.id as string;
    await learner.waitForVerdict(submissionId);
    const anonymousCookie = learner.cookieHeader;
    const anonymousId = (await learner.request("GET", "/api/me")).json.user.id;

    const signUp = await learner.request("POST", "/api/auth/signup", { email: uniqueEmail("Ada"), password: PASSWORD, displayName: "Ada" });
    expect(signUp.status).toBe(201);
    expect(signUp.json.claimedProgress).toBe(true);
    expect(signUp.json.user).toMatchObject({ id: anonymousId, role: "learner", displayName: "Ada", signedIn: true });
    expect(signUp.json.user.email).toMatch(/^ada\./);
    const cookies = signUp.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/tutor_session=[^;]+;.*HttpOnly/);
    expect(cookies).toMatch(/tutor_session=[^;]+;.*SameSite=Lax/);

    expect((await learner.request("GET", `/api/submissions/${submissionId}`)).status).toBe(200);
    const list = await learner.request("GET", "/api/exercises");
    expect(list.json.exercises.find((e: { id: string }) => e.id === "basics/shout").progress.solved).toBe(true);

    // The anonymous cookie no longer identifies anyone: replaying it gives a fresh, empty learner.
    const replay = new LearnerClient(platform.url);
    const me = await replay.request("GET", "/api/me", undefined, { cookie: anonymousCookie });
    expect(me.json.user.id).not.toBe(anonymousId);
    expect(me.json.user.signedIn).toBe(false);
  });

  test("the password is stored as an argon2id hash, never as given", async () => {
    const learner = new LearnerClient(platform.url);
    const email = uniqueEmail("grace");
    await learner.signUp(email);
    const row = await platform.db.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  test("bad input gets a clear error: a short password, a malformed email, an email already taken", async () => {
    const learner = new LearnerClient(platform.url);
    const short = await learner.request("POST", "/api/auth/signup", { email: uniqueEmail("x"), password: "short" });
    expect(short.status).toBe(400);
    expect(short.json.error.message).toMatch(/password: a password needs at least 10 characters/);
    const malformed = await learner.request("POST", "/api/auth/signup", { email: "not an email", password: PASSWORD });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details[0].field).toBe("email");

    const email = uniqueEmail("taken");
    await new LearnerClient(platform.url).signUp(email);
    const again = await learner.request("POST", "/api/auth/signup", { email: email.toUpperCase(), password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/sign in instead/);
  });
});

describe("signing in and out", () => {
  test("sign in starts a session; sign out ends it on the server, so the old cookie is worthless", async () => {
    const email = uniqueEmail("lin");
    await new LearnerClient(platform.url).signUp(email);
    const browser = new LearnerClient(platform.url);
    const user = await browser.signIn(email.toUpperCase());
    expect(user.signedIn).toBe(true);
    const sessionCookie = browser.cookieHeader.split("; ").find((c) => c.startsWith("tutor_session="))!;
    expect((await browser.request("GET", "/api/me")).json.user.email).toBe(email);

    expect((await browser.request("POST", "/api/auth/signout", {})).status).toBe(200);
    expect((await browser.request("GET", "/api/me")).json.user.signedIn).toBe(false);
    const stolen = await new LearnerClient(platform.url).request("GET", "/api/me", undefined, { cookie: sessionCookie });
    expect(stolen.json.user.signedIn).toBe(false);
  });

  test("a session gives its user exactly as stored, is extended when used after an hour, and is deleted once expired", async () => {
    const email = uniqueEmail("session");
    const browser = new LearnerClient(platform.url);
    const { id } = await browser.signUp(email, PASSWORD, "Sol");
    const token = browser.cookieHeader.split("; ").find((c) => c.startsWith("tutor_session="))!.slice("tutor_session=".length);
    expect(await userForSession(platform.db, token)).toEqual(await platform.db.user.findUnique({ where: { id } }));

    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await platform.db.session.updateMany({ where: { userId: id }, data: { lastSeenAt: twoHoursAgo, expiresAt: new Date(twoHoursAgo.getTime() + SESSION_TTL_MS) } });
    expect((await userForSession(platform.db, token))?.id).toBe(id);
    const touched = await platform.db.session.findFirstOrThrow({ where: { userId: id } });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(twoHoursAgo.getTime());
    expect(touched.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);

    await platform.db.session.updateMany({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForSession(platform.db, token)).toBeNull();
    expect(await platform.db.session.count({ where: { userId: id } })).toBe(0);
  });

  test("an expired session is not honoured, and the hourly sweep deletes expired sessions", async () => {
    const email = uniqueEmail("expired");
    const browser = new LearnerClient(platform.url);
    const user = await browser.signUp(email);
    await platform.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await browser.request("GET", "/api/me")).json.user.signedIn).toBe(false);

    const other = new LearnerClient(platform.url);
    const otherUser = await other.signUp(uniqueEmail("expired-too"));
    await platform.db.session.updateMany({ where: { userId: otherUser.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const swept = await forgetExpiredAuthState(platform.db);
    expect(swept.sessions).toBeGreaterThanOrEqual(1);
    expect(await platform.db.session.count({ where: { userId: { in: [user.id, otherUser.id] } } })).toBe(0);
  });

  test("a wrong password and an unknown email get the same answer", async () => {
    const email = uniqueEmail("sam");
    await new LearnerClient(platform.url).signUp(email);
    const wrong = await new LearnerClient(platform.url).request("POST", "/api/auth/signin", { email, password: "not the password" });
    const unknown = await new LearnerClient(platform.url).request("POST", "/api/auth/signin", { email: uniqueEmail("nobody"), password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
  });

  test("sign-in attempts on one account are rate-limited, with a Retry-After", async () => {
    const email = uniqueEmail("target");
    await new LearnerClient(platform.url).signUp(email);
    const attacker = new LearnerClient(platform.url);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<LearnerClient["request"]>> | null = null;
    for (let i = 0; i < 5; i++) {
      last = await attacker.request("POST", "/api/auth/signin", { email, password: `guess number ${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(last!.json.error.message).toMatch(/Too many sign-in attempts\. Wait \d+ minutes? and try again/);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right password waits out the window: the limit is on attempts, not on failures.
    expect((await attacker.request("POST", "/api/auth/signin", { email, password: PASSWORD })).status).toBe(429);
  });

  test("a session follows the learner's socket: events reach the signed-in user's room", async () => {
    const learner = new LearnerClient(platform.url);
    await learner.signUp(uniqueEmail("sock"));
    const socket = await connectLearnerSocket(platform.url, learner);
    try {
      const finished = new Promise<{ submissionId: string }>((resolve) => socket.on("submission:finished", resolve));
      const { json } = await learner.request("POST", SUBMIT, { code: SOLUTION });
      expect((await finished).submissionId).toBe(json.submission.id);
    } finally {
      socket.close();
    }
  });
});

describe("changing the password", () => {
  test("needs the current password, ends every other session, and keeps this browser signed in", async () => {
    const email = uniqueEmail("changer");
    const browser = new LearnerClient(platform.url);
    await browser.signUp(email);
    const otherDevice = new LearnerClient(platform.url);
    await otherDevice.signIn(email);
    const oldCookie = browser.cookieHeader;

    const wrong = await browser.request("POST", "/api/auth/password", { currentPassword: "not my password", newPassword: "a brand new secret" });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toMatch(/current password is wrong/);
    const weak = await browser.request("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: "short" });
    expect(weak.status).toBe(400);
    expect((await otherDevice.request("GET", "/api/me")).json.user.signedIn).toBe(true);

    const changed = await browser.request("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: "a brand new secret" });
    expect(changed.status).toBe(200);
    expect(changed.json.user).toMatchObject({ email, signedIn: true });
    expect(browser.cookieHeader).not.toBe(oldCookie);
    expect((await browser.request("GET", "/api/me")).json.user.signedIn).toBe(true);
    // The other device and the cookie this browser held before are both signed out.
    expect((await otherDevice.request("GET", "/api/me")).json.user.signedIn).toBe(false);
    expect((await new LearnerClient(platform.url).request("GET", "/api/me", undefined, { cookie: oldCookie })).json.user.signedIn).toBe(false);

    // Checked without the route, whose attempts this account has used up (3 per window in this file).
    await expect(signIn(platform.db, email, PASSWORD)).rejects.toThrow(/email or the password is wrong/);
    expect((await signIn(platform.db, email, "a brand new secret")).email).toBe(email);
  });

  test("attempts count against the account's sign-in limit", async () => {
    const email = uniqueEmail("guesser");
    const thief = new LearnerClient(platform.url);
    await thief.signUp(email);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await thief.request("POST", "/api/auth/password", { currentPassword: `guess ${i}`, newPassword: "taken over at last" })).status);
    }
    expect(statuses).toEqual([403, 403, 403, 429]);
  });
});

describe("CSRF", () => {
  test("a state-changing request needs the CSRF token of the identity whose cookie it carries", async () => {
    const learner = new LearnerClient(platform.url);
    await learner.signUp(uniqueEmail("csrf"));
    const missing = await learner.request("POST", SUBMIT, { code: SOLUTION }, { "x-csrf-token": "" });
    expect(missing.status).toBe(403);
    expect(missing.json.error.code).toBe("csrf");
    expect(missing.json.error.message).toMatch(/reload the page/);

    const other = new LearnerClient(platform.url);
    const othersToken = (await other.request("GET", "/api/me")).json.csrfToken;
    const foreign = await learner.request("POST", SUBMIT, { code: SOLUTION }, { "x-csrf-token": othersToken });
    expect(foreign.status).toBe(403);

    const mine = (await learner.request("GET", "/api/me")).json.csrfToken;
    expect((await learner.request("POST", SUBMIT, { code: SOLUTION }, { "x-csrf-token": mine })).status).toBe(202);
  });

  test("a first request that changes state, with no cookie at all, creates nothing", async () => {
    const before = await platform.db.user.count();
    const res = await fetch(`${platform.url}${SUBMIT}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: SOLUTION }) });
    expect(res.status).toBe(403);
    expect(await platform.db.user.count()).toBe(before);
  });

  test("signing in changes the token: the anonymous one no longer works", async () => {
    const email = uniqueEmail("rotate");
    await new LearnerClient(platform.url).signUp(email);
    const browser = new LearnerClient(platform.url);
    const anonymousToken = (await browser.request("GET", "/api/me")).json.csrfToken;
    await browser.signIn(email);
    const stale = await browser.request("POST", SUBMIT, { code: SOLUTION }, { "x-csrf-token": anonymousToken });
    expect(stale.status).toBe(403);
  });
});

describe("roles", () => {
  test("admin routes refuse anonymous learners (401) and learners and instructors (403)", async () => {
    const anonymous = new LearnerClient(platform.url);
    expect((await anonymous.request("GET", "/api/admin/users")).status).toBe(401);
    const learner = new LearnerClient(platform.url);
    const learnerUser = await learner.signUp(uniqueEmail("plain"));
    expect((await learner.request("GET", "/api/admin/users")).status).toBe(403);
    const self = await learner.request("POST", `/api/admin/users/${learnerUser.id}/role`, { role: "admin" });
    expect(self.status).toBe(403);
    expect((await platform.db.user.findUniqueOrThrow({ where: { id: learnerUser.id } })).role).toBe("learner");

    const instructorEmail = uniqueEmail("teacher");
    const instructor = new LearnerClient(platform.url);
    await instructor.signUp(instructorEmail);
    await ensureAccountWithRole(platform.db, instructorEmail, null, "instructor");
    expect((await instructor.request("GET", "/api/admin/users")).status).toBe(403);
  });

  test("an admin lists accounts and makes a learner an instructor, which takes effect at once", async () => {
    const adminEmail = uniqueEmail("admin");
    const admin = new LearnerClient(platform.url);
    await admin.signUp(adminEmail);
    await ensureAccountWithRole(platform.db, adminEmail, null, "admin");
    const learner = new LearnerClient(platform.url);
    const user = await learner.signUp(uniqueEmail("promoted"));

    const users = await admin.request("GET", "/api/admin/users");
    expect(users.status).toBe(200);
    expect(users.json.users.map((u: { id: string }) => u.id)).toContain(user.id);
    expect(JSON.stringify(users.json)).not.toMatch(/argon2|passwordHash|anonTokenHash/);

    const promoted = await admin.request("POST", `/api/admin/users/${user.id}/role`, { role: "instructor" });
    expect(promoted.status).toBe(200);
    expect((await learner.request("GET", "/api/me")).json.user.role).toBe("instructor");

    const own = await admin.request("POST", `/api/admin/users/${(await admin.request("GET", "/api/me")).json.user.id}/role`, { role: "learner" });
    expect(own.status).toBe(409);
    const bad = await admin.request("POST", `/api/admin/users/${user.id}/role`, { role: "emperor" });
    expect(bad.status).toBe(400);
  });

  test("`tutor admin create` makes the first admin from the command line, who can then sign in; `admin password` resets a password", async () => {
    const email = uniqueEmail("first-admin");
    const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-admin-"));
    const run = await runTutor(["admin", "create", email], scratch, { DATABASE_URL: process.env.DATABASE_URL });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`created ${email} with the role admin`);
    const password = /password: (\S+)/.exec(run.stdout)![1]!;
    const admin = new LearnerClient(platform.url);
    const user = await admin.signIn(email, password);
    expect(user.role).toBe("admin");
    expect((await admin.request("GET", "/api/admin/users")).status).toBe(200);

    const reset = await runTutor(["admin", "password", email], scratch, { DATABASE_URL: process.env.DATABASE_URL });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`set a new password for ${email} and signed the account out everywhere`);
    expect((await admin.request("GET", "/api/me")).json.user.signedIn).toBe(false);
    const newPassword = /password: (\S+)/.exec(reset.stdout)![1]!;
    expect(newPassword).not.toBe(password);
    await admin.signIn(email, newPassword);
    const unknown = await runTutor(["admin", "password", "nobody@school.example"], scratch, { DATABASE_URL: process.env.DATABASE_URL });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("There is no account for nobody@school.example.");

    const bad = await runTutor(["admin", "create", "not-an-email"], scratch, { DATABASE_URL: process.env.DATABASE_URL });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the email: this is not an email address/);
  });
});

describe("sign-up limit", () => {
  test("sign-ups from one address are limited per hour, and the message says how long to wait", async () => {
    const strict = await startTestPlatform({ rateLimits: { signInPerAccount: 10, signInPerAddress: 1000, signUpPerAddress: 2 } });
    try {
      await strict.db.rateLimitWindow.deleteMany({ where: { key: { startsWith: "signup:" } } });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await new LearnerClient(strict.url).request("POST", "/api/auth/signup", { email: uniqueEmail("flood"), password: PASSWORD })).status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await strict.db.rateLimitWindow.deleteMany({ where: { key: { startsWith: "signup:" } } });
      await strict.stop();
    }
  });
});

describe("behind a proxy", () => {
  test("per-address limits count the address a trusted proxy forwards, so a class behind one proxy is not one address", async () => {
    const proxied = await startTestPlatform({ trustProxy: "loopback", rateLimits: { signInPerAccount: 10, signInPerAddress: 1000, signUpPerAddress: 1 } });
    try {
      const from = (address: string) => ({ "x-forwarded-for": address });
      const signUp = (address: string) => new LearnerClient(proxied.url).request("POST", "/api/auth/signup", { email: uniqueEmail("proxied"), password: PASSWORD }, from(address));
      expect((await signUp("203.0.113.7")).status).toBe(201);
      expect((await signUp("203.0.113.8")).status).toBe(201);
      expect((await signUp("203.0.113.7")).status).toBe(429);
    } finally {
      await proxied.db.rateLimitWindow.deleteMany({ where: { key: { startsWith: "signup:ip:203.0.113." } } });
      await proxied.stop();
    }
  });

  test("TUTOR_TRUST_PROXY reads as express's trust proxy value", () => {
    expect(parseTrustProxy(undefined)).toBe("loopback");
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, uniquelocal")).toBe("loopback, uniquelocal");
  });
});
