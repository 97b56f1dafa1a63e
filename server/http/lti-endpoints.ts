// The LTI 1.3 endpoints a learning platform calls under /lti (docs/lti.md): the tool's JWKS, the OIDC login
// initiation, the launch, and the deep linking picker's answer. They speak HTML forms, not JSON (so they are not
// *-routes.ts), because the platform drives the browser with redirects and form posts inside its iframe. A refusal is
// an HTML page saying what happened and what to do. The work is in server/lti/.
import { createHash } from "node:crypto";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { identityFromCookies, SESSION_COOKIE } from "../auth/identity";
import { SESSION_TTL_MS, startSession } from "../auth/sessions";
import { hashToken, readCookie } from "../auth/tokens";
import type { Database } from "../database/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { LaunchTarget } from "../lti/claims";
import { acceptsResourceLinks, deepLinkingResponse, pickerRequestToken, pickerSets, targetTitle } from "../lti/deep-linking";
import { FRAME_COOKIE, frameCookieValue } from "../lti/framing";
import { beginLogin, completeLaunch, LOGIN_STATE_TTL_MS } from "../lti/launch";
import { AUTO_SUBMIT_SCRIPT, autoPostPage, pickerPage, refusalPage } from "../lti/pages";
import type { PlatformKeys } from "../lti/platform-keys";
import { LtiRefusal } from "../lti/refusal";
import { publishedToolKeys } from "../lti/tool-keys";

export interface LtiRouteDeps {
  db: Database;
  catalog: ExerciseCatalog;
  keys: PlatformKeys;
  log: (line: string) => void;
}

/**
 * Launch cookies must reach us inside the LMS's iframe and on the platform's cross-site form post back, so they are
 * SameSite=None, which browsers accept only with Secure (HTTPS; Chromium also allows it on http://localhost and
 * 127.0.0.1), and Partitioned (CHIPS), so that browsers that block third-party cookies keep them for this LMS.
 */
const launchCookie = (maxAge: number, path = "/") => ({ httpOnly: true, sameSite: "none" as const, secure: true, partitioned: true, maxAge, path });

/** One cookie per login in flight, named after its state, so two launches in one page do not overwrite each other. */
const stateCookieName = (state: string) => `tutor_lti_state_${hashToken(state).slice(0, 16)}`;

const AUTO_SUBMIT_HASH = createHash("sha256").update(AUTO_SUBMIT_SCRIPT).digest("base64");
/** LTI pages are shown inside any LMS's frame; their only script is the auto-submit line. */
const LTI_PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${AUTO_SUBMIT_HASH}'; base-uri 'none'; frame-ancestors *`;

function sendPage(res: Response, status: number, html: string) {
  res.removeHeader("X-Frame-Options");
  res.setHeader("Content-Security-Policy", LTI_PAGE_CSP);
  res.setHeader("Cache-Control", "no-store");
  res.status(status).type("html").send(html);
}

/** Where this Tutor is, as the browser reached it (behind a proxy, from X-Forwarded-Proto through "trust proxy"). */
export const toolOrigin = (req: Request) => `${req.protocol}://${req.get("host")}`;

function landingFor(target: LaunchTarget | null, courseId: string | null): string {
  if (target?.kind === "exercise") {
    const [set, slug] = target.id.split("/");
    return `/#/exercises/${encodeURIComponent(set!)}/${encodeURIComponent(slug!)}`;
  }
  if (target?.kind === "set") return `/#/units/${encodeURIComponent(target.id)}`;
  if (courseId) return `/#/courses/${encodeURIComponent(courseId)}`;
  return "/";
}

export function ltiEndpoints({ db, catalog, keys, log }: LtiRouteDeps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: "200kb" }));

  router.get("/jwks", async (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.json(await publishedToolKeys(db));
  });

  const login = async (req: Request, res: Response) => {
    const params = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
    const { location, state } = await beginLogin(db, params, `${toolOrigin(req)}/lti/launch`);
    res.cookie(stateCookieName(state), state, launchCookie(LOGIN_STATE_TTL_MS, "/lti"));
    res.setHeader("Cache-Control", "no-store");
    res.redirect(302, location);
  };
  router.get("/login", login);
  router.post("/login", login);

  router.post("/launch", async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const state = typeof body.state === "string" ? body.state : "";
    const cookieName = stateCookieName(state);
    res.clearCookie(cookieName, { ...launchCookie(0, "/lti"), maxAge: undefined });
    const { launch, platform, provisioned } = await completeLaunch(
      db,
      keys,
      { idToken: body.id_token, state: body.state, cookieState: readCookie(req.headers.cookie, cookieName) },
      (target) => targetTitle(catalog, target) !== null,
    );
    const token = await startSession(db, provisioned.userId);
    res.cookie(SESSION_COOKIE, token, launchCookie(SESSION_TTL_MS));
    const framers = frameCookieValue([...launch.frameOrigins, new URL(platform.issuer).origin, new URL(platform.authLoginUrl).origin]);
    res.cookie(FRAME_COOKIE, framers, launchCookie(SESSION_TTL_MS));
    if (launch.kind === "deep-linking") {
      if (!acceptsResourceLinks(launch)) {
        throw new LtiRefusal("unsupported-message", "The platform's deep linking request does not accept LTI resource links, the only kind of content this tool offers.");
      }
      const requestToken = await pickerRequestToken(db, provisioned.userId, platform, launch);
      return sendPage(res, 200, pickerPage(pickerSets(catalog), requestToken, launch.context?.title ?? null));
    }
    res.setHeader("Cache-Control", "no-store");
    res.redirect(303, landingFor(launch.target, provisioned.courseId));
  });

  router.post("/deep-link", async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const identity = await identityFromCookies(db, req.headers.cookie);
    if (!identity?.signedIn || typeof body.request !== "string" || typeof body.target !== "string") {
      throw new LtiRefusal("deep-link-expired", "The choice came without the instructor's session or without its request: open the picker again from the platform.");
    }
    const response = await deepLinkingResponse(db, catalog, {
      requestToken: body.request,
      target: body.target,
      title: typeof body.title === "string" ? body.title : undefined,
      userId: identity.user.id,
      toolOrigin: toolOrigin(req),
    });
    sendPage(res, 200, autoPostPage("Adding the link to your course", response.returnUrl, { JWT: response.jwt }));
  });

  router.use((_req, _res, next) => next(new LtiRefusal("no-such-endpoint", "This address is not one of Tutor's LTI endpoints: the registration in the platform has a wrong URL.")));
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof LtiRefusal) return sendPage(res, err.status, refusalPage(err));
    log(`LTI: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    sendPage(res, 500, refusalPage(new LtiRefusal("internal", "The launch could not be completed because of an error in Tutor.")));
  });
  return router;
}
