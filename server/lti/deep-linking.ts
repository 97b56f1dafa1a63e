// Deep Linking 2.0: an instructor's LtiDeepLinkingRequest shows a picker; their choice goes back to the platform as
// a signed LtiDeepLinkingResponse with one ltiResourceLink content item (custom parameter tutor_target says what
// it opens) and a lineItem, so the LMS adds a gradebook column. Between the picker and the choice, the request's
// settings travel in a token the tool signs for that instructor, so nothing is stored and nothing can be forged.
import { createLocalJWKSet, jwtVerify } from "jose";
import type { Database } from "../database/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import { CLAIM, type DeepLinkingLaunch, type LaunchTarget, parseTarget } from "./claims";
import type { PickerSet } from "./pages";
import { LtiRefusal } from "./refusal";
import { publishedToolKeys, signAsTool } from "./tool-keys";

const PICKER_AUDIENCE = "tutor:deep-linking-picker";
const PICKER_TTL_SECONDS = 30 * 60;
const RESPONSE_TTL_SECONDS = 5 * 60;
/** A line item's maximum: scores are sent as a share of it, and the LMS scales to the points it gives the column. */
export const LINE_ITEM_SCORE_MAXIMUM = 100;

interface PickerRequest {
  platformId: string;
  clientId: string;
  issuer: string;
  deploymentId: string;
  returnUrl: string;
  data: string | null;
}

export function acceptsResourceLinks(launch: DeepLinkingLaunch): boolean {
  return launch.settings.acceptTypes.includes("ltiResourceLink");
}

/** The token the picker form carries back: the request's settings, for this user only, for half an hour. */
export function pickerRequestToken(db: Database, userId: string, platform: { id: string; clientId: string; issuer: string }, launch: DeepLinkingLaunch): Promise<string> {
  const request: PickerRequest = {
    platformId: platform.id,
    clientId: platform.clientId,
    issuer: platform.issuer,
    deploymentId: launch.deploymentId,
    returnUrl: launch.settings.returnUrl,
    data: launch.settings.data,
  };
  return signAsTool(db, { sub: userId, request }, { issuer: PICKER_AUDIENCE, audience: PICKER_AUDIENCE, expiresInSeconds: PICKER_TTL_SECONDS });
}

async function readPickerRequest(db: Database, token: string, userId: string): Promise<PickerRequest> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(await publishedToolKeys(db)), { issuer: PICKER_AUDIENCE, audience: PICKER_AUDIENCE, subject: userId, algorithms: ["RS256"] });
    return payload.request as PickerRequest;
  } catch {
    throw new LtiRefusal("deep-link-expired", "The choice did not come with a valid request from this instructor's deep linking launch.");
  }
}

/** Every set the catalog has, with its exercises in course order. */
export function pickerSets(catalog: ExerciseCatalog): PickerSet[] {
  return catalog.sets().map((set) => ({ name: set.name, title: set.title, exercises: set.exercises.map((e) => ({ id: e.id, title: e.title })) }));
}

/** The title of the set or exercise a target names, or null when this Tutor has no such thing. */
export function targetTitle(catalog: ExerciseCatalog, target: LaunchTarget): string | null {
  if (target.kind === "exercise") return catalog.get(target.id)?.title ?? null;
  return catalog.set(target.id) ? catalog.setTitle(target.id) : null;
}

export interface DeepLinkingResponse {
  returnUrl: string;
  jwt: string;
}

/** Builds the signed response for the chosen set or exercise. `toolOrigin` is where the link will launch. */
export async function deepLinkingResponse(
  db: Database,
  catalog: ExerciseCatalog,
  choice: { requestToken: string; target: string; title: string | undefined; userId: string; toolOrigin: string },
): Promise<DeepLinkingResponse> {
  const request = await readPickerRequest(db, choice.requestToken, choice.userId);
  const target = parseTarget(choice.target);
  const known = target && targetTitle(catalog, target);
  if (!target || !known) throw new LtiRefusal("unknown-target", `"${choice.target}" is neither an exercise set nor an exercise of this Tutor.`);
  const title = choice.title?.trim().slice(0, 200) || known;
  const launchUrl = new URL("/lti/launch", choice.toolOrigin);
  launchUrl.searchParams.set("target", target.id);
  const item = {
    type: "ltiResourceLink",
    title,
    url: launchUrl.toString(),
    custom: { tutor_target: target.id },
    lineItem: { scoreMaximum: LINE_ITEM_SCORE_MAXIMUM, label: title, resourceId: target.id, tag: "tutor" },
  };
  const jwt = await signAsTool(
    db,
    {
      azp: request.clientId,
      nonce: crypto.randomUUID(),
      [CLAIM.messageType]: "LtiDeepLinkingResponse",
      [CLAIM.version]: "1.3.0",
      [CLAIM.deploymentId]: request.deploymentId,
      [CLAIM.deepLinkingContentItems]: [item],
      ...(request.data !== null ? { [CLAIM.deepLinkingData]: request.data } : {}),
    },
    { issuer: request.clientId, audience: request.issuer, expiresInSeconds: RESPONSE_TTL_SECONDS },
  );
  return { returnUrl: request.returnUrl, jwt };
}
