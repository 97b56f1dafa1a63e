// "#/concepts/<id>": one concept's short lesson, where the dashboards link to.
import { getConcept, isAbortError } from "./api";
import { h, setServerHtml } from "./dom";
import { showError } from "./error-banner";

export function mountConceptPage(container: HTMLElement, id: string): () => void {
  const controller = new AbortController();
  document.title = "Concept · Tutor";
  const back = h("a", { className: "back-link", text: "← Your dashboard", attrs: { href: "#/dashboard" } });
  container.replaceChildren(h("div", { className: "page page--narrow", attrs: { "aria-busy": "true" } }, back, h("p", { className: "muted", text: "Loading the lesson…" })));
  getConcept(id, controller.signal).then(
    (concept) => {
      document.title = `${concept.title} · Tutor`;
      container.replaceChildren(
        h(
          "article",
          { className: "page page--narrow concept-page", testId: "concept-page", dataset: { conceptId: concept.id } },
          back,
          h("h1", { text: concept.title, attrs: { tabindex: "-1" } }),
          // The lesson is markdown the server rendered and sanitised.
          setServerHtml(h("div", { className: "prose" }), concept.lesson.html),
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
