// The two legs of an LTI 1.3 launch (OIDC third-party initiated login), as named steps over the database:
//   beginLogin: the platform names itself; we store a fresh state and nonce and send the browser to its login URL.
//   completeLaunch: the platform posts back an id_token; we consume the state (bound to this browser by a cookie),
//   check the signature against the platform's registered JWKS, check the claims (claims.ts) and the deployment,
//   and only then write anything (provision.ts).
import { randomBytes } from "node:crypto";
import { compactVerify, errors as joseErrors } from "jose";
import type { Database } from "../database/client";
import { hashToken, sameToken } from "../auth/tokens";
import { type Launch, type LaunchTarget, validateLaunchClaims } from "./claims";
import type { PlatformKeys } from "./platform-keys";
import { isDeploymentRegistered, platformForLogin } from "./platforms";
import { provisionLaunch, type Provisioned } from "./provision";
import { LtiRefusal } from "./refusal";
import type { LtiPlatform } from "../database/generated/client";

/** How long a login may take between our redirect and the platform's post back. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;

export interface LoginParameters {
  iss?: string;
  login_hint?: string;
  target_link_uri?: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
}

export interface LoginRedirect {
  /** The platform's authorization URL with the OIDC parameters. */
  location: string;
  /** The state value: the browser keeps it in a cookie and the launch must bring both back. */
  state: string;
}

const text = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length <= 2048 ? value : undefined);

export async function beginLogin(db: Database, params: LoginParameters, redirectUri: string): Promise<LoginRedirect> {
  const iss = text(params.iss);
  const loginHint = text(params.login_hint);
  const targetLinkUri = text(params.target_link_uri);
  if (!iss || !loginHint || !targetLinkUri) {
    const missing = [!iss && "iss", !loginHint && "login_hint", !targetLinkUri && "target_link_uri"].filter(Boolean).join(", ");
    throw new LtiRefusal("missing-parameter", `The login initiation lacks ${missing}.`);
  }
  const clientId = text(params.client_id);
  const platforms = await platformForLogin(db, iss, clientId);
  if (platforms.length === 0) throw new LtiRefusal("unknown-platform", `No platform with the issuer "${iss}"${clientId ? ` and the client id "${clientId}"` : ""} is registered with this Tutor.`);
  if (platforms.length > 1) throw new LtiRefusal("ambiguous-platform", `Several registrations have the issuer "${iss}" and the login did not say which client id it is for.`);
  const platform = platforms[0]!;

  const state = randomBytes(32).toString("base64url");
  const nonce = randomBytes(32).toString("base64url");
  await db.ltiLoginState.create({ data: { stateHash: hashToken(state), nonce, platformId: platform.id, targetLinkUri, expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_MS) } });

  const location = new URL(platform.authLoginUrl);
  const query: Record<string, string> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: redirectUri,
    login_hint: loginHint,
    state,
    nonce,
  };
  const messageHint = text(params.lti_message_hint);
  if (messageHint) query.lti_message_hint = messageHint;
  for (const [key, value] of Object.entries(query)) location.searchParams.set(key, value);
  return { location: location.toString(), state };
}

export interface LaunchPost {
  idToken: unknown;
  state: unknown;
  /** The state the browser's cookie holds. */
  cookieState: string | undefined;
}

export interface CompletedLaunch {
  launch: Launch;
  platform: LtiPlatform;
  provisioned: Provisioned;
}

/** Takes the login state out of the database: each is good for one launch, and only until it expires. */
async function consumeState(db: Database, state: string) {
  const rows = await db.ltiLoginState.findMany({ where: { stateHash: hashToken(state) }, include: { platform: true } });
  const { count } = await db.ltiLoginState.deleteMany({ where: { stateHash: hashToken(state) } });
  const row = rows[0];
  // Another request may have consumed it between the two statements: only the one whose delete counted wins.
  if (!row || count !== 1 || row.expiresAt.getTime() <= Date.now()) {
    throw new LtiRefusal("state-unknown", "The launch's state is not one this Tutor is waiting for: it was used already, or the login took too long.");
  }
  return row;
}

/** jose's errors that mean the token itself is wrong, as opposed to the platform's keys being out of reach. */
const TOKEN_ERRORS = [joseErrors.JWKSNoMatchingKey, joseErrors.JWSSignatureVerificationFailed, joseErrors.JWSInvalid, joseErrors.JOSEAlgNotAllowed, joseErrors.JOSENotSupported];

async function verifiedPayload(keys: PlatformKeys, platform: LtiPlatform, idToken: string): Promise<unknown> {
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(idToken, keys.forJwksUrl(platform.jwksUrl), { algorithms: ["RS256"] }));
  } catch (e) {
    if (e instanceof joseErrors.JWKSNoMatchingKey) throw new LtiRefusal("bad-signature", "The id_token was signed with a key the platform does not publish at its registered JWKS URL.");
    if (TOKEN_ERRORS.some((kind) => e instanceof kind)) throw new LtiRefusal("bad-signature", `The id_token's signature could not be verified against the platform's keys (${(e as Error).message}).`);
    throw new LtiRefusal("platform-keys-unavailable", `The platform's keys at ${platform.jwksUrl} could not be fetched (${(e as Error).message}).`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new LtiRefusal("malformed-token", "The id_token's payload is not JSON.");
  }
}

/** `isKnownTarget` says whether this Tutor has the set or exercise a link points at. */
export async function completeLaunch(db: Database, keys: PlatformKeys, post: LaunchPost, isKnownTarget: (target: LaunchTarget) => boolean): Promise<CompletedLaunch> {
  // An id_token may be longer than other parameters, but not without bound.
  const idToken = typeof post.idToken === "string" && post.idToken.length > 0 && post.idToken.length <= 64_000 ? post.idToken : undefined;
  const state = text(post.state);
  if (!idToken || !state) throw new LtiRefusal("missing-parameter", `The launch lacks ${[!idToken && "id_token", !state && "state"].filter(Boolean).join(" and ")}.`);
  // The state must come back to the browser that started the login: a launch posted from elsewhere is refused.
  if (!post.cookieState || !sameToken(post.cookieState, state)) {
    throw new LtiRefusal("state-mismatch", "The launch's state does not match the one this browser was given when the login started.");
  }
  const { platform, nonce } = await consumeState(db, state);
  const payload = await verifiedPayload(keys, platform, idToken);
  const launch = validateLaunchClaims(payload, { issuer: platform.issuer, clientId: platform.clientId, nonce, nowSeconds: Math.floor(Date.now() / 1000) });
  if (!(await isDeploymentRegistered(db, platform.id, launch.deploymentId))) {
    throw new LtiRefusal("unknown-deployment", `The deployment "${launch.deploymentId}" is not registered for ${platform.name}.`);
  }
  if (launch.kind === "resource-link" && launch.target && !isKnownTarget(launch.target)) {
    throw new LtiRefusal("unknown-target", `The link points at "${launch.target.id}", which this Tutor does not have (it was renamed or removed).`);
  }
  const provisioned = await provisionLaunch(db, platform.id, launch);
  return { launch, platform, provisioned };
}
