// "#/concepts/<id>": one concept's short lesson, where the dashboards and the tutor link to, and the course's
// exercises that practise it.
import { getConcept, getConceptExercises, isAbortError } from "./api";
import { h, setServerHtml } from "./dom";
import { showError } from "./error-banner";
import { exerciseIdHref } from "./course-ui";
import type { PractiseExercise } from "./types";

function practiseSection(exercises: PractiseExercise[]): HTMLElement {
  return h(
    "section",
    { className: "panel practise", testId: "practise", attrs: { "aria-labelledby": "practise-heading" } },
    h("h2", { text: "Practise it", attrs: { id: "practise-heading" } }),
    exercises.length === 0
      ? h("p", { className: "muted", text: "No exercise practises this concept yet." })
      : h(
          "ul",
          { className: "practise__list" },
          ...exercises.map((e) =>
            h(
              "li",
              { testId: "practise-exercise", dataset: { exerciseId: e.id, solved: String(e.solved) } },
              h("a", { text: e.title, attrs: { href: exerciseIdHref(e.id) } }),
              h("span", { className: "muted", text: ` · ${e.unit.title}` }),
              e.solved ? h("span", { className: "progress-badge progress-badge--solved practise__solved", text: "✓ Solved" }) : null,
            ),
          ),
        ),
  );
}

export function mountConceptPage(container: HTMLElement, id: string): () => void {
  const controller = new AbortController();
  document.title = "Concept · Tutor";
  const back = h("a", { className: "back-link", text: "← Your dashboard", attrs: { href: "#/dashboard" } });
  container.replaceChildren(h("div", { className: "page page--narrow", attrs: { "aria-busy": "true" } }, back, h("p", { className: "muted", text: "Loading the lesson…" })));
  Promise.all([getConcept(id, controller.signal), getConceptExercises(id, controller.signal)]).then(
    ([concept, exercises]) => {
      document.title = `${concept.title} · Tutor`;
      container.replaceChildren(
        h(
          "article",
          { className: "page page--narrow concept-page", testId: "concept-page", dataset: { conceptId: concept.id } },
          back,
          h("h1", { text: concept.title, attrs: { tabindex: "-1" } }),
          // The lesson is markdown the server rendered and sanitised.
          setServerHtml(h("div", { className: "prose" }), concept.lesson.html),
          practiseSection(exercises),
        ),
      );
    },
    (error: unknown) => {
      if (isAbortError(error)) return;
      container.replaceChildren(h("div", { className: "page page--narrow" }, back, h("h1", { text: "Lesson not found" }), h("p", { className: "muted", text: error instanceof Error ? error.message : "" })));
      showError(error);
    },
  );
  return () => controller.abort();
}
