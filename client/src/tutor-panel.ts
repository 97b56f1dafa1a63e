// The "Tutor" panel under the results of a graded submission: the tutor's explanation (streamed while a model
// writes it), the concepts to review as chips that open a short lesson, and three progressive hints.
import { ApiError, getConcept, getFeedback, getHints, isAbortError, requestHint } from "./api";
import { h, setServerHtml, textWithCode } from "./dom";
import { showError } from "./error-banner";
import { subscribeTutor } from "./live";
import { REVIEW_STAGE } from "./review";
import { ratingControl } from "./rating";
import { engineLabel, noteLine, WorkingLine } from "./tutor-ui";
import type { Concept, Feedback, HintLevel, HintView, RankedConcept, SubmissionView, TutorLiveEvent } from "./types";

const HINT_LEVELS: readonly HintLevel[] = [1, 2, 3];
const hintName: Record<HintLevel, string> = { 1: "a nudge", 2: "where to look", 3: "a plan" };

/** Lessons do not change while the page is open: fetch each once. */
const lessons = new Map<string, Promise<Concept>>();

function loadConcept(id: string, signal: AbortSignal): Promise<Concept> {
  let pending = lessons.get(id);
  if (!pending) {
    pending = getConcept(id, signal);
    lessons.set(id, pending);
    pending.catch(() => lessons.delete(id));
  }
  return pending;
}

export class TutorPanel {
  readonly element: HTMLElement;
  private submissionId: string | null = null;
  private controller: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;
  private session: TutorSession | null = null;

  constructor() {
    this.element = h("section", { className: "tutor", testId: "tutor-panel", attrs: { hidden: true, "aria-labelledby": "tutor-heading" } });
  }

  /** The tutor's feedback on `submissionId`, once it has arrived (the stepper reads its suspect lines). */
  feedbackFor(submissionId: string): Feedback | null {
    return this.submissionId === submissionId ? (this.session?.feedback ?? null) : null;
  }

  /** Shows the tutor for a finished submission; does nothing if it already shows that one. */
  show(view: SubmissionView): void {
    if (view.state !== "graded") {
      // The tutor explains graded submissions only; a grader failure has nothing of the learner's to explain.
      this.hide();
      return;
    }
    if (this.submissionId === view.id) return;
    this.hide();
    this.submissionId = view.id;
    const controller = new AbortController();
    this.controller = controller;
    this.session = new TutorSession(this.element, view, controller.signal, (unsubscribe) => (this.unsubscribe = unsubscribe));
    this.element.hidden = false;
  }

  hide(): void {
    this.controller?.abort();
    this.controller = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.submissionId = null;
    this.session = null;
    this.element.hidden = true;
    this.element.replaceChildren();
    delete this.element.dataset.submissionId;
    delete this.element.dataset.state;
    delete this.element.dataset.engine;
  }

  dispose(): void {
    this.hide();
  }
}

/** One submission's tutor: builds the panel's content and owns its requests (all aborted with `signal`). */
class TutorSession {
  private readonly body: HTMLElement;
  private readonly engineMeta: HTMLElement;
  private feedbackPending = true;
  private feedbackWorking: WorkingLine | null = null;
  private stream: HTMLElement | null = null;
  private hints: HintSection | null = null;
  feedback: Feedback | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly view: SubmissionView,
    private readonly signal: AbortSignal,
    keepUnsubscribe: (unsubscribe: () => void) => void,
  ) {
    const passed = view.verdict === "passed";
    panel.className = `tutor${passed ? " tutor--passed" : ""}`;
    panel.dataset.submissionId = view.id;
    this.engineMeta = h("span", { className: "tutor__engine" });
    this.body = h("div", { className: "tutor__body" });
    panel.replaceChildren(
      h(
        "header",
        { className: "tutor__header" },
        h("span", { className: "tutor__avatar", text: "✦", attrs: { "aria-hidden": "true" } }),
        h("h2", { className: "tutor__title", text: "Tutor", attrs: { id: "tutor-heading" } }),
        this.engineMeta,
      ),
      this.body,
    );
    // Subscribe before asking, so no progress or text is missed; feedback and hints share the submission id.
    keepUnsubscribe(subscribeTutor(view.id, (event) => this.onLive(event)));
    if (!passed) {
      this.hints = new HintSection(view.id, signal);
      panel.appendChild(this.hints.element);
    }
    this.loadFeedback();
  }

  private onLive(event: TutorLiveEvent): void {
    if (event.type === "progress") {
      if (event.stage === REVIEW_STAGE) return; // The Review section's, which shares the submission's id.
      if (this.feedbackPending) this.feedbackWorking?.progress(event.message);
      this.hints?.progress(event.message);
      return;
    }
    if (!this.feedbackPending || !this.stream) return;
    this.stream.textContent = event.text;
    this.stream.hidden = event.text === "";
    this.panel.dataset.state = "streaming";
  }

  private loadFeedback(): void {
    this.feedbackPending = true;
    this.panel.dataset.state = "loading";
    this.feedbackWorking = new WorkingLine("The tutor is reading your code…", "tutor-status", "tutor-progress");
    this.stream = h("div", { className: "tutor__stream", testId: "tutor-stream", attrs: { hidden: true, "aria-busy": "true" } });
    this.body.replaceChildren(this.feedbackWorking.element, this.stream);
    getFeedback(this.view.id, this.signal).then(
      (feedback) => {
        if (this.signal.aborted) return;
        this.feedbackPending = false;
        this.renderFeedback(feedback);
      },
      (error: unknown) => {
        if (isAbortError(error) || this.signal.aborted) return;
        this.feedbackPending = false;
        this.panel.dataset.state = "error";
        const retry = h("button", { className: "button button--small", testId: "tutor-retry", text: "Ask again", attrs: { type: "button" } });
        retry.addEventListener("click", () => this.loadFeedback());
        const why = error instanceof ApiError && error.status === 429 ? "The tutor has answered all it can for today." : "The tutor could not explain this submission.";
        this.body.replaceChildren(h("div", { className: "tutor__failed", testId: "tutor-error" }, h("p", { text: why }), retry));
        showError(error);
      },
    );
  }

  private renderFeedback(feedback: Feedback): void {
    this.feedback = feedback;
    this.panel.dataset.state = "ready";
    this.panel.dataset.engine = feedback.engine;
    this.engineMeta.textContent = engineLabel(feedback.engine);
    const explanation = setServerHtml(h("div", { className: "tutor__explanation prose", testId: "tutor-explanation" }), feedback.explanation.html);
    this.body.replaceChildren(explanation);
    if (feedback.note) this.body.appendChild(noteLine(feedback.note, "tutor-note"));
    if (feedback.concepts.length > 0) this.body.appendChild(new ConceptChips(feedback.concepts, this.signal).element);
    this.body.appendChild(ratingControl(feedback.answerId, "this explanation"));
    this.feedbackWorking = null;
    this.stream = null;
  }
}

/** Ranked concepts as chips; each opens its lesson inline, in chip order, fetched on first open. */
class ConceptChips {
  readonly element: HTMLElement;
  private readonly lessonsHost: HTMLElement;
  private readonly boxes = new Map<string, { index: number; box: HTMLElement }>();

  constructor(
    concepts: RankedConcept[],
    private readonly signal: AbortSignal,
  ) {
    this.lessonsHost = h("div", { className: "concept-lessons" });
    const chips = concepts.map((concept, index) => {
      const chip = h("button", {
        className: "concept-chip",
        testId: "concept-chip",
        dataset: { conceptId: concept.id },
        text: concept.title,
        attrs: { type: "button", "aria-expanded": "false", "aria-controls": this.boxId(concept.id), title: concept.evidence[0] },
      });
      chip.addEventListener("click", () => this.toggle(concept, index, chip));
      return h("li", {}, chip);
    });
    this.element = h(
      "div",
      { className: "tutor__concepts" },
      h("h3", { className: "tutor__subheading", text: "Ideas to review" }),
      h("ul", { className: "concept-chips", attrs: { "aria-label": "Concepts, most relevant first" } }, ...chips),
      this.lessonsHost,
    );
  }

  private boxId(conceptId: string): string {
    return `lesson-${conceptId.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  }

  private toggle(concept: RankedConcept, index: number, chip: HTMLButtonElement): void {
    const existing = this.boxes.get(concept.id);
    if (existing) {
      const open = existing.box.hidden;
      existing.box.hidden = !open;
      chip.setAttribute("aria-expanded", String(open));
      return;
    }
    const box = this.lessonBox(concept, chip);
    const next = [...this.boxes.values()].filter((entry) => entry.index > index).sort((a, b) => a.index - b.index)[0];
    this.lessonsHost.insertBefore(box, next ? next.box : null);
    this.boxes.set(concept.id, { index, box });
    chip.setAttribute("aria-expanded", "true");
  }

  private lessonBox(concept: RankedConcept, chip: HTMLButtonElement): HTMLElement {
    const close = h("button", { className: "concept-lesson__close", testId: "concept-lesson-close", text: "×", attrs: { type: "button", "aria-label": `Close the lesson on ${concept.title}` } });
    const content = h("div", { className: "concept-lesson__content", attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading the lesson…" }));
    const box = h(
      "div",
      { className: "concept-lesson", testId: "concept-lesson", dataset: { conceptId: concept.id, state: "loading" }, attrs: { id: this.boxId(concept.id), role: "region", "aria-label": `Lesson: ${concept.title}` } },
      h("div", { className: "concept-lesson__head" }, h("h4", { className: "concept-lesson__title", text: concept.title }), close),
    );
    if (concept.evidence.length > 0) {
      box.appendChild(
        h(
          "div",
          { className: "concept-lesson__why" },
          h("span", { className: "field-label", text: "Why it came up" }),
          h("ul", {}, ...concept.evidence.map((line) => h("li", {}, ...textWithCode(line)))),
        ),
      );
    }
    box.appendChild(content);
    close.addEventListener("click", () => {
      box.hidden = true;
      chip.setAttribute("aria-expanded", "false");
      chip.focus();
    });
    loadConcept(concept.id, this.signal).then(
      (lesson) => {
        content.removeAttribute("aria-busy");
        box.dataset.state = "ready";
        content.replaceChildren(setServerHtml(h("div", { className: "prose" }), lesson.lesson.html));
      },
      (error: unknown) => {
        if (isAbortError(error) || this.signal.aborted) return;
        content.removeAttribute("aria-busy");
        box.dataset.state = "error";
        content.replaceChildren(h("p", { className: "muted", text: "The lesson could not be loaded. Close it and try again." }));
        // Let the next click fetch again.
        this.boxes.delete(concept.id);
        close.addEventListener("click", () => box.remove(), { once: true });
        showError(error);
      },
    );
    return box;
  }
}

/** Three hint buttons, only the next level enabled, and the hints taken so far, in order. */
class HintSection {
  readonly element: HTMLElement;
  private readonly buttons = new Map<HintLevel, HTMLButtonElement>();
  private readonly list: HTMLOListElement;
  private readonly statusHost: HTMLElement;
  private readonly done: HTMLElement;
  private taken = new Set<HintLevel>();
  private nextLevel: HintLevel | null = null;
  private loading = true;
  private working: WorkingLine | null = null;

  constructor(
    private readonly submissionId: string,
    private readonly signal: AbortSignal,
  ) {
    for (const level of HINT_LEVELS) {
      const button = h("button", {
        className: "hint-button",
        testId: "hint-button",
        dataset: { level: String(level), state: "locked" },
        attrs: { type: "button", disabled: true },
      });
      button.append(h("span", { className: "hint-button__level", text: `Hint ${level}:` }), ` ${hintName[level]}`);
      button.addEventListener("click", () => void this.take(level));
      this.buttons.set(level, button);
    }
    this.list = h("ol", { className: "hint-list", attrs: { "aria-live": "polite", "aria-label": "Hints taken" } });
    this.statusHost = h("div", { className: "hint-status" });
    this.done = h("p", {
      className: "muted hint-done",
      testId: "hint-done",
      text: "That was the last hint. Follow the plan, then submit again: a new submission starts fresh hints.",
      attrs: { hidden: true },
    });
    this.element = h(
      "div",
      { className: "tutor__hints", testId: "tutor-hints" },
      h("h3", { className: "tutor__subheading", text: "Still stuck? Take a hint" }),
      h("p", { className: "muted tutor__lead", text: "Each hint says a little more than the one before. None of them gives away the answer." }),
      h("div", { className: "hint-buttons", attrs: { role: "group", "aria-label": "Hints" } }, ...this.buttons.values()),
      this.list,
      this.statusHost,
      this.done,
    );
    void this.restore();
  }

  progress(message: string): void {
    this.working?.progress(message);
  }

  private async restore(): Promise<void> {
    this.loading = true;
    this.refresh();
    try {
      const state = await getHints(this.submissionId, this.signal);
      if (this.signal.aborted) return;
      this.list.replaceChildren();
      this.taken.clear();
      for (const hint of [...state.hints].sort((a, b) => a.level - b.level)) this.addHint(hint, false);
      this.nextLevel = state.nextLevel;
    } catch (error) {
      if (isAbortError(error) || this.signal.aborted) return;
      // Without the list, offer the level after the ones shown; the server refuses out-of-order levels anyway.
      this.nextLevel = this.levelAfter(Math.max(0, ...this.taken) as HintLevel | 0);
      showError(error);
    }
    this.loading = false;
    this.refresh();
  }

  private levelAfter(level: HintLevel | 0): HintLevel | null {
    return level < 3 ? ((level + 1) as HintLevel) : null;
  }

  private refresh(): void {
    for (const [level, button] of this.buttons) {
      const state = this.taken.has(level) ? "taken" : level === this.nextLevel ? "next" : "locked";
      button.dataset.state = state;
      button.className = `hint-button hint-button--${state}`;
      button.disabled = this.loading || state !== "next";
      button.setAttribute("aria-busy", String(this.loading && state === "next"));
    }
    this.done.hidden = this.loading || this.nextLevel !== null || this.taken.size === 0;
  }

  private addHint(hint: HintView, reveal: boolean): void {
    this.taken.add(hint.level);
    const item = h(
      "li",
      { className: "hint", testId: "hint", dataset: { level: String(hint.level) } },
      h("div", { className: "hint__label" }, h("span", { className: "hint__badge", text: String(hint.level), attrs: { "aria-hidden": "true" } }), `Hint ${hint.level}: ${hintName[hint.level]}`),
      setServerHtml(h("div", { className: "hint__text prose" }), hint.text.html),
    );
    if (hint.note) item.appendChild(noteLine(hint.note, "hint-note"));
    item.appendChild(ratingControl(hint.answerId, `hint ${hint.level}`));
    const after = [...this.list.children].find((child) => Number((child as HTMLElement).dataset.level) > hint.level) ?? null;
    this.list.insertBefore(item, after);
    if (reveal) item.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  private async take(level: HintLevel): Promise<void> {
    if (this.loading || level !== this.nextLevel) return;
    this.loading = true;
    this.refresh();
    this.working = new WorkingLine(`The tutor is thinking of hint ${level}…`, "hint-status", "hint-progress");
    this.statusHost.replaceChildren(this.working.element);
    try {
      const hint = await requestHint(this.submissionId, level, this.signal);
      if (this.signal.aborted) return;
      this.addHint(hint, true);
      this.nextLevel = this.levelAfter(hint.level);
    } catch (error) {
      if (isAbortError(error) || this.signal.aborted) return;
      showError(error); // 409 (out of order) and 429 (budget spent) carry a message for the learner.
      if (error instanceof ApiError && error.status === 409) {
        this.working = null;
        this.statusHost.replaceChildren();
        await this.restore(); // Another tab may have taken a hint: show what the server has.
        return;
      }
    } finally {
      if (!this.signal.aborted) {
        this.working = null;
        this.statusHost.replaceChildren();
      }
    }
    this.loading = false;
    this.refresh();
  }
}
