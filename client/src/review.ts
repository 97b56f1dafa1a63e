// The tutor's review of working code: what a good teacher still says once every test passes ("use JSON here",
// "loop with `enumerate`", "well done using `with`"). One renderer (`renderReview`) draws the suggestions for both
// places that show them: the Review section under a passing submission on the exercise page (`ReviewSection`)
// and the Review tool of the Explain code page. The code works, so nothing here says it is wrong: each suggestion
// is something to try, with its lesson and a before/after example behind a disclosure.
import { ApiError, getReview, isAbortError } from "./api";
import { h, plural, setServerHtml, textWithCode } from "./dom";
import { subscribeTutor } from "./live";
import { ratingControl } from "./rating";
import { engineLabel, noteLine, WorkingLine } from "./tutor-ui";
import type { Review, ReviewSeverity, ReviewSuggestion, SubmissionView } from "./types";

/** Suggestions shown before "Show N more": a few ideas at once are easier to take in than a list. */
export const SHOWN_AT_FIRST = 3;

/** A severity in words (the colour only repeats them). */
export const severityWords: Record<ReviewSeverity, string> = { essential: "Essential", actionable: "Suggestion", celebratory: "Well done" };
const severityIcon: Record<ReviewSeverity, string> = { essential: "!", actionable: "➜", celebratory: "★" };
const severityHelp: Record<ReviewSeverity, string> = {
  essential: "Worth changing first: the tests pass, but other input could trip this up.",
  actionable: "An idea that would make the code clearer or more like everyday Python.",
  celebratory: "Something this code already does well.",
};

/** The review's progress events (`tutor:progress` with this stage) share a submission's id with its feedback's. */
export const REVIEW_STAGE = "reviewing";

/** A severity label: an icon for the eye, the word for everyone. */
export function severityLabel(severity: ReviewSeverity): HTMLElement {
  return h(
    "span",
    { className: `severity severity--${severity}`, testId: "review-severity", dataset: { severity }, attrs: { title: severityHelp[severity] } },
    h("span", { className: "severity__icon", text: severityIcon[severity], attrs: { "aria-hidden": "true" } }),
    h("span", { className: "severity__word", testId: "review-severity-word", text: severityWords[severity] }),
  );
}

/** Plain text of a title that names code in backticks (for places that cannot show <code>, such as a chart). */
export function plainTitle(title: string): string {
  return title.replace(/`([^`\n]+)`/g, "$1");
}

export interface ReviewOptions {
  /** Moves the editor's cursor to a line of the reviewed code; without it, a suggestion's line is plain text. */
  goToLine?: (line: number) => void;
  /** The heading level of each suggestion's title, one below the heading the list sits under. */
  headingLevel: "h3" | "h4";
}

let nextId = 0;

function summaryText(suggestions: ReviewSuggestion[]): string {
  const ideas = suggestions.filter((s) => s.severity !== "celebratory").length;
  const praise = suggestions.length - ideas;
  if (ideas === 0) return "Nothing to change. Here is what this code does well:";
  const some = `${plural(ideas, "idea")} to make this code even better`;
  return praise > 0 ? `${some}, and ${plural(praise, "thing")} it already does well.` : `${some}.`;
}

function example(before: string, after: string): HTMLElement {
  const block = (caption: string, code: string, kind: "before" | "after") =>
    h(
      "figure",
      { className: `review-example__side review-example__side--${kind}`, testId: `review-example-${kind}` },
      h("figcaption", { className: "review-example__caption", text: caption }),
      h("pre", { className: "review-example__code" }, h("code", { text: code })),
    );
  return h("div", { className: "review-example", testId: "review-example" }, block("Instead of", before, "before"), block("Try", after, "after"));
}

function suggestionItem(suggestion: ReviewSuggestion, options: ReviewOptions): HTMLElement {
  const titleId = `review-suggestion-${++nextId}`;
  const title = h(options.headingLevel, { className: "suggestion__title", attrs: { id: titleId, tabindex: "-1" } }, ...textWithCode(suggestion.title));
  const hasLine = Number.isInteger(suggestion.line) && suggestion.line >= 1;
  let where: HTMLElement | null = null;
  if (hasLine && options.goToLine) {
    const goToLine = options.goToLine;
    where = h("button", {
      className: "suggestion__line",
      testId: "review-line",
      dataset: { line: String(suggestion.line) },
      text: `Line ${suggestion.line}`,
      attrs: { type: "button", "aria-label": `Show line ${suggestion.line} in the editor`, title: "Show this line in the editor" },
    });
    where.addEventListener("click", () => goToLine(suggestion.line));
  } else if (hasLine) {
    where = h("span", { className: "suggestion__line suggestion__line--text", testId: "review-line", dataset: { line: String(suggestion.line) }, text: `Line ${suggestion.line}` });
  }

  const item = h(
    "li",
    {
      className: `suggestion suggestion--${suggestion.severity}`,
      testId: "review-suggestion",
      dataset: { suggestionId: suggestion.id, severity: suggestion.severity, source: suggestion.source, line: String(suggestion.line) },
      attrs: { "aria-labelledby": titleId },
    },
    h("div", { className: "suggestion__head" }, severityLabel(suggestion.severity), title, where),
  );
  if (suggestion.source === "model") {
    item.appendChild(
      h("p", { className: "suggestion__source", testId: "review-source" }, h("span", { className: "tutor__avatar tutor__avatar--tiny", text: "✦", attrs: { "aria-hidden": "true" } }), "The AI tutor's own idea, beyond the built-in checks"),
    );
  }
  item.appendChild(setServerHtml(h("div", { className: "suggestion__message prose", testId: "review-message" }), suggestion.message.html));

  if (suggestion.lesson || suggestion.example) {
    const details = h("details", { className: "suggestion__lesson", testId: "review-lesson" }, h("summary", { testId: "review-lesson-toggle" }, "The lesson, with an example"));
    if (suggestion.lesson) details.appendChild(setServerHtml(h("div", { className: "prose suggestion__lesson-text", testId: "review-lesson-text" }), suggestion.lesson.html));
    if (suggestion.example) details.appendChild(example(suggestion.example.before, suggestion.example.after));
    item.appendChild(details);
  }
  return item;
}

/**
 * A review's suggestions, essential first as the server orders them: the first few, then a "Show N more" button for
 * the rest. With no suggestions, a line saying there is nothing to add.
 */
export function renderReview(review: Review, options: ReviewOptions): HTMLElement {
  const root = h("div", { className: "review-result", testId: "review-result", dataset: { engine: review.engine, count: String(review.suggestions.length) } });
  if (review.suggestions.length === 0) {
    root.appendChild(h("p", { className: "review-result__empty", testId: "review-empty" }, h("span", { className: "severity__icon severity__icon--celebratory", text: "★", attrs: { "aria-hidden": "true" } }), "Nothing to add: this reads well."));
    if (review.note) root.appendChild(noteLine(review.note, "review-note"));
    return root;
  }
  root.appendChild(h("p", { className: "review-result__summary", testId: "review-summary", text: summaryText(review.suggestions) }));
  if (review.note) root.appendChild(noteLine(review.note, "review-note"));

  const items = review.suggestions.map((suggestion) => suggestionItem(suggestion, options));
  items.forEach((item, index) => (item.hidden = index >= SHOWN_AT_FIRST));
  const list = h("ol", { className: "suggestions", testId: "review-list", attrs: { "aria-label": "Suggestions, most important first" } }, ...items);
  root.appendChild(list);

  const rest = items.length - SHOWN_AT_FIRST;
  if (rest > 0) {
    const more = h("button", {
      className: "button button--small review-more",
      testId: "review-more",
      dataset: { count: String(rest) },
      text: `Show ${rest} more`,
      attrs: { type: "button", "aria-label": `Show ${plural(rest, "more suggestion")}` },
    });
    more.addEventListener("click", () => {
      for (const item of items) item.hidden = false;
      more.remove();
      // The first one revealed takes the focus, so keyboard and screen-reader users carry on reading there.
      items[SHOWN_AT_FIRST]?.querySelector<HTMLElement>(".suggestion__title")?.focus();
    });
    root.appendChild(more);
  }
  return root;
}

/**
 * The "Review" section under the results of a passing submission. It asks for the review once per submission,
 * shows the tutor's progress while it reads, then the suggestions; a line's button moves the editor there.
 */
export class ReviewSection {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly engineMeta: HTMLElement;
  /** Says, once, that the review has arrived and how much it holds (the working line above it is gone by then). */
  private readonly announcer: HTMLElement;
  private submissionId: string | null = null;
  private controller: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly goToLine: (line: number) => void) {
    this.engineMeta = h("span", { className: "tutor__engine", testId: "review-engine" });
    this.body = h("div", { className: "review__body" });
    this.announcer = h("p", { className: "visually-hidden", testId: "review-announcement", attrs: { role: "status", "aria-live": "polite" } });
    this.element = h(
      "section",
      { className: "review", testId: "review", attrs: { hidden: true, "aria-labelledby": "review-heading" } },
      h(
        "header",
        { className: "review__header" },
        h("span", { className: "tutor__avatar", text: "✦", attrs: { "aria-hidden": "true" } }),
        h("div", { className: "review__titles" }, h("h2", { className: "review__title", text: "Review", attrs: { id: "review-heading" } }), h("p", { className: "review__lead muted", text: "Every test passes. Here is what a teacher would still say about this code." })),
        this.engineMeta,
      ),
      this.announcer,
      this.body,
    );
  }

  /** Shows the review of a submission that passed every test; hides the section for any other. */
  show(view: SubmissionView): void {
    if (view.state !== "graded" || view.verdict !== "passed") {
      this.hide();
      return;
    }
    if (this.submissionId === view.id) return;
    this.hide();
    this.submissionId = view.id;
    this.element.dataset.submissionId = view.id;
    this.element.hidden = false;
    this.load(view.id);
  }

  hide(): void {
    this.stop();
    this.submissionId = null;
    this.element.hidden = true;
    this.body.replaceChildren();
    this.engineMeta.textContent = "";
    this.announcer.textContent = "";
    delete this.element.dataset.submissionId;
    delete this.element.dataset.state;
    delete this.element.dataset.engine;
  }

  dispose(): void {
    this.hide();
  }

  private stop(): void {
    this.controller?.abort();
    this.controller = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private load(submissionId: string): void {
    this.stop();
    const controller = new AbortController();
    this.controller = controller;
    const signal = controller.signal;
    this.element.dataset.state = "loading";
    this.element.setAttribute("aria-busy", "true");
    const working = new WorkingLine("The tutor is reading your working code…", "review-status", "review-progress");
    this.body.replaceChildren(working.element);
    // Subscribe before asking, so no progress is missed; feedback's progress shares the id, with other stages.
    this.unsubscribe = subscribeTutor(submissionId, (event) => {
      if (event.type === "progress" && event.stage === REVIEW_STAGE) working.progress(event.message);
    });
    getReview(submissionId, signal).then(
      (review) => {
        if (signal.aborted) return;
        this.stop();
        this.element.removeAttribute("aria-busy");
        this.element.dataset.state = "ready";
        this.element.dataset.engine = review.engine;
        this.engineMeta.textContent = engineLabel(review.engine);
        this.body.replaceChildren(renderReview(review, { goToLine: this.goToLine, headingLevel: "h3" }), ratingControl(review.answerId, "this review"));
        this.announcer.textContent = `The review is ready. ${review.suggestions.length === 0 ? "Nothing to add: this reads well." : summaryText(review.suggestions)}`;
      },
      (error: unknown) => {
        if (isAbortError(error) || signal.aborted) return;
        this.stop();
        this.element.removeAttribute("aria-busy");
        this.element.dataset.state = "error";
        this.body.replaceChildren(this.errorBox(error, submissionId));
      },
    );
  }

  /** The server's message says what happened and what to do; "Try again" asks once more (not for a refusal). */
  private errorBox(error: unknown, submissionId: string): HTMLElement {
    const message = error instanceof Error ? error.message : "Something went wrong.";
    const box = h("div", { className: "tutor__failed review__failed", testId: "review-error", attrs: { role: "alert" } }, h("p", {}, h("strong", { text: "The review could not be made. " }), message));
    const final = error instanceof ApiError && (error.status === 404 || error.status === 409 || error.status === 429);
    if (!final) {
      const retry = h("button", { className: "button button--small", testId: "review-retry", text: "Try again", attrs: { type: "button" } });
      retry.addEventListener("click", () => this.load(submissionId));
      box.appendChild(retry);
    }
    return box;
  }
}
