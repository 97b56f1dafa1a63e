// Deep linking, the tool's keys and the admin's LTI routes (issue 16): an instructor picks a set or an exercise
// and the loopback LMS receives a response whose signature it checks against the tool's /lti/jwks; launching the
// link it made lands on that exercise; keys rotate without breaking what the old key signed; the token endpoint
// accepts the tool's client assertion; and only admins manage registrations.
import { randomUUID } from "node:crypto";
import { requestAccessToken } from "../../server/lti/access-token";
import { rotateToolKey } from "../../server/lti/tool-keys";
import type { Platform } from "../../server/platform";
import { LtiTestPlatform, ROLE } from "../support/lti-platform";
import { LtiBrowser, toolWithLms } from "../support/lti-launch";
import { LearnerClient, signedUpPerson } from "../support/platform";

const session = toolWithLms();
let tool: Platform;
let lms: LtiTestPlatform;
beforeAll(() => {
  ({ tool, lms } = session);
});

const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
const instructor = () => ({ sub: `teacher-${randomUUID()}`, roles: [ROLE.instructor], name: "Ada Teacher" });

async function pickerFor(browser: LtiBrowser, context = { id: `context-${randomUUID()}`, title: "Python 101" }) {
  const res = await browser.launch(lms, { user: instructor(), kind: "deep-linking", context });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('<label for="target">Exercise set or exercise</label>');
  return { html, request: field(html, "request")!, context };
}

test("an instructor picks an exercise; the LMS gets a signed ltiResourceLink with a line item, and its launch lands there", async () => {
  const browser = new LtiBrowser(tool.url);
  const { html, request, context } = await pickerFor(browser);
  expect(html).toContain('<option value="01-printing">The whole set: ');
  expect(html).toContain('<option value="01-printing/greeting">');

  const answer = await browser.postForm("/lti/deep-link", { request, target: "01-printing/greeting", title: "" });
  expect(answer.status).toBe(200);
  const page = await answer.text();
  expect(page).toContain(`action="${lms.deepLinkReturnUrl}"`);
  // The platform's return endpoint verifies the JWT against the tool's JWKS before accepting it.
  const posted = await fetch(lms.deepLinkReturnUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ JWT: field(page, "JWT")! }) });
  expect(posted.status).toBe(200);
  const received = lms.deepLinks.at(-1)!;
  expect(received.payload).toMatchObject({
    iss: lms.clientId,
    aud: lms.issuer,
    "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
    "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
    "https://purl.imsglobal.org/spec/lti/claim/deployment_id": lms.deploymentId,
    "https://purl.imsglobal.org/spec/lti-dl/claim/data": "opaque-platform-data",
  });
  expect(received.contentItems).toEqual([
    {
      type: "ltiResourceLink",
      title: expect.any(String),
      url: `${tool.url}/lti/launch?target=01-printing%2Fgreeting`,
      custom: { tutor_target: "01-printing/greeting" },
      lineItem: { scoreMaximum: 100, label: expect.any(String), resourceId: "01-printing/greeting", tag: "tutor" },
    },
  ]);

  // The LMS now launches the link it made, with its custom parameters, and a learner lands on the exercise.
  const learner = await new LtiBrowser(tool.url).launch(lms, { user: { sub: `learner-${randomUUID()}`, roles: [ROLE.learner] }, context, custom: received.contentItems[0].custom });
  expect([learner.status, learner.headers.get("location")]).toEqual([303, "/#/exercises/01-printing/greeting"]);
});

test("the picker's answer needs the instructor's session, a request from their launch, and a real target", async () => {
  const browser = new LtiBrowser(tool.url);
  const { request } = await pickerFor(browser);
  const page = async (res: Response) => /data-code="([^"]+)"/.exec(await res.text())?.[1];

  expect(await page(await browser.postForm("/lti/deep-link", { request, target: "no-such-set" }))).toBe("unknown-target");
  // Another browser (no session) cannot use the request, nor can another instructor's session.
  expect(await page(await new LtiBrowser(tool.url).postForm("/lti/deep-link", { request, target: "01-printing" }))).toBe("deep-link-expired");
  const other = new LtiBrowser(tool.url);
  await pickerFor(other);
  expect(await page(await other.postForm("/lti/deep-link", { request, target: "01-printing" }))).toBe("deep-link-expired");
  expect(await page(await browser.postForm("/lti/deep-link", { request: "forged", target: "01-printing" }))).toBe("deep-link-expired");
  expect(lms.deepLinks.filter((d) => d.contentItems[0].custom.tutor_target === "no-such-set")).toEqual([]);
});

test("a learner cannot open the deep linking picker", async () => {
  const res = await new LtiBrowser(tool.url).launch(lms, { user: { sub: `learner-${randomUUID()}`, roles: [ROLE.learner] }, kind: "deep-linking" });
  expect([res.status, /data-code="([^"]+)"/.exec(await res.text())?.[1]]).toEqual([403, "not-instructor"]);
});

test("the platform's token endpoint accepts the tool's client assertion, and a rotated key keeps working", async () => {
  const platform = await tool.db.ltiPlatform.findFirstOrThrow({ where: { issuer: lms.issuer } });
  const scope = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  const first = await requestAccessToken(tool.db, platform, [scope]);
  expect(lms.checkAccessToken(`Bearer ${first.token}`, scope)).toBe(true);

  const jwksBefore = (await (await fetch(`${tool.url}/lti/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
  const rotated = await rotateToolKey(tool.db);
  const jwksAfter = (await (await fetch(`${tool.url}/lti/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
  // The new key is published first, the old one still, and no private part ever.
  expect(jwksAfter.keys[0]!.kid).toBe(rotated.kid);
  expect(jwksAfter.keys.map((k) => k.kid)).toEqual(expect.arrayContaining(jwksBefore.keys.map((k) => k.kid)));
  expect(jwksAfter.keys.every((k) => k.d === undefined)).toBe(true);

  const second = await requestAccessToken(tool.db, platform, [scope]);
  expect(lms.checkAccessToken(`Bearer ${second.token}`, scope)).toBe(true);
  // A token for another scope does not open a service it was not granted for.
  expect(lms.checkAccessToken(`Bearer ${second.token}`, "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")).toBe(false);
});

test("the token endpoint refuses an assertion the tool did not sign", async () => {
  await expect(requestAccessToken(tool.db, { clientId: "not-our-client", tokenUrl: lms.registration().tokenUrl }, ["x"])).rejects.toThrow(/refused the tool \(401 invalid_client/);
});

describe("the admin's LTI routes", () => {
  test("an admin sees the URLs to paste, registers a platform, adds a deployment, rotates the key and removes it", async () => {
    const admin = await signedUpPerson(tool, "admin");
    const overview = await admin.client.request("GET", "/api/admin/lti");
    expect(overview.status).toBe(200);
    expect(overview.json.tool).toMatchObject({ loginUrl: `${tool.url}/lti/login`, launchUrl: `${tool.url}/lti/launch`, jwksUrl: `${tool.url}/lti/jwks`, deepLinkingUrl: `${tool.url}/lti/launch` });
    expect(overview.json.tool.scopes).toContain("https://purl.imsglobal.org/spec/lti-ags/scope/score");

    const registration = { ...new LtiTestPlatform().registration("Moodle at school"), issuer: "https://moodle.school.example", clientId: `c-${randomUUID()}`, deploymentIds: ["1"], authLoginUrl: "https://moodle.school.example/mod/lti/auth.php", tokenUrl: "https://moodle.school.example/mod/lti/token.php", jwksUrl: "https://moodle.school.example/mod/lti/certs.php" };
    const created = await admin.client.request("POST", "/api/admin/lti/platforms", registration);
    expect(created.status).toBe(201);
    expect(created.json.platform).toMatchObject({ name: "Moodle at school", deploymentIds: ["1"] });
    const again = await admin.client.request("POST", "/api/admin/lti/platforms", registration);
    expect([again.status, again.json.error.code]).toEqual([409, "platform-exists"]);
    const plainHttp = await admin.client.request("POST", "/api/admin/lti/platforms", { ...registration, clientId: "other", jwksUrl: "http://moodle.school.example/certs" });
    expect([plainHttp.status, plainHttp.json.error.message]).toEqual([400, expect.stringContaining("jwksUrl must be an https:// URL")]);

    const added = await admin.client.request("POST", `/api/admin/lti/platforms/${created.json.platform.id}/deployments`, { deploymentId: "2" });
    expect(added.json.platform.deploymentIds).toEqual(["1", "2"]);
    const rotated = await admin.client.request("POST", "/api/admin/lti/keys/rotate", {});
    expect([rotated.status, rotated.json.keys[0].kid, rotated.json.keys[0].retiredAt]).toEqual([200, rotated.json.key.kid, null]);

    const removed = await admin.client.request("DELETE", `/api/admin/lti/platforms/${created.json.platform.id}`, {});
    expect(removed.status).toBe(204);
    const gone = await admin.client.request("DELETE", `/api/admin/lti/platforms/${created.json.platform.id}`, {});
    expect(gone.status).toBe(404);
  });

  test("anyone else is refused", async () => {
    const anonymous = new LearnerClient(tool.url);
    const learner = await signedUpPerson(tool, "learner");
    const teacher = await signedUpPerson(tool, "instructor");
    for (const [client, status] of [[anonymous, 401], [learner.client, 403], [teacher.client, 403]] as const) {
      expect((await client.request("GET", "/api/admin/lti")).status).toBe(status);
      expect((await client.request("POST", "/api/admin/lti/platforms", {})).status).toBe(status);
      expect((await client.request("POST", "/api/admin/lti/keys/rotate", {})).status).toBe(status);
      expect((await client.request("DELETE", `/api/admin/lti/platforms/${randomUUID()}`, {})).status).toBe(status);
      expect((await client.request("POST", `/api/admin/lti/platforms/${randomUUID()}/deployments`, { deploymentId: "x" })).status).toBe(status);
    }
  });
});
