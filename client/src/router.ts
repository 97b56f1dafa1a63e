// Hash routes: "#/" is the exercise list (the course's units), "#/units/<set>" a unit's page, "#/exercises/<set>/<slug>"
// an exercise page, "#/tools" the Tools page.

export type Route =
  | { name: "list" }
  | { name: "exercise"; set: string; slug: string }
  | { name: "unit"; set: string }
  | { name: "tools" }
  | { name: "signin" }
  | { name: "signup" }
  | { name: "account" }
  | { name: "admin" }
  | { name: "dashboard" }
  | { name: "courses" }
  | { name: "course"; id: string }
  | { name: "course-dashboard"; id: string }
  | { name: "course-similarity"; id: string; exercise: { set: string; slug: string } | null }
  | { name: "course-answers"; id: string }
  | { name: "concept"; id: string }
  | { name: "author"; set: string; slug: string }
  | { name: "author-new" }
  | { name: "not-found"; hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "");
  if (path === "" || path === "/") return { name: "list" };
  if (path === "/tools" || path === "/tools/") return { name: "tools" };
  const classroom = parseClassroomRoute(path);
  if (classroom) return classroom;
  const authoring = parseAuthoringRoute(path);
  if (authoring) return authoring;
  const unit = /^\/units\/([^/]+)\/?$/.exec(path);
  if (unit?.[1]) {
    try {
      return { name: "unit", set: decodeURIComponent(unit[1]) };
    } catch {
      return { name: "not-found", hash };
    }
  }
  const match = /^\/exercises\/([^/]+)\/([^/]+)\/?$/.exec(path);
  if (match && match[1] && match[2]) {
    try {
      return { name: "exercise", set: decodeURIComponent(match[1]), slug: decodeURIComponent(match[2]) };
    } catch {
      return { name: "not-found", hash };
    }
  }
  return { name: "not-found", hash };
}

export function exerciseHref(set: string, slug: string): string {
  return `#/exercises/${encodeURIComponent(set)}/${encodeURIComponent(slug)}`;
}

export function unitHref(set: string): string {
  return `#/units/${encodeURIComponent(set)}`;
}

export const homeHref = "#/";
export const toolsHref = "#/tools";

/** Calls `render` now and on every hash change. */
export function startRouter(render: (route: Route) => void): void {
  const go = () => render(parseRoute(window.location.hash));
  window.addEventListener("hashchange", go);
  go();
}

// ---- Accounts, courses and dashboards ----------------------------------------------------------------------

const simplePages = { "/signin": "signin", "/signup": "signup", "/account": "account", "/admin": "admin", "/dashboard": "dashboard", "/courses": "courses" } as const;

/**
 * "#/signin", "#/signup", "#/account", "#/admin", "#/dashboard", "#/courses", "#/courses/<id>[/dashboard|/answers]",
 * "#/courses/<id>/similarity[/<set>/<slug>]", "#/concepts/<id>".
 */
function parseClassroomRoute(path: string): Route | null {
  const trimmed = path.replace(/\/$/, "");
  if (Object.hasOwn(simplePages, trimmed)) return { name: simplePages[trimmed as keyof typeof simplePages] };
  const course = /^\/courses\/([^/]+)(\/dashboard|\/answers)?$/.exec(trimmed);
  const similarity = /^\/courses\/([^/]+)\/similarity(?:\/([^/]+)\/([^/]+))?$/.exec(trimmed);
  const concept = /^\/concepts\/([^/]+)$/.exec(trimmed);
  try {
    if (similarity?.[1]) {
      const exercise = similarity[2] && similarity[3] ? { set: decodeURIComponent(similarity[2]), slug: decodeURIComponent(similarity[3]) } : null;
      return { name: "course-similarity", id: decodeURIComponent(similarity[1]), exercise };
    }
    if (course?.[1]) return { name: course[2] === "/dashboard" ? "course-dashboard" : course[2] === "/answers" ? "course-answers" : "course", id: decodeURIComponent(course[1]) };
    if (concept?.[1]) return { name: "concept", id: decodeURIComponent(concept[1]) };
  } catch {
    return null;
  }
  return null;
}

export const courseHref = (id: string) => `#/courses/${encodeURIComponent(id)}`;
export const courseDashboardHref = (id: string) => `#/courses/${encodeURIComponent(id)}/dashboard`;
export const courseSimilarityHref = (id: string, set?: string, slug?: string) =>
  `#/courses/${encodeURIComponent(id)}/similarity${set && slug ? `/${encodeURIComponent(set)}/${encodeURIComponent(slug)}` : ""}`;
export const courseAnswersHref = (id: string) => `#/courses/${encodeURIComponent(id)}/answers`;
export const conceptHref = (id: string) => `#/concepts/${encodeURIComponent(id)}`;

/** Which header link a page belongs under (a course page is under "Courses"). */
export function navSection(route: Route): string {
  if (route.name === "course" || route.name === "course-dashboard" || route.name === "course-similarity" || route.name === "course-answers") return "courses";
  if (route.name === "concept") return "dashboard";
  if (route.name === "unit") return "list";
  return route.name;
}

// ---- Authoring (instructors) -------------------------------------------------------------------------------

/** "#/author/new" and "#/author/<set>/<slug>". */
function parseAuthoringRoute(path: string): Route | null {
  const trimmed = path.replace(/\/$/, "");
  if (trimmed === "/author/new") return { name: "author-new" };
  const match = /^\/author\/([^/]+)\/([^/]+)$/.exec(trimmed);
  try {
    if (match?.[1] && match[2]) return { name: "author", set: decodeURIComponent(match[1]), slug: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
  return null;
}

export const authorHref = (set: string, slug: string) => `#/author/${encodeURIComponent(set)}/${encodeURIComponent(slug)}`;
export const newExerciseHref = "#/author/new";
