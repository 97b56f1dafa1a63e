// "#/dashboard": a learner's own progress: counts, streak, the last four weeks, the concepts practised and the
// ones that keep tripping them up (each linking to its lesson), what to try next and what is due soon.
import { getLearnerDashboard, isAbortError } from "./api";
import { activityChart } from "./charts";
import { conceptLink, dueLabel, exerciseIdHref, statTile } from "./course-ui";
import { h, plural } from "./dom";
import { showError } from "./error-banner";
import { unitRows } from "./path-ui";
import { courseHref } from "./router";
import { accountName, currentAccount } from "./session";
import type { Account, LearnerDashboard } from "./types";

function conceptsSection(dashboard: LearnerDashboard): HTMLElement {
  const { practised, tripping } = dashboard.concepts;
  return h(
    "div",
    { className: "dashboard-grid" },
    h(
      "section",
      { className: "panel", testId: "concepts-tripping", attrs: { "aria-labelledby": "tripping-heading" } },
      h("h2", { text: "Concepts tripping you up", attrs: { id: "tripping-heading" } }),
      tripping.length === 0
        ? h("p", { className: "muted", text: "Nothing right now. When the tutor explains a failure, its concepts show up here until you get past them." })
        : h("ul", { className: "concept-list" }, ...tripping.map((c) => h("li", {}, conceptLink(c.id, c.title, `${plural(c.failures, "failure")}`)))),
    ),
    h(
      "section",
      { className: "panel", testId: "concepts-practised", attrs: { "aria-labelledby": "practised-heading" } },
      h("h2", { text: "Concepts practised", attrs: { id: "practised-heading" } }),
      practised.length === 0
        ? h("p", { className: "muted", text: "Solve an exercise to see the concepts it practised." })
        : h("ul", { className: "concept-list concept-list--practised" }, ...practised.map((c) => h("li", {}, conceptLink(c.id, c.title, `× ${c.count}`)))),
    ),
  );
}

function nextSection(dashboard: LearnerDashboard): HTMLElement {
  return h(
    "section",
    { className: "panel next", testId: "next", attrs: { "aria-labelledby": "next-heading" } },
    h("h2", { text: "What to try next", attrs: { id: "next-heading" } }),
    dashboard.next.length === 0
      ? h("p", { className: "muted", text: "You have solved everything available. Well done!" })
      : h(
          "ol",
          { className: "next__list" },
          ...dashboard.next.map((n) =>
            h("li", { testId: "next-item", dataset: { exerciseId: n.id } }, h("a", { className: "next__title", text: n.title, attrs: { href: exerciseIdHref(n.id) } }), h("span", { className: "muted next__reason", text: n.reason })),
          ),
        ),
  );
}

/** Every unit of the course with the learner's progress in it, each linking to the unit's page. */
function unitsSection(dashboard: LearnerDashboard): HTMLElement | null {
  if (dashboard.units.length === 0) return null;
  return h(
    "section",
    { className: "panel", testId: "units-progress", attrs: { "aria-labelledby": "units-heading" } },
    h("h2", { text: "Your path through the course", attrs: { id: "units-heading" } }),
    unitRows(dashboard.units),
  );
}

function coursesSection(dashboard: LearnerDashboard): HTMLElement | null {
  if (dashboard.courses.length === 0) return null;
  return h(
    "section",
    { className: "panel", testId: "due-soon", attrs: { "aria-labelledby": "due-heading" } },
    h("h2", { text: "Your courses", attrs: { id: "due-heading" } }),
    h(
      "ul",
      { className: "due-list" },
      ...dashboard.courses.map((course) =>
        h(
          "li",
          {},
          h("a", { text: course.name, attrs: { href: courseHref(course.id) } }),
          course.assignments.length === 0
            ? h("span", { className: "muted", text: " · nothing due soon" })
            : h("ul", {}, ...course.assignments.map((a) => h("li", {}, `${a.title} · `, dueLabel(a.dueAt, a.extended)))),
        ),
      ),
    ),
  );
}

function render(account: Account, dashboard: LearnerDashboard): HTMLElement[] {
  const streak = dashboard.streakDays;
  return [
    account.signedIn
      ? null
      : h("p", { className: "notice", testId: "anonymous-note" }, "You are not signed in: this progress lives in this browser only. ", h("a", { text: "Sign up", attrs: { href: "#/signup" } }), " to keep it and join a course."),
    h(
      "div",
      { className: "stats", testId: "learner-stats" },
      statTile(String(dashboard.solvedCount), "exercises solved", "stat-solved"),
      statTile(String(dashboard.attemptedCount), "attempted, not solved yet", "stat-attempted"),
      statTile(String(streak), streak === 1 ? "day in a row with a submission" : "days in a row with a submission", "stat-streak"),
    ),
    h(
      "div",
      { className: "dashboard-grid dashboard-grid--wide" },
      h("section", { className: "panel" }, activityChart({ title: "Your last four weeks", testId: "activity-chart", emptyText: "No submissions in the last four weeks yet." }, dashboard.activity)),
      nextSection(dashboard),
    ),
    unitsSection(dashboard),
    conceptsSection(dashboard),
    coursesSection(dashboard),
  ].filter((x): x is HTMLElement => x !== null);
}

export function mountLearnerDashboard(container: HTMLElement): () => void {
  const controller = new AbortController();
  document.title = "Dashboard · Tutor";
  const heading = h("h1", { text: "Your progress", attrs: { tabindex: "-1" } });
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading your progress…" }));
  container.replaceChildren(h("div", { className: "page", testId: "learner-dashboard" }, heading, body));
  Promise.all([currentAccount(), getLearnerDashboard(controller.signal)]).then(
    ([account, dashboard]) => {
      if (account.signedIn) heading.textContent = `${accountName(account)}'s progress`;
      body.removeAttribute("aria-busy");
      body.replaceChildren(...render(account, dashboard));
    },
    (error: unknown) => {
      if (isAbortError(error)) return;
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", { className: "muted", text: "Your progress could not be loaded." }));
      showError(error);
    },
  );
  return () => controller.abort();
}
