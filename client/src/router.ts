// Hash routes: "#/" is the exercise list, "#/exercises/<set>/<slug>" an exercise page, "#/tools" the Tools page.

export type Route =
  | { name: "list" }
  | { name: "exercise"; set: string; slug: string }
  | { name: "tools" }
  | { name: "not-found"; hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "");
  if (path === "" || path === "/") return { name: "list" };
  if (path === "/tools" || path === "/tools/") return { name: "tools" };
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

export const homeHref = "#/";
export const toolsHref = "#/tools";

/** Calls `render` now and on every hash change. */
export function startRouter(render: (route: Route) => void): void {
  const go = () => render(parseRoute(window.location.hash));
  window.addEventListener("hashchange", go);
  go();
}
