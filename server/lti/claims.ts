// The pure half of an LTI 1.3 launch: what the claims of a signature-checked id_token must say (IMS LTI 1.3 core,
// Deep Linking 2.0), turned into a typed launch or a refusal that names what was wrong. No I/O here, so every
// rule is tested in milliseconds; launch.ts does the fetching, the signature and the database.
import { z } from "zod";
import { LtiRefusal } from "./refusal";

export const CLAIM = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  launchPresentation: "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
  toolPlatform: "https://purl.imsglobal.org/spec/lti/claim/tool_platform",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  deepLinkingContentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  deepLinkingData: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
} as const;

/** How far a platform's clock may run ahead of ours, and how old an id_token may be when it reaches us. */
export const CLOCK_SKEW_SECONDS = 60;
export const MAX_TOKEN_AGE_SECONDS = 10 * 60;

export type CourseRoleName = "learner" | "instructor";

export interface LaunchTarget {
  kind: "set" | "exercise";
  /** "<set>" or "<set>/<slug>". */
  id: string;
}

interface LaunchCommon {
  issuer: string;
  sub: string;
  deploymentId: string;
  name: string | null;
  email: string | null;
  role: CourseRoleName;
  context: { id: string; title: string | null } | null;
  /** Origins of the LMS pages that may frame us after this launch (from launch_presentation and tool_platform). */
  frameOrigins: string[];
}

export interface ResourceLinkLaunch extends LaunchCommon {
  kind: "resource-link";
  resourceLink: { id: string; title: string | null };
  target: LaunchTarget | null;
  membershipsUrl: string | null;
  ags: { lineItemUrl: string | null; lineItemsUrl: string | null; scopes: string[] } | null;
}

export interface DeepLinkingLaunch extends LaunchCommon {
  kind: "deep-linking";
  settings: { returnUrl: string; acceptTypes: string[]; acceptMultiple: boolean; data: string | null };
}

export type Launch = ResourceLinkLaunch | DeepLinkingLaunch;

export interface LaunchExpectations {
  issuer: string;
  clientId: string;
  /** The nonce sent with the login this launch answers. */
  nonce: string;
  nowSeconds: number;
}

const url = z.url({ protocol: /^https?$/ });
const optionalText = z.string().max(1000).optional().nullable();

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string().min(1).max(255),
  aud: z.union([z.string(), z.array(z.string()).min(1)]),
  azp: z.string().optional(),
  exp: z.number(),
  iat: z.number(),
  nonce: z.string().optional(),
  name: optionalText,
  given_name: optionalText,
  family_name: optionalText,
  email: z.string().max(320).optional().nullable(),
  [CLAIM.messageType]: z.string(),
  [CLAIM.version]: z.string(),
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.targetLinkUri]: z.string().optional(),
  [CLAIM.roles]: z.array(z.string()).default([]),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1).max(255), title: optionalText }).optional(),
  [CLAIM.context]: z.object({ id: z.string().min(1).max(255), title: optionalText, label: optionalText }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.launchPresentation]: z.object({ return_url: z.string().optional() }).loose().optional(),
  [CLAIM.toolPlatform]: z.object({ url: z.string().optional() }).loose().optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: url }).loose().optional(),
  [CLAIM.ags]: z.object({ scope: z.array(z.string()).default([]), lineitem: url.optional(), lineitems: url.optional() }).loose().optional(),
  [CLAIM.deepLinkingSettings]: z
    .object({ deep_link_return_url: url, accept_types: z.array(z.string()).default([]), accept_multiple: z.boolean().optional(), data: z.string().optional() })
    .loose()
    .optional(),
});

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
/** Course roles that teach: an instructor, a teaching assistant, a content developer or a course administrator. */
const TEACHING_MEMBERSHIP = new Set(["Instructor", "TeachingAssistant", "ContentDeveloper", "Administrator"]);
/** Institution-wide and system-wide administrators teach in any course they open. */
const ADMINISTRATORS = new Set([`${LIS}institution/person#Administrator`, `${LIS}system/person#Administrator`]);

/**
 * Instructor when any role teaches, learner otherwise (a Learner, a Mentor, or no role at all: the least a launch
 * can be). Membership roles may be sub-roles ("membership/Instructor#TeachingAssistant"); LTI 1.3 also allows the
 * short names of the membership vocabulary ("Instructor").
 */
export function courseRoleFor(roles: string[]): CourseRoleName {
  for (const role of roles) {
    if (ADMINISTRATORS.has(role)) return "instructor";
    const membership = role.startsWith(`${LIS}membership`) ? role.slice(`${LIS}membership`.length) : /^[A-Za-z]+$/.test(role) ? `#${role}` : null;
    if (membership === null) continue;
    const names = membership.split(/[#/]/).filter(Boolean);
    if (names.some((n) => TEACHING_MEMBERSHIP.has(n))) return "instructor";
  }
  return "learner";
}

const SET_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Parses "<set>" or "<set>/<slug>"; anything else points at nothing. */
export function parseTarget(value: unknown): LaunchTarget | null {
  if (typeof value !== "string") return null;
  const parts = value.split("/");
  if (!parts.every((p) => SET_PATTERN.test(p))) return null;
  if (parts.length === 1) return { kind: "set", id: value };
  if (parts.length === 2) return { kind: "exercise", id: value };
  return null;
}

/**
 * What a resource link points at: the custom parameter `tutor_target` that deep linking sets, or, for a link made
 * by hand in the LMS, `?target=` on its launch URL.
 */
export function targetOf(custom: Record<string, unknown> | undefined, targetLinkUri: string | undefined): LaunchTarget | null {
  const fromCustom = parseTarget(custom?.tutor_target);
  if (fromCustom) return fromCustom;
  if (!targetLinkUri) return null;
  try {
    return parseTarget(new URL(targetLinkUri).searchParams.get("target"));
  } catch {
    return null;
  }
}

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Checks every claim the spec asks a tool to check once the signature is good, in the order a person would want
 * to hear about them, and returns the launch. Throws LtiRefusal.
 */
export function validateLaunchClaims(payload: unknown, expect: LaunchExpectations): Launch {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LtiRefusal("malformed-token", `The launch's id_token is missing or has a malformed claim (${issue.path.join(".") || "(token)"}: ${issue.message}).`);
  }
  const c = parsed.data;
  if (c.iss !== expect.issuer) throw new LtiRefusal("unknown-platform", `The launch came from the issuer "${c.iss}", which is not the platform this login started with.`);
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!audiences.includes(expect.clientId)) throw new LtiRefusal("wrong-audience", `The launch was meant for another tool (audience ${audiences.join(", ")}), not this registration's client id.`);
  if (audiences.length > 1 && c.azp !== expect.clientId) {
    throw new LtiRefusal("wrong-audience", "The launch names several audiences but its authorized party (azp) is not this tool's client id.");
  }
  if (c.exp + CLOCK_SKEW_SECONDS <= expect.nowSeconds) throw new LtiRefusal("expired", "The launch's id_token has expired.");
  if (c.iat > expect.nowSeconds + CLOCK_SKEW_SECONDS) throw new LtiRefusal("issued-in-future", "The launch's id_token says it was issued in the future: the platform's clock or ours is wrong.");
  if (c.iat < expect.nowSeconds - MAX_TOKEN_AGE_SECONDS) throw new LtiRefusal("expired", "The launch's id_token was issued too long ago.");
  if (!c.nonce) throw new LtiRefusal("missing-nonce", "The launch's id_token carries no nonce, so it cannot be told apart from a replayed one.");
  if (c.nonce !== expect.nonce) throw new LtiRefusal("replayed", "The launch's id_token answers another login (its nonce is not the one we sent): it was replayed or mixed up.");
  if (c[CLAIM.version] !== "1.3.0") throw new LtiRefusal("unsupported-message", `The launch uses LTI version "${c[CLAIM.version]}"; this tool speaks LTI 1.3.0.`);

  const context = c[CLAIM.context];
  const common: LaunchCommon = {
    issuer: c.iss,
    sub: c.sub,
    deploymentId: c[CLAIM.deploymentId],
    name: c.name ?? ([c.given_name, c.family_name].filter(Boolean).join(" ") || null),
    email: c.email ?? null,
    role: courseRoleFor(c[CLAIM.roles]),
    context: context ? { id: context.id, title: context.title ?? context.label ?? null } : null,
    frameOrigins: [...new Set([originOf(c[CLAIM.launchPresentation]?.return_url), originOf(c[CLAIM.toolPlatform]?.url)].filter((o): o is string => o !== null))],
  };
  const messageType = c[CLAIM.messageType];
  if (messageType === "LtiResourceLinkRequest") {
    const link = c[CLAIM.resourceLink];
    if (!link) throw new LtiRefusal("malformed-token", "The resource link launch has no resource_link claim.");
    const ags = c[CLAIM.ags];
    return {
      ...common,
      kind: "resource-link",
      resourceLink: { id: link.id, title: link.title ?? null },
      target: targetOf(c[CLAIM.custom], c[CLAIM.targetLinkUri]),
      membershipsUrl: c[CLAIM.nrps]?.context_memberships_url ?? null,
      ags: ags ? { lineItemUrl: ags.lineitem ?? null, lineItemsUrl: ags.lineitems ?? null, scopes: ags.scope } : null,
    };
  }
  if (messageType === "LtiDeepLinkingRequest") {
    const settings = c[CLAIM.deepLinkingSettings];
    if (!settings) throw new LtiRefusal("malformed-token", "The deep linking launch has no deep_linking_settings claim.");
    if (common.role !== "instructor") throw new LtiRefusal("not-instructor", "Only instructors choose what a link in the course points at.");
    return {
      ...common,
      kind: "deep-linking",
      settings: { returnUrl: settings.deep_link_return_url, acceptTypes: settings.accept_types, acceptMultiple: settings.accept_multiple ?? false, data: settings.data ?? null },
    };
  }
  throw new LtiRefusal("unsupported-message", `The launch is a "${messageType}" message; this tool handles resource link and deep linking launches.`);
}
