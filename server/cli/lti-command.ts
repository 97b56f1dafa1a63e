// LTI registration from the machine the platform runs on: `tutor lti add-platform` registers a learning platform
// (the same checks as the Admin page), `tutor lti list` shows the registrations and the URLs to paste into the LMS,
// `tutor lti remove-platform <id>` removes one, `tutor lti rotate-key` gives the tool a new signing key, and
// `tutor lti sync-roster --course ID` makes a course's members match its LMS course (as the course page's button does).
import { parseArgs } from "node:util";
import { listPlatforms, platformRegistrationSchema, PlatformRegistrationError, registerPlatform, removePlatform } from "../lti/platforms";
import { RosterError, syncRoster } from "../lti/roster";
import { ServiceTokens } from "../lti/service-token";
import { toolConfiguration } from "../lti/tool-configuration";
import { listToolKeys, rotateToolKey } from "../lti/tool-keys";
import { withDatabase } from "./admin-command";

const USAGE = `usage: tutor lti add-platform --name NAME --issuer URL --client-id ID --deployment ID [--deployment ID...]
                            --auth-login-url URL --token-url URL --jwks-url URL
       tutor lti list [--url https://tutor.school.org]
       tutor lti remove-platform <id>
       tutor lti rotate-key
       tutor lti sync-roster --course ID`;

async function addPlatform(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: "string" },
      issuer: { type: "string" },
      "client-id": { type: "string" },
      deployment: { type: "string", multiple: true },
      "auth-login-url": { type: "string" },
      "token-url": { type: "string" },
      "jwks-url": { type: "string" },
    },
    strict: true,
  });
  const parsed = platformRegistrationSchema.safeParse({
    name: values.name,
    issuer: values.issuer,
    clientId: values["client-id"],
    deploymentIds: values.deployment ?? [],
    authLoginUrl: values["auth-login-url"],
    tokenUrl: values["token-url"],
    jwksUrl: values["jwks-url"],
  });
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`);
    return 2;
  }
  const platform = await withDatabase((db) => registerPlatform(db, parsed.data)).catch((e: unknown) => {
    if (e instanceof PlatformRegistrationError) throw new Error(e.message);
    throw e;
  });
  console.log(`registered ${platform.name} (${platform.id}) with ${platform.deploymentIds.length} deployment(s)`);
  return 0;
}

export async function ltiCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === "add-platform") return addPlatform(rest);
  if (action === "list") {
    const { values } = parseArgs({ args: rest, options: { url: { type: "string", default: "http://127.0.0.1:3000" } }, strict: true });
    const tool = toolConfiguration(new URL(values.url!).origin);
    const { platforms, keys } = await withDatabase(async (db) => ({ platforms: await listPlatforms(db), keys: await listToolKeys(db) }));
    console.log(`tool: login ${tool.loginUrl}\n      launch/redirect ${tool.launchUrl}\n      JWKS ${tool.jwksUrl}\n      deep linking ${tool.deepLinkingUrl}\n      scopes ${tool.scopes.join(" ")}`);
    console.log(`signing key: ${keys.find((k) => !k.retiredAt)?.kid ?? "(none yet)"}`);
    if (platforms.length === 0) console.log("no platforms registered");
    for (const p of platforms) console.log(`${p.id}  ${p.name}  issuer ${p.issuer}  client ${p.clientId}  deployments ${p.deploymentIds.join(", ")}`);
    return 0;
  }
  if (action === "remove-platform" && rest[0]) {
    const removed = await withDatabase((db) => removePlatform(db, rest[0]!)).catch(() => false);
    if (!removed) {
      console.error(`no platform with the id ${rest[0]} (see tutor lti list)`);
      return 1;
    }
    console.log(`removed the platform ${rest[0]}`);
    return 0;
  }
  if (action === "rotate-key") {
    const key = await withDatabase((db) => rotateToolKey(db));
    console.log(`the tool now signs with the key ${key.kid}; the previous key stays published for a week`);
    return 0;
  }
  if (action === "sync-roster") return syncRosterCommand(rest);
  console.error(USAGE);
  return 2;
}

async function syncRosterCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { course: { type: "string" } }, strict: true });
  const courseId = values.course ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(courseId)) {
    console.error(`--course is the course's id, a UUID (the address of its page ends with it)\n\n${USAGE}`);
    return 2;
  }
  const outcome = await withDatabase(async (db) => {
    if (!(await db.course.findUnique({ where: { id: courseId } }))) return `no course with the id ${courseId}`;
    return syncRoster(db, new ServiceTokens(db), courseId, null).catch((e: unknown) => {
      if (e instanceof RosterError) return e.message;
      throw e;
    });
  });
  if (typeof outcome === "string") {
    console.error(outcome);
    return 1;
  }
  console.log(`synced: ${outcome.listed} active in the LMS, ${outcome.added} added, ${outcome.roleChanged} with a new role, ${outcome.removed} removed${outcome.skipped ? `, ${outcome.skipped} malformed entries skipped` : ""}`);
  return 0;
}
