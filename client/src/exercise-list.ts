// "#/": the course. Its units in order, each with the learner's progress (solved out of total) and its exercise
// cards in teaching order, and a link to carry on where the learner left off. Every unit and exercise is open.
import { isAbortError, listExercises } from "./api";
import { difficultyDots, progressBadge } from "./badges";
import { h, plural } from "./dom";
import { showError } from "./error-banner";
import { exerciseHref } from "./router";
import { newExerciseLink } from "./authoring-links";
import { unitLink, unitProgressBar, unitRows } from "./path-ui";
import type { ExerciseSummary, UnitProgress } from "./types";

const DIFFICULTY_SCALE = 5; // exercise.yaml's difficulty runs from 1 to 5

export function exerciseCard(exercise: ExerciseSummary): HTMLElement {
  const link = h(
    "a",
    { className: "card", testId: "exercise-card", dataset: { exerciseId: exercise.id }, attrs: { href: exerciseHref(exercise.set, exercise.slug) } },
    h("span", { className: "card__top" }, h("span", { className: "card__title", text: exercise.title }), progressBadge(exercise.progress)),
    h("span", { className: "card__summary", text: exercise.summary }),
    h(
      "span",
      { className: "card__meta" },
      difficultyDots(exercise.difficulty, DIFFICULTY_SCALE),
      exercise.concepts.length > 0 ? h("span", { className: "card__concepts", text: exercise.concepts.join(" · ") }) : null,
    ),
  );
  return h("li", { className: "cards__item" }, link);
}

function unitSection(unit: UnitProgress, exercises: ExerciseSummary[]): HTMLElement {
  const id = `set-${unit.name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return h(
    "section",
    { className: "set", testId: "unit", dataset: { set: unit.name }, attrs: { "aria-labelledby": id } },
    h("div", { className: "set__head" }, h("h2", { className: "set__title", attrs: { id } }, unitLink(unit)), unitProgressBar(unit)),
    unit.summary ? h("p", { className: "muted set__summary", text: unit.summary }) : null,
    h("ul", { className: "cards" }, ...exercises.map(exerciseCard)),
  );
}

/** The first exercise not solved yet, in course order: where a returning learner carries on. */
function carryOn(exercises: ExerciseSummary[]): HTMLElement | null {
  const next = exercises.find((e) => !e.progress?.solved);
  if (!next) return null;
  const started = exercises.some((e) => e.progress?.solved || (e.progress?.attempts ?? 0) > 0);
  return h(
    "p",
    { className: "next-up next-up--list", testId: "continue" },
    h("span", { className: "next-up__label", text: started ? "Carry on: " : "Start here: " }),
    h("a", { className: "next-up__link", text: `${next.title} →`, attrs: { href: exerciseHref(next.set, next.slug) } }),
  );
}

export function mountExerciseList(container: HTMLElement): () => void {
  const controller = new AbortController();
  document.title = "Exercises · Tutor";
  const heading = h("h1", { text: "Exercises", attrs: { tabindex: "-1" } });
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading exercises…" }));
  container.replaceChildren(h("div", { className: "page page--list" }, heading, newExerciseLink(controller.signal), body));

  listExercises(controller.signal)
    .then(({ exercises, units }) => {
      body.removeAttribute("aria-busy");
      if (exercises.length === 0) {
        body.replaceChildren(h("p", { className: "muted", text: "No exercises are available yet." }));
        return;
      }
      const solved = exercises.filter((exercise) => exercise.progress?.solved).length;
      const intro: HTMLElement[] = [
        h(
          "p",
          { className: "muted list-summary" },
          `${plural(units.length, "unit")}, ${solved} of ${plural(exercises.length, "exercise")} solved. Every unit is open: start at the top, or jump to what you need.`,
        ),
      ];
      const carry = carryOn(exercises);
      if (carry) intro.push(carry);
      // The map of the course: every unit at a glance, before the units themselves.
      intro.push(h("nav", { className: "panel course-map", testId: "course-map", attrs: { "aria-label": "Units of the course" } }, unitRows(units)));
      body.replaceChildren(...intro, ...units.map((unit) => unitSection(unit, exercises.filter((e) => e.set === unit.name))));
    })
    .catch((error: unknown) => {
      if (isAbortError(error)) return;
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", { className: "muted", text: "The exercises could not be loaded." }));
      showError(error);
    });

  return () => controller.abort();
}
