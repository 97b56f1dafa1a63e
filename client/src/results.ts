// The results panel: live queue/progress status, one row per finished test, and the final verdict banner.
import { h, plural } from "./dom";
import type { SubmissionTracker } from "./tracker";
import type { Status, SubmissionView, TestResult } from "./types";

const statusLabel: Record<Status, string> = {
  passed: "Passed",
  failed: "Failed",
  error: "Error",
  "syntax-error": "Syntax error",
  timeout: "Timed out",
  "memory-limit": "Memory limit",
  "output-limit": "Output limit",
  "internal-error": "Internal error",
};

const statusIcon: Record<Status, string> = {
  passed: "✓",
  failed: "✗",
  error: "!",
  "syntax-error": "!",
  timeout: "!",
  "memory-limit": "!",
  "output-limit": "!",
  "internal-error": "?",
};

/** A verdict or a test's status in words. */
export function label(status: string): string {
  return statusLabel[status as Status] ?? status;
}

function icon(status: string): string {
  return statusIcon[status as Status] ?? "?";
}

/** Called when the learner asks to step through a failing visible test of the graded submission `submissionId`. */
export type StepThrough = (submissionId: string, test: TestResult, button: HTMLButtonElement) => void;

/** A visible case of the exercise that failed (not a syntax error, where nothing ran; not a tests/ file's test). */
function traceable(test: TestResult): boolean {
  return !test.hidden && !test.inSandbox && test.status !== "passed" && test.status !== "syntax-error" && (test.call !== undefined || test.stdin !== undefined);
}

function testRow(test: TestResult, index: number, stepThrough: ((test: TestResult, button: HTMLButtonElement) => void) | null): HTMLElement {
  const row = h("li", {
    className: `test-row status--${test.status}`,
    testId: "test-row",
    dataset: { status: test.status, index: String(index), hidden: String(test.hidden) },
  });
  row.appendChild(
    h(
      "div",
      { className: "test-row__head" },
      h("span", { className: "status-icon", text: icon(test.status), attrs: { "aria-hidden": "true" } }),
      h("span", { className: "test-row__name", text: test.name }),
      test.hidden ? h("span", { className: "tag", text: "hidden" }) : null,
      h("span", { className: "test-row__status", text: label(test.status) }),
    ),
  );

  if (test.hidden) {
    if (test.message) row.appendChild(h("p", { className: "test-row__message", text: test.message }));
    return row;
  }

  if (test.status === "passed") {
    if (test.call) row.appendChild(h("code", { className: "test-row__call test-row__call--muted", text: test.call }));
    return row;
  }

  if (test.call) {
    row.appendChild(h("div", { className: "test-row__call" }, h("span", { className: "field-label", text: "Call " }), h("code", { text: test.call })));
  }
  if (test.stdin !== undefined) {
    row.appendChild(h("div", { className: "test-row__call" }, h("span", { className: "field-label", text: "Input " }), h("pre", { text: test.stdin || "(none)" })));
  }
  if (test.expected !== undefined || test.actual !== undefined) {
    const diff = h("pre", { className: "diff", attrs: { "aria-label": "Expected versus actual" } });
    if (test.expected !== undefined) {
      diff.appendChild(h("span", { className: "diff__line diff__line--expected" }, h("span", { className: "diff__label", text: "expected " }), test.expected));
    }
    if (test.actual !== undefined) {
      diff.appendChild(h("span", { className: "diff__line diff__line--actual" }, h("span", { className: "diff__label", text: "actual   " }), test.actual));
    }
    row.appendChild(diff);
  }
  if (test.message) {
    const where = test.line !== undefined ? `Line ${test.line}: ` : "";
    row.appendChild(h("p", { className: "test-row__message", text: `${where}${test.message}` }));
  } else if (test.line !== undefined) {
    row.appendChild(h("p", { className: "test-row__message", text: `Line ${test.line}` }));
  }
  if (test.stdout) {
    row.appendChild(
      h("div", { className: "stdout" }, h("span", { className: "field-label", text: "Printed output" }), h("pre", { className: "stdout__text", text: test.stdout })),
    );
  }
  if (stepThrough && traceable(test)) {
    const step = h("button", { className: "button button--small", testId: "step-through", text: "Step through", attrs: { type: "button", "aria-label": `Step through the test ${test.name}` } });
    step.addEventListener("click", () => stepThrough(test, step));
    row.appendChild(h("div", { className: "test-row__actions" }, step, h("span", { className: "muted", text: "Watch your code run on this test, line by line." })));
  }
  return row;
}

function verdictBanner(view: SubmissionView): HTMLElement {
  const status: Status = view.verdict ?? "internal-error";
  const tests = view.tests;
  const total = view.totalCount ?? tests.length;
  const passed = view.passedCount ?? tests.filter((test) => test.status === "passed").length;
  const score = `${passed} of ${plural(total, "test")} passed`;
  let headline: string;
  let detail: string | null = null;

  if (view.state === "failed-to-grade") {
    headline = "Could not grade this submission";
  } else {
    switch (status) {
      case "passed":
        headline = total === 1 ? "The test passed" : `All ${total} tests passed`;
        break;
      case "failed":
        headline = score;
        break;
      case "syntax-error": {
        const line = tests.find((test) => test.line !== undefined)?.line;
        headline = line !== undefined ? `Syntax error on line ${line}` : "Syntax error";
        break;
      }
      case "error":
        headline = "Your code raised an error";
        detail = total > 0 ? score : null;
        break;
      case "timeout":
        headline = "Time limit exceeded";
        detail = total > 0 ? score : null;
        break;
      case "memory-limit":
        headline = "Memory limit exceeded";
        detail = total > 0 ? score : null;
        break;
      case "output-limit":
        headline = "Too much output";
        detail = total > 0 ? score : null;
        break;
      default:
        headline = "The grader had a problem";
    }
  }

  const banner = h(
    "div",
    { className: `verdict status--${status}`, testId: "verdict", dataset: { status, state: view.state } },
    h("span", { className: "status-icon status-icon--large", text: icon(status), attrs: { "aria-hidden": "true" } }),
  );
  const body = h("div", { className: "verdict__body" }, h("strong", { className: "verdict__headline", text: headline }));
  if (detail) body.appendChild(h("p", { className: "verdict__detail", text: detail }));
  // The server's message often restates the score; show it only when it adds something.
  const plain = (text: string | null) => (text ?? "").trim().replace(/\.$/, "");
  if (view.message && plain(view.message) !== plain(headline) && plain(view.message) !== plain(detail)) {
    body.appendChild(h("p", { className: "verdict__message", text: view.message }));
  }
  if (view.durationMs !== null && view.durationMs !== undefined && view.durationMs > 0) {
    body.appendChild(h("p", { className: "verdict__meta", text: `Graded in ${(view.durationMs / 1000).toFixed(1)} s` }));
  }
  banner.appendChild(body);
  return banner;
}

/** Back-pressure the learner can see: how many submissions are graded before theirs. */
export function queueText(position: number | null): string {
  if (position === null) return "Queued…";
  if (position === 0) return "Queued: yours is next";
  return `Queued: ${position} submission${position === 1 ? "" : "s"} ahead of yours`;
}

export class ResultsPanel {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly live: HTMLElement;
  private readonly list: HTMLOListElement;
  private rowKeys = new Map<number, { key: string; element: HTMLElement }>();

  /** `stepThrough`: offered on the failing visible tests of a graded submission. */
  constructor(private readonly stepThrough: StepThrough | null = null) {
    this.heading = h("h2", { className: "results__heading", text: "Results", attrs: { id: "results-heading" } });
    this.hint = h("p", { className: "results__hint", text: "Submit your code to run the tests." });
    this.live = h("div", { className: "results__live", attrs: { "aria-live": "polite" } });
    this.list = h("ol", { className: "test-list", attrs: { "aria-label": "Test results" } });
    this.element = h("section", { className: "results", testId: "results", attrs: { "aria-labelledby": "results-heading" } }, this.heading, this.hint, this.live, this.list);
  }

  clear(): void {
    this.heading.textContent = "Results";
    this.hint.hidden = false;
    this.live.replaceChildren();
    this.list.replaceChildren();
    this.rowKeys.clear();
  }

  showSubmitting(): void {
    this.clear();
    this.hint.hidden = true;
    this.live.appendChild(h("p", { className: "queue-status", testId: "queue-status", dataset: { state: "submitting" }, text: "Submitting…" }));
  }

  /** Renders a submission being graded; call again whenever the tracker changes (polls refresh the queue position). */
  showTracker(tracker: SubmissionTracker): void {
    this.heading.textContent = "Results";
    this.hint.hidden = true;
    if (tracker.final) {
      this.showView(tracker.final, "Results");
      return;
    }
    const total = tracker.totalCount;
    const done = tracker.completedCount;
    let text: string;
    if (tracker.state === "queued") {
      text = tracker.waitingReason ?? queueText(tracker.queuePosition);
    } else if (total && total > 0) {
      text = `Running ${Math.min(done + 1, total)} of ${total} tests…`;
    } else {
      text = "Running tests…";
    }
    const status = h("p", { className: "queue-status", testId: "queue-status", dataset: { state: tracker.state }, text });
    const fraction = total && total > 0 ? Math.min(1, done / total) : 0;
    const bar = h(
      "div",
      {
        className: `progress${tracker.state === "queued" ? " progress--waiting" : ""}`,
        attrs: {
          role: "progressbar",
          "aria-label": "Tests finished",
          "aria-valuemin": 0,
          "aria-valuemax": total ?? 0,
          "aria-valuenow": done,
        },
      },
      h("div", { className: "progress__fill" }),
    );
    (bar.firstElementChild as HTMLElement).style.width = `${Math.round(fraction * 100)}%`;
    this.live.replaceChildren(status, bar);
    this.renderRows(tracker.tests, null);
  }

  /** Renders a finished (or any) submission view, e.g. the learner's last submission. */
  showView(view: SubmissionView, heading: string): void {
    this.heading.textContent = heading;
    this.hint.hidden = true;
    this.live.replaceChildren(verdictBanner(view));
    this.renderRows(view.tests, view.state === "graded" ? view.id : null);
  }

  /** `gradedId`: the submission, once graded, whose failing visible tests can be stepped through. */
  private renderRows(tests: (TestResult | undefined)[], gradedId: string | null): void {
    const stepThrough = this.stepThrough;
    const onStep = stepThrough && gradedId ? (test: TestResult, button: HTMLButtonElement) => stepThrough(gradedId, test, button) : null;
    tests.forEach((test, index) => {
      if (!test) return;
      const key = JSON.stringify([test, gradedId]);
      const existing = this.rowKeys.get(index);
      if (existing && existing.key === key) return;
      const row = testRow(test, index, onStep);
      if (existing) {
        existing.element.replaceWith(row);
      } else {
        // Keep rows in index order even if events arrive out of order.
        const next = [...this.rowKeys.entries()].filter(([i]) => i > index).sort(([a], [b]) => a - b)[0];
        this.list.insertBefore(row, next ? next[1].element : null);
      }
      this.rowKeys.set(index, { key, element: row });
    });
    for (const [index, { element }] of this.rowKeys) {
      if (!tests[index]) {
        element.remove();
        this.rowKeys.delete(index);
      }
    }
  }
}
