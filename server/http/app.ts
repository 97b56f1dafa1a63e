// The web application: the JSON API under /api, the built client as static files, one error handler.
import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import { identify, requireSameOriginAndCsrf } from "../auth/identity";
import { readCookie } from "../auth/tokens";
import { FRAME_COOKIE, frameAncestors, framingOrigins } from "../lti/framing";
import { PlatformKeys } from "../lti/platform-keys";
import { ltiAdminRoutes } from "./lti-admin-routes";
import { ltiCourseRoutes } from "./lti-course-routes";
import { ltiEndpoints } from "./lti-endpoints";
import { authRoutes, type RateLimits } from "./auth-routes";
import { courseRoutes } from "./course-routes";
import { authoringRoutes } from "./authoring-routes";
import type { AuthoringService } from "../authoring/service";
import { errorHandler, HttpError } from "./errors";
import { exerciseRoutes, type RouteDeps } from "./exercise-routes";
import { pathRoutes } from "./path-routes";
import { progressRoutes } from "./progress-routes";
import { tutorRoutes } from "./tutor-routes";
import type { TutorService } from "../tutor/service";
import { traceRoutes } from "./trace-routes";
import type { TraceService } from "../trace/service";

const CLIENT_DIR = path.resolve(__dirname, "../../client/dist");

export interface AppOptions extends RouteDeps {
  tutor: TutorService;
  traces: TraceService;
  authoring: AuthoringService;
  secureCookies: boolean;
  trustProxy: string | number | boolean;
  rateLimits: RateLimits;
  log: (line: string) => void;
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // The client's address (for per-address rate limits) comes from X-Forwarded-For only through trusted proxies.
  app.set("trust proxy", options.trustProxy);
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    // Framing is refused, except by the LMS an LTI launch came from (server/lti/framing.ts).
    const framers = framingOrigins(readCookie(req.headers.cookie, FRAME_COOKIE));
    if (framers.length === 0) res.setHeader("X-Frame-Options", "DENY");
    res.setHeader(
      "Content-Security-Policy",
      `default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors ${frameAncestors(framers)}`,
    );
    next();
  });

  app.get("/api/health", (_req, res) => {
    res.json({ ok: true });
  });
  // The body limit sits above the source limit so that an oversized file gets the clearer message of the route.
  app.use(
    "/api",
    identify(options.db, options.secureCookies),
    requireSameOriginAndCsrf,
    express.json({ limit: "1mb" }),
    authRoutes(options.db, options.rateLimits, options.secureCookies),
    exerciseRoutes(options),
    tutorRoutes(options.tutor, options.db),
    traceRoutes(options.traces),
    progressRoutes(options),
    pathRoutes(options),
    courseRoutes(options),
    authoringRoutes(options.authoring),
    ltiAdminRoutes(options.db),
    ltiCourseRoutes(options.db),
  );
  app.use("/lti", ltiEndpoints({ db: options.db, catalog: options.catalog, keys: new PlatformKeys(), log: options.log }));
  app.use("/api", (_req, _res, next) => next(new HttpError(404, "not-found", "There is no such API route. See docs/api.md.")));

  if (existsSync(CLIENT_DIR)) app.use(express.static(CLIENT_DIR, { index: "index.html", maxAge: "1h" }));
  else app.get("/", (_req, res) => void res.status(503).send("The web client is not built: run `npm run build:client`."));

  app.use(errorHandler(options.log));
  return app;
}
