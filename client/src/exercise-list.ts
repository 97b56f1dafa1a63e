// "#/": exercise cards grouped by set, in teaching order.
import { isAbortError, listExercises } from "./api";
import { difficultyDots, progressBadge } from "./badges";
import { h, plural } from "./dom";
import { showError } from "./error-banner";
import { exerciseHref } from "./router";
import { newExerciseLink } from "./authoring-links";
import type { ExerciseSummary } from "./types";

function titleCase(name: string): string {
  return name.replace(/[-_]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
}

function card(exercise: ExerciseSummary, scale: number): HTMLElement {
  const link = h(
    "a",
    { className: "card", testId: "exercise-card", dataset: { exerciseId: exercise.id }, attrs: { href: exerciseHref(exercise.set, exercise.slug) } },
    h("span", { className: "card__top" }, h("span", { className: "card__title", text: exercise.title }), progressBadge(exercise.progress)),
    h("span", { className: "card__summary", text: exercise.summary }),
    h(
      "span",
      { className: "card__meta" },
      difficultyDots(exercise.difficulty, scale),
      exercise.concepts.length > 0 ? h("span", { className: "card__concepts", text: exercise.concepts.join(" · ") }) : null,
    ),
  );
  return h("li", { className: "cards__item" }, link);
}

export function mountExerciseList(container: HTMLElement): () => void {
  const controller = new AbortController();
  document.title = "Exercises · Tutor";
  const heading = h("h1", { text: "Exercises", attrs: { tabindex: "-1" } });
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading exercises…" }));
  container.replaceChildren(h("div", { className: "page page--list" }, heading, newExerciseLink(controller.signal), body));

  listExercises(controller.signal)
    .then((exercises) => {
      body.removeAttribute("aria-busy");
      if (exercises.length === 0) {
        body.replaceChildren(h("p", { className: "muted", text: "No exercises are available yet." }));
        return;
      }
      const solved = exercises.filter((exercise) => exercise.progress?.solved).length;
      const scale = 5; // exercise.yaml's difficulty runs from 1 to 5
      const groups = new Map<string, ExerciseSummary[]>();
      for (const exercise of exercises) {
        const group = groups.get(exercise.set) ?? [];
        group.push(exercise);
        groups.set(exercise.set, group);
      }
      body.replaceChildren(
        h("p", { className: "muted list-summary", text: `${solved} of ${plural(exercises.length, "exercise")} solved` }),
        ...[...groups].map(([set, items]) => {
          const id = `set-${set.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
          return h(
            "section",
            { className: "set", dataset: { set }, attrs: { "aria-labelledby": id } },
            h("h2", { className: "set__title", text: titleCase(set), attrs: { id } }),
            h("ul", { className: "cards" }, ...items.map((exercise) => card(exercise, scale))),
          );
        }),
      );
    })
    .catch((error: unknown) => {
      if (isAbortError(error)) return;
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", { className: "muted", text: "The exercises could not be loaded." }));
      showError(error);
    });

  return () => controller.abort();
}
