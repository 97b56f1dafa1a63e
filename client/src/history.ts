// On the exercise page: the learner's attempt history (every submission, its result, the feedback concepts and
// hints shown, the time between attempts, the active time in total), and the reporter of active time.
import { label } from "./results";
import { getHistory, isAbortError, reportActivity } from "./api";
import { conceptLink, formatDateTime, formatDuration } from "./course-ui";
import { h, plural } from "./dom";
import { createCodeView } from "./editor";
import type { Attempt, AttemptHistory } from "./types";

const REPORT_EVERY_MS = 30_000;
const TICK_MS = 5_000;
/** Typing within this long counts the time as active (reading the feedback or thinking between keystrokes). */
const IDLE_AFTER_MS = 90_000;
const MAX_SECONDS_PER_REPORT = 60;

/**
 * Counts active time: the time between ticks while the page is visible and the learner typed recently. Pure
 * (time comes in as arguments), so the rule is plain to read and test.
 */
export class ActiveTimeCounter {
  private lastInputAt = Number.NEGATIVE_INFINITY;
  private pendingMs = 0;

  constructor(
    private lastTickAt: number,
    private readonly idleAfterMs = IDLE_AFTER_MS,
  ) {}

  input(now: number): void {
    this.lastInputAt = now;
  }

  tick(now: number, visible: boolean): void {
    if (visible && now - this.lastInputAt <= this.idleAfterMs) this.pendingMs += Math.max(0, now - this.lastTickAt);
    this.lastTickAt = now;
  }

  /** Whole seconds to report (at most `max`); the rest stays for the next report. */
  take(max = MAX_SECONDS_PER_REPORT): number {
    const seconds = Math.min(Math.floor(this.pendingMs / 1000), max);
    this.pendingMs -= seconds * 1000;
    return seconds;
  }
}

/** Reports active time on one exercise every 30 s, and what is left when the page is hidden or left. */
export function startActivityReporter(set: string, slug: string): { input(): void; stop(): void } {
  const counter = new ActiveTimeCounter(Date.now());
  const visible = () => document.visibilityState === "visible";
  const flush = () => {
    const seconds = counter.take();
    if (seconds >= 1) reportActivity(set, slug, seconds).catch(() => undefined); // Time spent is a nicety; a lost report is fine.
  };
  let sinceReport = 0;
  const ticker = window.setInterval(() => {
    counter.tick(Date.now(), visible());
    sinceReport += TICK_MS;
    if (sinceReport >= REPORT_EVERY_MS) {
      sinceReport = 0;
      flush();
    }
  }, TICK_MS);
  const onVisibility = () => {
    // The time up to hiding counted as visible.
    counter.tick(Date.now(), true);
    if (!visible()) flush();
  };
  document.addEventListener("visibilitychange", onVisibility);
  return {
    input: () => counter.input(Date.now()),
    stop: () => {
      window.clearInterval(ticker);
      document.removeEventListener("visibilitychange", onVisibility);
      counter.tick(Date.now(), visible());
      flush();
    },
  };
}

function attemptItem(attempt: Attempt, number: number, cleanups: (() => void)[]): HTMLElement {
  const s = attempt.submission;
  const passed = s.verdict === "passed";
  const result = s.state === "graded" ? `${label(s.verdict ?? "")}${s.totalCount ? ` · ${s.passedCount ?? 0}/${s.totalCount} tests` : ""}` : s.state === "failed-to-grade" ? "Could not be graded" : "Being graded…";
  const item = h(
    "li",
    { className: "attempt", testId: "attempt", dataset: { submissionId: s.id, verdict: s.verdict ?? s.state } },
    h(
      "div",
      { className: "attempt__head" },
      h("span", { className: "attempt__number", text: `#${number}` }),
      h("span", { className: `verdict-chip verdict-chip--${passed ? "passed" : "failed"}`, text: `${passed ? "✓" : "✗"} ${result}` }),
      h("time", { className: "muted", text: formatDateTime(s.createdAt), attrs: { datetime: s.createdAt } }),
      attempt.secondsSincePrevious !== null ? h("span", { className: "muted", text: `${formatDuration(attempt.secondsSincePrevious)} after the previous` }) : null,
    ),
  );
  // Someone else's regrade changes a learner's result: say so rather than let it change silently.
  if (s.regrade) {
    const note = s.regrade.pending
      ? "Being regraded: the exercise changed since this was graded, so your instructor is grading it again. The result above stands until then."
      : `Regraded ${s.regrade.at ? formatDateTime(s.regrade.at) : ""} after the exercise changed: the result above is the new one.`;
    item.appendChild(h("p", { className: "attempt__line muted", testId: "attempt-regraded", attrs: { role: "note" }, text: note }));
  }
  const concepts = attempt.feedback?.concepts ?? [];
  if (concepts.length > 0) {
    item.appendChild(h("p", { className: "attempt__line", testId: "attempt-concepts" }, h("span", { className: "field-label", text: "Feedback " }), ...concepts.map((c) => conceptLink(c.id, c.title))));
  }
  if (attempt.hints.length > 0) {
    item.appendChild(
      h("p", { className: "attempt__line", testId: "attempt-hints", dataset: { levels: attempt.hints.map((x) => x.level).join(",") } }, h("span", { className: "field-label", text: "Hints " }), attempt.hints.map((x) => `level ${x.level}`).join(", ")),
    );
  }
  const codeHost = h("div", { className: "code-view" });
  const details = h("details", { className: "attempt__code" }, h("summary", { text: "Code" }), codeHost);
  details.addEventListener("toggle", () => {
    if (!details.open || codeHost.childElementCount > 0) return;
    const view = createCodeView(codeHost, s.code, `Code of attempt ${number} (read-only)`);
    cleanups.push(() => view.destroy());
  });
  item.appendChild(details);
  return item;
}

/** "Your attempts": collapsed at first, loaded with the page and again after each verdict. */
export class HistoryPanel {
  readonly element: HTMLDetailsElement;
  private readonly summary = h("span", { className: "history__summary", testId: "history-summary", text: "Your attempts" });
  private readonly list = h("div", { className: "history__body" });
  private cleanups: (() => void)[] = [];

  constructor(
    private readonly set: string,
    private readonly slug: string,
    private readonly signal: AbortSignal,
  ) {
    this.element = h("details", { className: "history", testId: "history" }, h("summary", {}, this.summary), this.list);
    // Opening it shows the hints taken since the last verdict too.
    this.element.addEventListener("toggle", () => {
      if (this.element.open) this.refresh();
    });
    this.refresh();
  }

  refresh(): void {
    getHistory(this.set, this.slug, this.signal).then(
      (history) => this.render(history),
      (error: unknown) => {
        if (isAbortError(error)) return;
        this.summary.textContent = "Your attempts (could not be loaded)";
      },
    );
  }

  private render(history: AttemptHistory): void {
    this.dispose();
    const count = history.attempts.length;
    this.element.dataset.count = String(count);
    this.summary.textContent = `Your attempts · ${plural(count, "submission")}${history.activeSeconds > 0 ? ` · ${formatDuration(history.activeSeconds)} spent` : ""}`;
    // Newest first from the server; numbered from the first attempt.
    this.list.replaceChildren(
      count === 0
        ? h("p", { className: "muted", text: "No submissions yet." })
        : h("ol", { className: "attempts", attrs: { reversed: true } }, ...history.attempts.map((a, i) => attemptItem(a, count - i, this.cleanups))),
    );
  }

  dispose(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
  }
}
