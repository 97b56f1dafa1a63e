// Roster sync through the LMS's Names and Roles Provisioning Service (NRPS 2.0): the course's members are made to
// match the LMS course's. Every page of the memberships (Link: rel="next") is read before anything changes, so a
// sync cut short by the LMS changes nothing. Then, in one transaction:
//   - each Active member gets their platform-scoped account (issuer + user_id, the launch's sub; created as a first
//     launch would) and joins the course with the role a launch would give them (claims.ts, courseRoleFor);
//   - a member who came from this LMS and is no longer listed, or is listed as Inactive or Deleted, leaves the
//     course. Leaving removes the membership only: the account, its submissions and progress stay, and a later
//     launch or sync brings them back with everything. Members who joined with a code or from another LMS are the
//     LMS's business no more than the instructor running the sync, who is never removed (they would lock themselves out).
import { z } from "zod";
import type { Database } from "../database/client";
import type { LtiPlatform } from "../database/generated/client";
import { courseRoleFor, type CourseRoleName } from "./claims";
import { accountFor } from "./provision";
import { SCOPE, ServiceError, type ServiceTokens } from "./service-token";

export const MEMBERSHIP_MEDIA = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
/** A bound on pages, so an LMS whose next link loops cannot keep a sync going for ever. */
const MAX_PAGES = 1000;

const optionalText = z.string().max(1000).optional().nullable().catch(null);
const memberSchema = z
  .object({
    user_id: z.string().min(1).max(255),
    roles: z.array(z.string()).default([]),
    status: z.enum(["Active", "Inactive", "Deleted"]).default("Active"),
    name: optionalText,
    given_name: optionalText,
    family_name: optionalText,
    email: z.string().max(320).optional().nullable().catch(null),
  })
  .loose();
const containerSchema = z.object({ members: z.array(z.unknown()) }).loose();

export interface RosterMember {
  sub: string;
  role: CourseRoleName;
  active: boolean;
  name: string | null;
  email: string | null;
}

export class RosterError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The URL of `rel="next"` in a Link header (RFC 8288), or null. */
export function nextPageUrl(link: string | null): string | null {
  for (const part of (link ?? "").split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

/** Every member of one context, across pages. A member the LMS lists in a shape NRPS does not allow is skipped. */
export async function fetchMembers(tokens: ServiceTokens, platform: Pick<LtiPlatform, "id" | "clientId" | "tokenUrl">, membershipsUrl: string): Promise<{ members: RosterMember[]; skipped: number }> {
  const members = new Map<string, RosterMember>();
  let skipped = 0;
  let url: string | null = membershipsUrl;
  for (let page = 0; url; page++) {
    if (page === MAX_PAGES) throw new ServiceError(`The LMS's memberships run past ${MAX_PAGES} pages; the sync stopped without changing anything.`, null);
    const res = await tokens.call(platform, [SCOPE.memberships], url, { accept: MEMBERSHIP_MEDIA });
    const container = containerSchema.safeParse(await res.json().catch(() => null));
    if (!container.success) throw new ServiceError(`The LMS's memberships page ${url} is not a membership container.`, res.status);
    for (const raw of container.data.members) {
      const m = memberSchema.safeParse(raw);
      if (!m.success) {
        skipped++;
        continue;
      }
      const name = m.data.name ?? ([m.data.given_name, m.data.family_name].filter(Boolean).join(" ") || null);
      members.set(m.data.user_id, { sub: m.data.user_id, role: courseRoleFor(m.data.roles), active: m.data.status === "Active", name, email: m.data.email ?? null });
    }
    const next = nextPageUrl(res.headers.get("link"));
    // A next page must stay on the LMS that gave the first: the token is not sent anywhere else.
    url = next && new URL(next, url).origin === new URL(membershipsUrl).origin ? new URL(next, url).toString() : null;
  }
  return { members: [...members.values()], skipped };
}

export interface RosterSyncResult {
  /** Members of the LMS course who joined the Tutor course. */
  added: number;
  /** Members whose role changed. */
  roleChanged: number;
  /** Members who left the course (no longer listed, or Inactive). */
  removed: number;
  /** Active members the LMS lists. */
  listed: number;
  /** Entries the LMS listed in a shape NRPS does not allow. */
  skipped: number;
}

/** Makes the course's members match its LMS course(s). `requesterId` (the instructor syncing; null from the CLI) is never removed. */
export async function syncRoster(db: Database, tokens: ServiceTokens, courseId: string, requesterId: string | null): Promise<RosterSyncResult> {
  const contexts = await db.ltiContext.findMany({ where: { courseId, membershipsUrl: { not: null } }, include: { platform: true } });
  if (contexts.length === 0) {
    throw new RosterError(409, "no-roster-service", "This course has no roster service from a learning platform: launch Tutor from the LMS course as its instructor first (the LMS must offer Names and Roles to the tool).");
  }
  const listed = new Map<string, RosterMember & { issuer: string }>();
  let skipped = 0;
  for (const context of contexts) {
    let fetched: Awaited<ReturnType<typeof fetchMembers>>;
    try {
      fetched = await fetchMembers(tokens, context.platform, context.membershipsUrl!);
    } catch (e) {
      if (e instanceof ServiceError) throw new RosterError(502, "lms-unavailable", `${e.message} Nothing was changed; try again later.`);
      throw e;
    }
    skipped += fetched.skipped;
    for (const m of fetched.members) listed.set(`${context.platform.issuer} ${m.sub}`, { ...m, issuer: context.platform.issuer });
  }
  const issuers = [...new Set(contexts.map((c) => c.platform.issuer))];

  return db.$transaction(
    async (tx) => {
      const result: RosterSyncResult = { added: 0, roleChanged: 0, removed: 0, listed: 0, skipped };
      const keep = new Set<string>(requesterId ? [requesterId] : []);
      for (const member of listed.values()) {
        if (!member.active) continue;
        result.listed++;
        const userId = await accountFor(tx, member);
        keep.add(userId);
        const existing = await tx.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } } });
        if (!existing) {
          await tx.courseMember.create({ data: { courseId, userId, role: member.role } });
          result.added++;
        } else if (existing.role !== member.role && userId !== requesterId) {
          await tx.courseMember.update({ where: { courseId_userId: { courseId, userId } }, data: { role: member.role } });
          result.roleChanged++;
        }
      }
      const fromTheseLms = await tx.courseMember.findMany({ where: { courseId, user: { ltiAccounts: { some: { issuer: { in: issuers } } } } }, select: { userId: true } });
      const leaving = fromTheseLms.map((m) => m.userId).filter((id) => !keep.has(id));
      if (leaving.length > 0) result.removed = (await tx.courseMember.deleteMany({ where: { courseId, userId: { in: leaving } } })).count;
      return result;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
