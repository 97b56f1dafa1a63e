// `tutor lti` as an admin runs it on the server (issue 16): register a platform, list it with the URLs to paste
// into the LMS, rotate the tool's key, remove the platform; bad input gets a message and a non-zero exit.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { runTutor } from "../support/cli";

const scratch = mkdtempSync(path.join(os.tmpdir(), "tutor-lti-cli-"));
const env = { DATABASE_URL: process.env.DATABASE_URL };

test("an admin registers, lists, rotates and removes from the command line", async () => {
  const clientId = `cli-${randomUUID()}`;
  const added = await runTutor(
    ["lti", "add-platform", "--name", "Canvas at school", "--issuer", "https://canvas.instructure.com", "--client-id", clientId, "--deployment", "12:abc", "--deployment", "13:def",
      "--auth-login-url", "https://sso.canvaslms.com/api/lti/authorize_redirect", "--token-url", "https://sso.canvaslms.com/login/oauth2/token", "--jwks-url", "https://sso.canvaslms.com/api/lti/security/jwks"],
    scratch,
    env,
  );
  expect(added.code).toBe(0);
  const id = /\(([0-9a-f-]{36})\)/.exec(added.stdout)![1]!;
  expect(added.stdout).toContain("with 2 deployment(s)");

  const listed = await runTutor(["lti", "list", "--url", "https://tutor.school.example"], scratch, env);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain("login https://tutor.school.example/lti/login");
  expect(listed.stdout).toContain("JWKS https://tutor.school.example/lti/jwks");
  expect(listed.stdout).toContain(`${id}  Canvas at school  issuer https://canvas.instructure.com  client ${clientId}  deployments 12:abc, 13:def`);

  const rotated = await runTutor(["lti", "rotate-key"], scratch, env);
  expect([rotated.code, rotated.stdout]).toEqual([0, expect.stringMatching(/now signs with the key [0-9a-f-]{36}/)]);

  const removed = await runTutor(["lti", "remove-platform", id], scratch, env);
  expect([removed.code, removed.stdout.trim()]).toEqual([0, `removed the platform ${id}`]);
  const again = await runTutor(["lti", "remove-platform", id], scratch, env);
  expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("no platform with the id")]);
});

test("a registration with a plain-http URL or no deployment is refused with what to fix", async () => {
  const res = await runTutor(["lti", "add-platform", "--name", "x", "--issuer", "http://lms.example", "--client-id", "c", "--auth-login-url", "https://lms.example/a", "--token-url", "https://lms.example/t", "--jwks-url", "https://lms.example/j"], scratch, env);
  expect(res.code).toBe(2);
  expect(res.stderr).toContain("issuer must be an https:// URL");
  expect(res.stderr).toContain("give at least one deployment id");
});
