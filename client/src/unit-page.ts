// "#/units/<set>": one unit of the course. What it teaches (its topics, and its concepts linked to their lessons),
// the learner's progress in it, where to carry on, its exercises in order, and the units before and after it.
import { getUnit, isAbortError } from "./api";
import { conceptLink } from "./course-ui";
import { h } from "./dom";
import { showError } from "./error-banner";
import { exerciseCard } from "./exercise-list";
import { nextUpLink, unitLink, unitProgressBar } from "./path-ui";
import { homeHref } from "./router";
import type { UnitDetail } from "./types";

function teaches(detail: UnitDetail): HTMLElement {
  const { topics, concepts } = detail.unit;
  return h(
    "section",
    { className: "panel unit-teaches", testId: "unit-teaches", attrs: { "aria-labelledby": "teaches-heading" } },
    h("h2", { text: "What this unit teaches", attrs: { id: "teaches-heading" } }),
    topics.length > 0 ? h("ul", { className: "unit-topics" }, ...topics.map((topic) => h("li", { testId: "unit-topic", text: topic }))) : null,
    concepts.length > 0
      ? h(
          "div",
          { className: "unit-concepts" },
          h("h3", { text: "Mistakes to watch for" }),
          h("p", { className: "muted", text: "Each has a short lesson; the tutor points to them when your code trips over one." }),
          h("ul", { className: "concept-list" }, ...concepts.map((c) => h("li", {}, c.hasLesson ? conceptLink(c.id, c.title) : h("span", { className: "tag", text: c.title })))),
        )
      : null,
  );
}

function render(detail: UnitDetail): HTMLElement[] {
  const { unit } = detail;
  const next = detail.nextUp;
  return [
    h("p", { className: "muted unit-summary", text: unit.summary }),
    unitProgressBar(unit),
    next
      ? nextUpLink(next, next.kind === "same-unit" ? (unit.solved + unit.attempted > 0 ? "Carry on" : "Start here") : "You finished this unit! Next up")
      : h("p", { className: "next-up", testId: "next-up", text: "You have solved every exercise. Well done!" }),
    teaches(detail),
    h(
      "section",
      { className: "unit-exercises", attrs: { "aria-labelledby": "unit-exercises-heading" } },
      h("h2", { text: "Exercises", attrs: { id: "unit-exercises-heading" } }),
      h("ul", { className: "cards" }, ...detail.exercises.map(exerciseCard)),
    ),
    h(
      "nav",
      { className: "unit-nav", attrs: { "aria-label": "Other units" } },
      detail.previous ? h("span", {}, "← ", unitLink(detail.previous)) : h("span", {}),
      detail.next ? h("span", {}, unitLink(detail.next), " →") : null,
    ),
  ].filter((x): x is HTMLElement => x !== null);
}

export function mountUnitPage(container: HTMLElement, name: string): () => void {
  const controller = new AbortController();
  document.title = "Unit · Tutor";
  const back = h("a", { className: "back-link", text: "← All units", attrs: { href: homeHref } });
  const heading = h("h1", { text: "Loading the unit…", attrs: { tabindex: "-1" } });
  const body = h("div", { attrs: { "aria-busy": "true" } });
  container.replaceChildren(h("div", { className: "page unit-page", testId: "unit-page", dataset: { unit: name } }, back, heading, body));
  getUnit(name, controller.signal).then(
    (detail) => {
      document.title = `${detail.unit.title} · Tutor`;
      heading.textContent = detail.unit.title;
      body.removeAttribute("aria-busy");
      body.replaceChildren(...render(detail));
    },
    (error: unknown) => {
      if (isAbortError(error)) return;
      heading.textContent = "Unit not found";
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", { className: "muted", text: error instanceof Error ? error.message : "" }));
      showError(error);
    },
  );
  return () => controller.abort();
}
