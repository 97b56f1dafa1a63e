// On a course page, for its instructors: the assigned exercises that changed since some of their learners'
// submissions were graded, with the two regrades (each learner's latest, or all), and each exercise's latest
// regrade: its progress while it runs ("412 of 1,000 regraded", announced politely), then its summary (how many
// verdicts changed, who went from failed to passed or back). It polls only while a regrade runs.
import { getRegrade, isAbortError, listRegrades, startRegrade } from "./api";
import { formatDateTime } from "./course-ui";
import { h, plural } from "./dom";
import { clearError, showError } from "./error-banner";
import { whileBusy } from "./forms";
import { accountName } from "./session";
import type { ChangedExercise, RegradeScope, RegradeView } from "./types";

const POLL_MS = 1000;
const count = (n: number) => n.toLocaleString("en-US");

function changedItem(c: ChangedExercise, start: (exercise: string, scope: RegradeScope, button: HTMLButtonElement) => void): HTMLElement {
  const latest = h("button", {
    className: "button button--small button--primary",
    testId: "regrade-latest",
    text: `Regrade each learner's latest (${count(c.latestStaleCount)})`,
    attrs: { type: "button", disabled: c.latestStaleCount === 0, "aria-describedby": `changed-${c.exercise.id}` },
  });
  const all = h("button", {
    className: "button button--small",
    testId: "regrade-all",
    text: `Regrade all (${count(c.staleCount)})`,
    attrs: { type: "button", "aria-describedby": `changed-${c.exercise.id}` },
  });
  latest.addEventListener("click", () => start(c.exercise.id, "latest", latest));
  all.addEventListener("click", () => start(c.exercise.id, "all", all));
  return h(
    "li",
    { testId: "changed-exercise", dataset: { exerciseId: c.exercise.id } },
    h("span", { attrs: { id: `changed-${c.exercise.id}` } }, h("strong", { text: c.exercise.title }), ` changed since ${plural(c.staleCount, "submission")} ${c.staleCount === 1 ? "was" : "were"} graded.`),
    " ",
    h("span", { className: "row-actions" }, latest, all),
  );
}

function names(list: RegradeView["nowPassing"]): string {
  return list.map(accountName).join(", ");
}

function regradeSummary(r: RegradeView): HTMLElement[] {
  return [
    h("p", { testId: "regrade-changed", text: `${plural(r.changedCount, "verdict")} changed.` }),
    h("p", { testId: "regrade-now-passing", text: r.nowPassing.length ? `Now passing (failed before): ${names(r.nowPassing)}.` : "No learner went from failed to passed." }),
    h("p", { testId: "regrade-now-failing", text: r.nowFailing.length ? `Now failing (passed before): ${names(r.nowFailing)}.` : "No learner went from passed to failed." }),
  ];
}

/** One regrade's panel; `update` redraws it with newer figures. */
function regradePanel(r: RegradeView): { element: HTMLElement; update(next: RegradeView): void } {
  const status = h("p", { className: "regrade__status", testId: "regrade-progress", attrs: { "aria-live": "polite" } });
  const summary = h("div", { testId: "regrade-summary" });
  const what = r.scope === "latest" ? "each learner's latest submission" : "every submission";
  const element = h(
    "article",
    { className: "regrade", testId: "regrade", dataset: { regradeId: r.id, exerciseId: r.exercise.id } },
    h("h3", { text: `Regrade of ${r.exercise.title}`, attrs: { id: `regrade-${r.id}`, tabindex: "-1" } }),
    h("p", { className: "muted", text: `${what[0]!.toUpperCase()}${what.slice(1)}, asked ${formatDateTime(r.createdAt)}${r.requestedBy ? ` by ${accountName(r.requestedBy)}` : " from the command line"}.` }),
    status,
    summary,
  );
  const update = (next: RegradeView) => {
    element.dataset.done = String(next.done);
    status.textContent = next.done ? `Done: ${count(next.regradedCount)} of ${count(next.queuedCount)} regraded.` : `${count(next.regradedCount)} of ${count(next.queuedCount)} regraded…`;
    summary.replaceChildren(...(next.done ? regradeSummary(next) : []));
  };
  update(r);
  return { element, update };
}

/** The section, loaded from `initial`; it reloads itself after starting a regrade and polls while one runs. */
export function regradeSection(courseId: string, initial: { changed: ChangedExercise[]; regrades: RegradeView[] }, signal: AbortSignal): HTMLElement {
  const body = h("div");
  const section = h(
    "section",
    { className: "panel", testId: "regrades", attrs: { "aria-labelledby": "regrades-heading" } },
    h("h2", { text: "Changed exercises", attrs: { id: "regrades-heading" } }),
    h("p", {
      className: "muted",
      text: "When an exercise's cases or reference change, verdicts given before may be stale. A regrade grades them again, behind learners' new submissions; each submission's history keeps its earlier verdict, and its learner sees that it was regraded.",
    }),
    body,
  );
  let timer: number | undefined;
  signal.addEventListener("abort", () => window.clearTimeout(timer));

  const poll = (panels: Map<string, ReturnType<typeof regradePanel>>, running: string[]) => {
    // A page reload draws a new section: this one stops once it is no longer shown.
    if (running.length === 0 || signal.aborted || (timer !== undefined && !section.isConnected)) return;
    timer = window.setTimeout(() => {
      Promise.all(running.map((id) => getRegrade(courseId, id, signal)))
        .then((views) => {
          for (const v of views) panels.get(v.id)?.update(v);
          poll(panels, views.filter((v) => !v.done).map((v) => v.id));
        })
        .catch((error: unknown) => {
          if (!isAbortError(error)) showError(error);
        });
    }, POLL_MS);
  };

  const render = (data: { changed: ChangedExercise[]; regrades: RegradeView[] }, focusId?: string) => {
    window.clearTimeout(timer);
    const panels = new Map(data.regrades.map((r) => [r.id, regradePanel(r)]));
    body.replaceChildren(
      data.changed.length === 0
        ? h("p", { className: "muted", testId: "no-changed-exercises", text: "Every learner's submission was graded against its exercise as it is now." })
        : h("ul", { className: "changed-exercises", testId: "changed-exercises" }, ...data.changed.map((c) => changedItem(c, start))),
      ...[...panels.values()].map((p) => p.element),
    );
    if (focusId) document.getElementById(`regrade-${focusId}`)?.focus();
    poll(panels, data.regrades.filter((r) => !r.done).map((r) => r.id));
  };

  const start = (exercise: string, scope: RegradeScope, button: HTMLButtonElement) => {
    clearError();
    whileBusy(button, "Queuing…", async () => {
      const started = await startRegrade(courseId, exercise, scope);
      return { started, data: await listRegrades(courseId, signal) };
    }).then(({ started, data }) => render(data, started.id), (error: unknown) => {
      if (!isAbortError(error)) showError(error);
    });
  };

  render(initial);
  return section;
}
