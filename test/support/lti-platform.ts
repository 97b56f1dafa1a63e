// A learning platform on loopback that speaks LTI 1.3 the way Canvas or Moodle do, for the tests (there is no real
// LMS here): its own RSA key pair and JWKS, an OIDC authorization endpoint that answers the tool's login redirect
// with an auto-posting id_token form, id_tokens for resource link and deep linking launches with any claim changed
// (expired, wrongly signed, wrong audience...), a deep linking return endpoint that verifies the tool's signed
// response, an LMS course page that frames a launch, and an OAuth2 client-credentials token endpoint that checks
// the tool's JWT client assertion (RFC 7523) against the tool's /lti/jwks. Its Assignment and Grade Services (line
// items, scores) and Names and Roles service (memberships, in pages) check the access tokens it issued and their
// scopes; `down` makes the whole platform answer 503 until it is set back.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, exportJWK, generateKeyPair, type JWK, type JWTPayload, jwtVerify, type CryptoKey, SignJWT } from "jose";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const ROLE = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  teachingAssistant: "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
};

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export interface LaunchUser {
  sub: string;
  roles: string[];
  name?: string;
  email?: string;
}

export interface LaunchOptions {
  user: LaunchUser;
  kind?: "resource-link" | "deep-linking";
  context?: { id: string; title?: string } | null;
  resourceLinkId?: string;
  /** The custom claim (deep-linked links carry tutor_target). */
  custom?: Record<string, string>;
  deploymentId?: string;
  /** With lineItemUrl, the AGS endpoint claim; with membershipsUrl, the NRPS claim. */
  lineItemUrl?: string;
  /** The AGS claim with only the line items container: the LMS leaves finding or creating the line item to the tool. */
  lineItemsOnly?: boolean;
  membershipsUrl?: string;
  /** Claims to set or, with undefined, to remove, after the defaults. */
  override?: Record<string, unknown>;
  /** "unpublished": signed with a key the JWKS does not list; "tampered": a claim changed after signing. */
  signing?: "good" | "unpublished" | "tampered";
}

export interface ReceivedDeepLink {
  payload: JWTPayload;
  contentItems: any[];
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

const AGS_SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
};
const NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
const ACTIVITY_PROGRESS = ["Initialized", "Started", "InProgress", "Submitted", "Completed"];
const GRADING_PROGRESS = ["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"];

export interface LineItem {
  id: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
}

/** A score the AGS score service accepted, as posted. */
export interface ReceivedScore {
  lineItemId: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
  contentType: string | undefined;
}

/** A member as NRPS 2.0 lists one. */
export interface Member {
  user_id: string;
  roles: string[];
  status?: "Active" | "Inactive" | "Deleted";
  name?: string;
  email?: string;
}

export interface LtiPlatformOptions {
  /** The host in the platform's own URLs: "localhost" makes it another site than a tool on 127.0.0.1 (the iframe test). */
  host?: string;
  clientId?: string;
  deploymentId?: string;
}

export class LtiTestPlatform {
  readonly clientId: string;
  readonly deploymentId: string;
  private key!: SigningKey;
  private retiredKeys: SigningKey[] = [];
  private unpublishedKey!: SigningKey;
  private server!: Server;
  private origin = "";
  private readonly host: string;
  private readonly pending = new Map<string, LaunchOptions>();
  private readonly routes = new Map<string, Handler>();
  private readonly usedAssertionIds = new Set<string>();
  private readonly accessTokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  /** The tool's /lti/jwks URL, for verifying what the tool signs. */
  toolJwksUrl = "";
  readonly deepLinks: ReceivedDeepLink[] = [];
  readonly authRequests: URLSearchParams[] = [];
  readonly tokenRefusals: string[] = [];
  /** While true, every endpoint answers 503, as an LMS in maintenance does. */
  down = false;
  /** While true, the token endpoint refuses the tool (a registration the LMS disabled). */
  refuseTokens = false;
  readonly lineItems = new Map<string, LineItem>();
  readonly scores: ReceivedScore[] = [];
  /** The scopes of each access token issued, in order. */
  readonly tokensIssued: string[] = [];
  /** Service requests refused for a missing, unknown, expired or under-scoped token. */
  readonly serviceRefusals: string[] = [];
  private readonly memberships = new Map<string, Member[]>();
  /** NRPS page size: small, so that a roster comes in several pages. */
  membersPerPage = 2;
  /** The memberships pages the tool read, in order. */
  readonly membershipPagesRead: string[] = [];

  constructor(options: LtiPlatformOptions = {}) {
    this.host = options.host ?? "127.0.0.1";
    this.clientId = options.clientId ?? `tutor-${randomBytes(4).toString("hex")}`;
    this.deploymentId = options.deploymentId ?? `deployment-${randomBytes(4).toString("hex")}`;
  }

  async start(): Promise<this> {
    this.key = await newSigningKey();
    this.unpublishedKey = await newSigningKey();
    this.route("GET", "/jwks", (_req, res) => this.json(res, 200, { keys: [this.key, ...this.retiredKeys].map((k) => k.publicJwk) }));
    this.route("GET", "/auth", (req, res) => this.authorize(new URL(req.url!, this.origin).searchParams, res));
    this.route("POST", "/auth", (_req, res, body) => this.authorize(new URLSearchParams(body), res));
    this.route("POST", "/token", (_req, res, body) => this.issueAccessToken(new URLSearchParams(body), res));
    this.route("POST", "/deep-link-return", (_req, res, body) => this.receiveDeepLink(new URLSearchParams(body), res));
    this.route("GET", "/lineitems", (req, res) => this.listLineItems(req, res));
    this.route("POST", "/lineitems", (req, res, body) => this.createLineItem(req, res, body));
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.origin = `http://${this.host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The platform's issuer (its origin) and endpoints, as an admin registers them. */
  get issuer(): string {
    return this.origin;
  }

  /** What to register with the tool; the JWKS and token URLs always use 127.0.0.1, the address the tool calls. */
  registration(name = "Loopback LMS") {
    const loopback = this.origin.replace(`//${this.host}:`, "//127.0.0.1:");
    return {
      name,
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authLoginUrl: `${this.origin}/auth`,
      tokenUrl: `${loopback}/token`,
      jwksUrl: `${loopback}/jwks`,
    };
  }

  get deepLinkReturnUrl(): string {
    return `${this.origin}/deep-link-return`;
  }

  /** Adds an endpoint (the AGS and NRPS services, or an LMS page). */
  route(method: string, path: string, handler: Handler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** A new signing key; the old one stays published, as a platform rotating its keys does. */
  async rotateKey(): Promise<void> {
    this.retiredKeys.push(this.key);
    this.key = await newSigningKey();
  }

  /** Prepares a launch for the next login with this hint (what the LMS knows when a user clicks a link). */
  prepareLaunch(options: LaunchOptions): string {
    const hint = randomUUID();
    this.pending.set(hint, options);
    return hint;
  }

  /** The third-party login initiation an LMS sends the browser to. */
  loginUrl(toolOrigin: string, hint: string, targetLinkUri = `${toolOrigin}/lti/launch`): string {
    const u = new URL("/lti/login", toolOrigin);
    u.search = new URLSearchParams({ iss: this.issuer, login_hint: hint, target_link_uri: targetLinkUri, lti_message_hint: `message-${hint}`, client_id: this.clientId, lti_deployment_id: this.deploymentId }).toString();
    return u.toString();
  }

  /** An LMS course page that shows the launch in an iframe, as Canvas and Moodle do. */
  framePage(toolOrigin: string, hint: string): string {
    const path = `/course-page/${hint}`;
    this.route("GET", path, (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><html lang="en"><head><title>Loopback LMS course</title></head><body><h1>Loopback LMS</h1>
<iframe id="tool" title="Tutor" src="${this.loginUrl(toolOrigin, hint).replace(/&/g, "&amp;")}" width="1200" height="800"></iframe></body></html>`);
    });
    return `${this.origin}${path}`;
  }

  /** The id_token of a launch, with the spec's claims and whatever the test changes. */
  async idToken(options: LaunchOptions, nonce: string | undefined, targetLinkUri: string): Promise<string> {
    const kind = options.kind ?? "resource-link";
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      sub: options.user.sub,
      aud: this.clientId,
      exp: now + 300,
      iat: now,
      nonce,
      ...(options.user.name ? { name: options.user.name } : {}),
      ...(options.user.email ? { email: options.user.email } : {}),
      [`${LTI}message_type`]: kind === "deep-linking" ? "LtiDeepLinkingRequest" : "LtiResourceLinkRequest",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: options.deploymentId ?? this.deploymentId,
      [`${LTI}target_link_uri`]: targetLinkUri,
      [`${LTI}roles`]: options.user.roles,
      [`${LTI}launch_presentation`]: { document_target: "iframe", return_url: `${this.origin}/return` },
      [`${LTI}tool_platform`]: { guid: "loopback-lms", name: "Loopback LMS", product_family_code: "loopback", url: this.origin },
    };
    if (options.context !== null) {
      const context = options.context ?? { id: "context-1", title: "Loopback course" };
      claims[`${LTI}context`] = { id: context.id, title: context.title, type: ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"] };
    }
    if (options.custom) claims[`${LTI}custom`] = options.custom;
    if (kind === "resource-link") {
      claims[`${LTI}resource_link`] = { id: options.resourceLinkId ?? "link-1", title: "A link" };
      if (options.lineItemUrl || options.lineItemsOnly) {
        claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
          scope: [AGS_SCOPE.lineItem, AGS_SCOPE.score],
          lineitems: this.lineItemsUrl,
          ...(options.lineItemUrl ? { lineitem: options.lineItemUrl } : {}),
        };
      }
      if (options.membershipsUrl) {
        claims["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = { context_memberships_url: options.membershipsUrl, service_versions: ["2.0"] };
      }
    } else {
      claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
        deep_link_return_url: this.deepLinkReturnUrl,
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["iframe", "window"],
        accept_multiple: false,
        data: "opaque-platform-data",
      };
    }
    for (const [name, value] of Object.entries(options.override ?? {})) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    const key = options.signing === "unpublished" ? this.unpublishedKey : this.key;
    const jwt = await new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" }).sign(key.privateKey);
    if (options.signing !== "tampered") return jwt;
    const [header, , signature] = jwt.split(".");
    const changed = Buffer.from(JSON.stringify({ ...claims, sub: `${options.user.sub}-changed` })).toString("base64url");
    return `${header}.${changed}.${signature}`;
  }

  /** Access tokens this platform issued and that are still good for `scope` (for AGS and NRPS endpoints). */
  checkAccessToken(authorization: string | undefined, scope: string): boolean {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const grant = token ? this.accessTokens.get(token) : undefined;
    return !!grant && grant.expiresAt > Date.now() && grant.scopes.includes(scope);
  }

  /** Makes every access token issued so far invalid, as a token that expired or was revoked early. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** The tool calls services at 127.0.0.1 even when the platform's pages use another host name. */
  private get loopbackOrigin(): string {
    return this.origin.replace(`//${this.host}:`, "//127.0.0.1:");
  }

  get lineItemsUrl(): string {
    return `${this.loopbackOrigin}/lineitems`;
  }

  /** A line item (a gradebook column), as the LMS creates one for a graded link; returns its URL. */
  addLineItem(fields: Omit<LineItem, "id"> = { scoreMaximum: 100, label: "Tutor" }): string {
    const item = { ...fields, id: `${this.lineItemsUrl}/${randomUUID()}` };
    this.lineItems.set(item.id, item);
    this.route("POST", `${new URL(item.id).pathname}/scores`, (req, res, body) => this.receiveScore(item, req, res, body));
    return item.id;
  }

  /** The NRPS context_memberships_url of a context, listing `members`; set again to change the roster. */
  setMembers(contextId: string, members: Member[]): string {
    const path = `/memberships/${encodeURIComponent(contextId)}`;
    this.memberships.set(contextId, members);
    this.route("GET", path, (req, res) => this.listMembers(contextId, req, res));
    return `${this.loopbackOrigin}${path}`;
  }

  /** A service request needs a token this platform issued, unexpired, with one of `scopes`. */
  private serviceAllowed(req: IncomingMessage, res: ServerResponse, scopes: string[]): boolean {
    if (scopes.some((scope) => this.checkAccessToken(req.headers.authorization, scope))) return true;
    this.serviceRefusals.push(`${req.method} ${req.url}`);
    this.json(res, 401, { error: "invalid_token", error_description: `a token with ${scopes.join(" or ")} is needed` });
    return false;
  }

  private listLineItems(req: IncomingMessage, res: ServerResponse) {
    if (!this.serviceAllowed(req, res, [AGS_SCOPE.lineItem, AGS_SCOPE.lineItemReadonly])) return;
    const linkId = new URL(req.url!, this.origin).searchParams.get("resource_link_id");
    const items = [...this.lineItems.values()].filter((i) => linkId === null || i.resourceLinkId === linkId);
    res.writeHead(200, { "content-type": "application/vnd.ims.lis.v2.lineitemcontainer+json" });
    res.end(JSON.stringify(items));
  }

  private createLineItem(req: IncomingMessage, res: ServerResponse, body: string) {
    if (!this.serviceAllowed(req, res, [AGS_SCOPE.lineItem])) return;
    if (req.headers["content-type"] !== "application/vnd.ims.lis.v2.lineitem+json") return this.json(res, 415, { error: "unsupported media type" });
    const fields = JSON.parse(body) as Omit<LineItem, "id">;
    if (!(fields.scoreMaximum > 0) || !fields.label) return this.json(res, 400, { error: "a line item needs a label and a positive scoreMaximum" });
    const id = this.addLineItem(fields);
    res.writeHead(201, { "content-type": "application/vnd.ims.lis.v2.lineitem+json" });
    res.end(JSON.stringify(this.lineItems.get(id)));
  }

  /** AGS 2.0's score service: checks the media type and the score's shape, as a real platform would, and keeps it. */
  private receiveScore(item: LineItem, req: IncomingMessage, res: ServerResponse, body: string) {
    if (!this.serviceAllowed(req, res, [AGS_SCOPE.score])) return;
    if (req.headers["content-type"] !== "application/vnd.ims.lis.v1.score+json") return this.json(res, 415, { error: "scores are application/vnd.ims.lis.v1.score+json" });
    const score = JSON.parse(body) as Omit<ReceivedScore, "lineItemId" | "contentType">;
    const problems = [
      typeof score.userId !== "string" && "userId",
      !(typeof score.scoreGiven === "number" && score.scoreGiven >= 0) && "scoreGiven",
      !(typeof score.scoreMaximum === "number" && score.scoreMaximum > 0) && "scoreMaximum",
      !ACTIVITY_PROGRESS.includes(score.activityProgress) && "activityProgress",
      !GRADING_PROGRESS.includes(score.gradingProgress) && "gradingProgress",
      !(typeof score.timestamp === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(score.timestamp)) && "timestamp",
    ].filter(Boolean);
    if (problems.length) return this.json(res, 400, { error: `bad ${problems.join(", ")}` });
    this.scores.push({ ...score, lineItemId: item.id, contentType: req.headers["content-type"] });
    res.writeHead(204);
    res.end();
  }

  /** NRPS 2.0: the context's members, membersPerPage at a time, with a Link header to the next page. */
  private listMembers(contextId: string, req: IncomingMessage, res: ServerResponse) {
    if (!this.serviceAllowed(req, res, [NRPS_SCOPE])) return;
    if (req.headers.accept !== "application/vnd.ims.lti-nrps.v2.membershipcontainer+json") return this.json(res, 406, { error: "ask for application/vnd.ims.lti-nrps.v2.membershipcontainer+json" });
    const url = new URL(req.url!, this.loopbackOrigin);
    const page = Number(url.searchParams.get("page") ?? "0");
    this.membershipPagesRead.push(url.toString());
    const members = this.memberships.get(contextId) ?? [];
    const shown = members.slice(page * this.membersPerPage, (page + 1) * this.membersPerPage);
    const headers: Record<string, string> = { "content-type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" };
    if ((page + 1) * this.membersPerPage < members.length) {
      url.searchParams.set("page", String(page + 1));
      headers.link = `<${url.toString()}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ id: url.toString(), context: { id: contextId, title: "Loopback course" }, members: shown.map((m) => ({ status: "Active", ...m })) }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.down) return this.json(res, 503, { error: "temporarily_unavailable", error_description: "The LMS is down for maintenance." });
    const handler = this.routes.get(`${req.method} ${new URL(req.url!, this.origin).pathname}`);
    try {
      if (!handler) return this.json(res, 404, { error: "not_found" });
      await handler(req, res, Buffer.concat(chunks).toString("utf8"));
    } catch (e) {
      this.json(res, 500, { error: "server_error", error_description: (e as Error).message });
    }
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  /** The OIDC authorization endpoint: checks the tool's request and posts the id_token back to its redirect_uri. */
  private async authorize(params: URLSearchParams, res: ServerResponse) {
    this.authRequests.push(params);
    const problems = [
      params.get("response_type") !== "id_token" && "response_type",
      params.get("response_mode") !== "form_post" && "response_mode",
      params.get("scope") !== "openid" && "scope",
      params.get("prompt") !== "none" && "prompt",
      params.get("client_id") !== this.clientId && "client_id",
      !params.get("state") && "state",
      !params.get("nonce") && "nonce",
    ].filter(Boolean);
    const launch = this.pending.get(params.get("login_hint") ?? "");
    if (problems.length || !launch) return this.json(res, 400, { error: "invalid_request", error_description: `bad ${problems.join(", ") || "login_hint"}` });
    const idToken = await this.idToken(launch, params.get("nonce")!, params.get("redirect_uri")!);
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><head><title>Signing in</title></head><body>
<form id="f" method="post" action="${params.get("redirect_uri")!.replace(/"/g, "&quot;")}">
<input type="hidden" name="id_token" value="${idToken}"><input type="hidden" name="state" value="${params.get("state")!.replace(/"/g, "&quot;")}">
<noscript><button type="submit">Continue</button></noscript></form><script>document.getElementById("f").submit()</script></body></html>`);
  }

  /** OAuth2 client credentials with a JWT client assertion signed by the tool (RFC 7523, as LTI Advantage asks). */
  private async issueAccessToken(params: URLSearchParams, res: ServerResponse) {
    const refuse = (why: string) => {
      this.tokenRefusals.push(why);
      this.json(res, 401, { error: "invalid_client", error_description: why });
    };
    if (params.get("grant_type") !== "client_credentials") return this.json(res, 400, { error: "unsupported_grant_type" });
    if (this.refuseTokens) return refuse("the tool's registration is disabled");
    if (params.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return refuse("client_assertion_type");
    try {
      const { payload } = await jwtVerify(params.get("client_assertion") ?? "", createRemoteJWKSet(new URL(this.toolJwksUrl)), {
        issuer: this.clientId,
        subject: this.clientId,
        audience: this.registration().tokenUrl,
        algorithms: ["RS256"],
        maxTokenAge: "5m",
      });
      if (!payload.jti || this.usedAssertionIds.has(payload.jti)) return refuse("replayed or missing jti");
      this.usedAssertionIds.add(payload.jti);
    } catch (e) {
      return refuse((e as Error).message);
    }
    const scopes = (params.get("scope") ?? "").split(" ").filter(Boolean);
    const token = randomBytes(24).toString("base64url");
    this.accessTokens.set(token, { scopes, expiresAt: Date.now() + 3600_000 });
    this.tokensIssued.push(scopes.join(" "));
    this.json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope: scopes.join(" ") });
  }

  /** Deep Linking 2.0's return: the tool's response must verify against its published keys. */
  private async receiveDeepLink(params: URLSearchParams, res: ServerResponse) {
    const { payload } = await jwtVerify(params.get("JWT") ?? "", createRemoteJWKSet(new URL(this.toolJwksUrl)), { issuer: this.clientId, audience: this.issuer, algorithms: ["RS256"] });
    this.deepLinks.push({ payload, contentItems: payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as any[] });
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><head><title>Added</title></head><body><h1 id="added">Added to the course</h1></body></html>`);
  }
}
