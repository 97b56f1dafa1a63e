// "#/courses/<id>/answers": what the tutor told the course's learners, for its instructors. Newest first, a page at
// a time, filtered by exercise, engine and rating; each answer shows who asked, about which exercise, what the
// tutor said (sanitised on the server), the learner's rating and comment, and the code the answer was about.
import { getCourse, getCourseTutorAnswers, isAbortError } from "./api";
import { exerciseIdHref, formatDateTime } from "./course-ui";
import { h, plural, setServerHtml } from "./dom";
import { showError } from "./error-banner";
import { courseDashboardHref, courseHref } from "./router";
import { accountName } from "./session";
import { engineLabel } from "./tutor-ui";
import type { CourseTutorAnswer, CourseTutorAnswers } from "./types";

const kindWords: Record<string, string> = {
  explanation: "Explanation of a failure",
  hint: "Hint",
  review: "Review",
  "explain-function": "Explain this function",
  docstrings: "Docstrings",
  tests: "Generated tests",
};

function kindText(answer: CourseTutorAnswer): string {
  const word = kindWords[answer.kind] ?? answer.kind;
  return answer.kind === "hint" && answer.level ? `${word} ${answer.level}` : word;
}

function ratingLine(answer: CourseTutorAnswer): HTMLElement {
  if (!answer.rating) return h("span", { className: "answer-card__rating", testId: "answer-rating", dataset: { rating: "unrated" }, text: "Not rated" });
  const helpful = answer.rating.helpful;
  return h("span", {
    className: `answer-card__rating answer-card__rating--${helpful ? "helpful" : "not-helpful"}`,
    testId: "answer-rating",
    dataset: { rating: helpful ? "helpful" : "not-helpful" },
    text: helpful ? "✓ Rated helpful" : "✗ Rated not helpful",
  });
}

function codeBlock(answer: CourseTutorAnswer): HTMLElement {
  if (answer.code === null) return h("p", { className: "muted", testId: "answer-code-missing", text: "The code this answer was about was not kept: it was asked before the tutor started keeping pasted code." });
  const label = answer.codeSource === "submission" ? "The submission it was about" : "The code the learner pasted";
  return h("details", { className: "answer-card__code" }, h("summary", { text: label }), h("pre", { testId: "answer-code", text: answer.code }));
}

function answerCard(answer: CourseTutorAnswer, index: number): HTMLElement {
  const headingId = `answer-${index}`;
  const exercise = answer.exercise ? h("a", { text: answer.exercise.title, attrs: { href: exerciseIdHref(answer.exercise.id) } }) : h("span", { text: "Explain code page" });
  return h(
    "li",
    {},
    h(
      "article",
      { className: "answer-card", testId: "answer-card", dataset: { answerId: answer.id, kind: answer.kind, engine: answer.engine }, attrs: { "aria-labelledby": headingId } },
      h("h2", { className: "answer-card__title", attrs: { id: headingId } }, `${accountName(answer.learner)} · `, exercise),
      h(
        "p",
        { className: "answer-card__meta" },
        h("span", { text: kindText(answer) }),
        h("span", { text: engineLabel(answer.engine) }),
        h("time", { text: formatDateTime(answer.at), attrs: { datetime: answer.at } }),
        ratingLine(answer),
      ),
      answer.rating?.comment ? h("blockquote", { className: "answer-card__comment", testId: "answer-comment", text: answer.rating.comment }) : null,
      setServerHtml(h("div", { className: "prose answer-card__text", testId: "answer-text" }), answer.text.html),
      answer.note ? h("p", { className: "muted", text: answer.note }) : null,
      codeBlock(answer),
    ),
  );
}

function select(label: string, name: string, options: [string, string][], testId: string): { field: HTMLElement; input: HTMLSelectElement } {
  const input = h("select", { testId, attrs: { name } }, ...options.map(([value, text]) => h("option", { text, attrs: { value } })));
  return { field: h("label", {}, label, input), input };
}

export function mountTutorAnswersPage(container: HTMLElement, courseId: string): () => void {
  const controller = new AbortController();
  document.title = "The tutor's answers · Tutor";
  let page = 1;
  const heading = h("h1", { text: "The tutor's answers", attrs: { tabindex: "-1" } });
  const exercise = select("Exercise", "exercise", [["", "All exercises"]], "filter-exercise");
  const engine = select("Engine", "engine", [["", "Both"], ["offline", engineLabel("offline")], ["model", engineLabel("model")]], "filter-engine");
  const rating = select("Rating", "rating", [["", "Any"], ["helpful", "Helpful"], ["not-helpful", "Not helpful"], ["unrated", "Not rated"]], "filter-rating");
  const filters = h("form", { className: "answers-filters", testId: "answers-filters", attrs: { "aria-label": "Filter the answers" } }, exercise.field, engine.field, rating.field, h("button", { className: "button", text: "Show", attrs: { type: "submit" } }));
  const count = h("p", { className: "muted", testId: "answers-count", attrs: { role: "status", "aria-live": "polite" } });
  const list = h("ol", { className: "answers-list", testId: "answers-list", attrs: { "aria-label": "Answers, newest first" } });
  const previous = h("button", { className: "button", testId: "answers-previous", text: "← Newer", attrs: { type: "button" } });
  const next = h("button", { className: "button", testId: "answers-next", text: "Older →", attrs: { type: "button" } });
  const pageLabel = h("span", { className: "muted", testId: "answers-page" });
  container.replaceChildren(
    h(
      "div",
      { className: "page", testId: "tutor-answers-page" },
      h("a", { className: "back-link", text: "← Class dashboard", attrs: { href: courseDashboardHref(courseId) } }),
      h("div", { className: "page-head" }, heading),
      h("p", { className: "muted", text: "Everything the tutor told this course's learners, with their ratings. Read them regularly: the not-helpful ones say where the tutor, or the exercise, needs work." }),
      filters,
      count,
      list,
      h("nav", { className: "answers-pages", attrs: { "aria-label": "Pages" } }, previous, pageLabel, next),
    ),
  );

  let exercisesShown = false;
  const render = (data: CourseTutorAnswers) => {
    if (!exercisesShown) {
      exercise.input.append(...data.exercises.map((e) => h("option", { text: e.title, attrs: { value: e.id } })));
      exercisesShown = true;
    }
    count.textContent = data.total === 0 ? "No answers match." : `${plural(data.total, "answer")} · page ${data.page} of ${data.pageCount}`;
    list.replaceChildren(...data.answers.map((a, i) => answerCard(a, i)));
    pageLabel.textContent = `Page ${data.page} of ${data.pageCount}`;
    previous.disabled = data.page <= 1;
    next.disabled = data.page >= data.pageCount;
  };
  const load = async () => {
    list.setAttribute("aria-busy", "true");
    try {
      render(await getCourseTutorAnswers(courseId, { exercise: exercise.input.value, engine: engine.input.value, rating: rating.input.value, page }, controller.signal));
    } catch (error) {
      if (isAbortError(error)) return;
      count.textContent = "The answers could not be loaded.";
      showError(error);
    } finally {
      list.removeAttribute("aria-busy");
    }
  };
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    page = 1;
    void load();
  });
  previous.addEventListener("click", () => {
    page = Math.max(1, page - 1);
    void load();
  });
  next.addEventListener("click", () => {
    page += 1;
    void load();
  });

  getCourse(courseId, controller.signal).then(
    (course) => {
      heading.textContent = `${course.name}: the tutor's answers`;
      document.title = `${course.name} · The tutor's answers · Tutor`;
    },
    () => undefined, // The answers request reports the same refusal.
  );
  void load();
  return () => controller.abort();
}
