// Entry point: the router swaps pages in #app; each page returns its own cleanup.
import { mountAccountPage, mountAdminPage, mountSignIn, mountSignUp } from "./account-pages";
import { mountAuthoringPage, mountNewExercisePage } from "./authoring-page";
import { mountConceptPage } from "./concept-page";
import { mountCoursePage, mountCoursesPage } from "./courses-page";
import { installTestHook } from "./editor";
import { clearError } from "./error-banner";
import { mountExerciseList } from "./exercise-list";
import { mountExercisePage } from "./exercise-page";
import { h } from "./dom";
import { mountInstructorDashboard } from "./instructor-dashboard";
import { mountLearnerDashboard } from "./learner-dashboard";
import { mountTutorAnswersPage } from "./tutor-answers-page";
import { homeHref, navSection, startRouter, type Route } from "./router";
import { refreshHeader } from "./session";
import { mountSimilarityPage } from "./similarity-page";
import { mountToolsPage } from "./tools-page";
import { mountUnitPage } from "./unit-page";

function mountNotFound(container: HTMLElement): () => void {
  document.title = "Not found · Tutor";
  container.replaceChildren(
    h(
      "div",
      { className: "page" },
      h("h1", { text: "Page not found" }),
      h("p", {}, "There is nothing at this address. ", h("a", { text: "Back to the exercises", attrs: { href: homeHref } })),
    ),
  );
  return () => undefined;
}

/** aria-current on the header link of the page being shown. */
function markCurrentNav(route: Route): void {
  for (const link of document.querySelectorAll<HTMLElement>("[data-nav]")) {
    if (link.dataset.nav === navSection(route)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function start(): void {
  const container = document.getElementById("app");
  if (!container) throw new Error("index.html must contain <main id=\"app\">");
  installTestHook();
  let dispose: (() => void) | null = null;
  let first = true;
  startRouter((route: Route) => {
    dispose?.();
    clearError();
    refreshHeader();
    if (route.name === "list") dispose = mountExerciseList(container);
    else if (route.name === "exercise") dispose = mountExercisePage(container, route.set, route.slug);
    else if (route.name === "unit") dispose = mountUnitPage(container, route.set);
    else if (route.name === "tools") dispose = mountToolsPage(container);
    else if (route.name === "signin") dispose = mountSignIn(container);
    else if (route.name === "signup") dispose = mountSignUp(container);
    else if (route.name === "account") dispose = mountAccountPage(container);
    else if (route.name === "admin") dispose = mountAdminPage(container);
    else if (route.name === "dashboard") dispose = mountLearnerDashboard(container);
    else if (route.name === "courses") dispose = mountCoursesPage(container);
    else if (route.name === "course") dispose = mountCoursePage(container, route.id);
    else if (route.name === "course-dashboard") dispose = mountInstructorDashboard(container, route.id);
    else if (route.name === "course-similarity") dispose = mountSimilarityPage(container, route.id, route.exercise);
    else if (route.name === "course-answers") dispose = mountTutorAnswersPage(container, route.id);
    else if (route.name === "concept") dispose = mountConceptPage(container, route.id);
    else if (route.name === "author") dispose = mountAuthoringPage(container, route.set, route.slug);
    else if (route.name === "author-new") dispose = mountNewExercisePage(container);
    else dispose = mountNotFound(container);
    markCurrentNav(route);
    if (!first) window.scrollTo(0, 0);
    first = false;
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
