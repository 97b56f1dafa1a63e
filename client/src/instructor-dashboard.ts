// "#/courses/<id>/dashboard": the class at a glance for the course's instructors. A heatmap of learners ×
// exercises (status as colour, symbol and words), the most failed cases, the concepts behind failures, hint
// usage, what the tutor's review still suggested about passing code, and a learner's timeline on click. While the page is open and visible it polls every 15 seconds, so
// new results show up without a reload (the instructor gets no socket events for other people's work).
import { courseExportHref, getCourse, getCourseDashboard, getLearnerTimeline, isAbortError } from "./api";
import { barChart, stackedBarChart } from "./charts";
import { conceptLink, exerciseIdHref, formatDateTime, statTile } from "./course-ui";
import { h, plural, textWithCode } from "./dom";
import { createCodeView } from "./editor";
import { showError } from "./error-banner";
import { severityLabel } from "./review";
import { courseAnswersHref, courseHref } from "./router";
import { accountName } from "./session";
import { engineLabel } from "./tutor-ui";
import type { CourseDashboard, ExerciseReviewSuggestions, ExerciseStatus, LearnerRef, LearnerTimeline, ReviewSeverity, TimelineEvent } from "./types";

const REFRESH_MS = 15_000;

const cellSymbol: Record<ExerciseStatus, string> = { solved: "✓", attempted: "◐", "not-started": "·" };
const cellWord: Record<ExerciseStatus, string> = { solved: "solved", attempted: "attempted", "not-started": "not started" };

/** Titles by id, filled from the latest dashboard: the timeline has ids only. */
interface Titles {
  exercises: Map<string, string>;
  concepts: Map<string, string>;
}

function heatmapLegend(): HTMLElement {
  return h(
    "ul",
    { className: "heatmap-legend", attrs: { "aria-label": "Legend" } },
    ...(["solved", "attempted", "not-started"] as const).map((status) => h("li", {}, h("span", { className: `heat heat--${status}`, text: cellSymbol[status], attrs: { "aria-hidden": "true" } }), cellWord[status])),
  );
}

function heatmap(data: CourseDashboard, open: (learner: LearnerRef, exerciseId?: string) => void): HTMLElement {
  const cells = new Map(data.cells.map((c) => [`${c.learnerId} ${c.exerciseId}`, c]));
  if (data.learners.length === 0 || data.exercises.length === 0) {
    return h("p", { className: "muted", testId: "heatmap-empty", text: data.learners.length === 0 ? "No learners have joined yet: give them the join code." : "Assign a problem set to see the class's progress here." });
  }
  const row = (learner: LearnerRef) => {
    const name = accountName(learner);
    const nameButton = h("button", { className: "link-button", testId: "learner-button", dataset: { learnerId: learner.id }, text: name, attrs: { type: "button", title: `Open ${name}'s timeline` } });
    nameButton.addEventListener("click", () => open(learner));
    let solved = 0;
    const tds = data.exercises.map((exercise) => {
      const cell = cells.get(`${learner.id} ${exercise.id}`);
      const status: ExerciseStatus = cell?.status ?? "not-started";
      if (status === "solved") solved++;
      const attempts = cell?.attempts ?? 0;
      const hints = cell?.hintsUsed ?? 0;
      const description = `${name} · ${exercise.title}: ${cellWord[status]}${attempts > 0 ? `, ${plural(attempts, "attempt")}` : ""}${hints > 0 ? `, ${plural(hints, "hint")}` : ""}`;
      const button = h(
        "button",
        {
          className: `heat heat--${status}`,
          testId: "heat-cell",
          dataset: { learnerId: learner.id, exerciseId: exercise.id, status, attempts: String(attempts), hints: String(hints) },
          attrs: { type: "button", title: description, "aria-label": description },
        },
        h("span", { className: "heat__symbol", text: cellSymbol[status], attrs: { "aria-hidden": "true" } }),
        attempts > 0 ? h("span", { className: "heat__count", text: String(attempts), attrs: { "aria-hidden": "true" } }) : null,
      );
      button.addEventListener("click", () => open(learner, exercise.id));
      return h("td", {}, button);
    });
    return h("tr", { dataset: { learnerId: learner.id } }, h("th", { attrs: { scope: "row" } }, nameButton), ...tds, h("td", { className: "heatmap__total", text: `${solved}/${data.exercises.length}` }));
  };
  return h(
    "div",
    { className: "heatmap-wrap" },
    h(
      "table",
      { className: "heatmap", testId: "heatmap" },
      h("caption", { className: "visually-hidden", text: "Each learner's status on each assigned exercise; the small number is the attempts. Choose a learner or a cell to open their timeline." }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { text: "Learner", attrs: { scope: "col" } }),
          ...data.exercises.map((e) => h("th", { className: "heatmap__exercise", attrs: { scope: "col", title: e.id } }, h("a", { text: e.title, attrs: { href: exerciseIdHref(e.id) } }))),
          h("th", { text: "Solved", attrs: { scope: "col" } }),
        ),
      ),
      h("tbody", {}, ...data.learners.map(row)),
    ),
  );
}

function charts(data: CourseDashboard, titles: Titles): HTMLElement {
  const title = (id: string) => titles.exercises.get(id) ?? id;
  return h(
    "div",
    { className: "dashboard-grid dashboard-grid--two" },
    h(
      "section",
      { className: "panel panel--full" },
      barChart(
        { title: "Most failed cases", testId: "chart-failed-cases", emptyText: "No failed tests yet." },
        data.mostFailedCases.map((c) => ({ label: `${title(c.exerciseId)} · ${c.caseName}`, value: c.failures, detail: `by ${plural(c.learners, "learner")}` })),
        { label: "Exercise · test", unit: "failures" },
        [{ heading: "Learners", cell: (i) => i.detail ?? "", numeric: true }],
      ),
    ),
    h(
      "section",
      { className: "panel" },
      barChart(
        { title: "Concepts behind failures", testId: "chart-failure-concepts", emptyText: "The tutor has not explained any failures yet." },
        data.failureConcepts.map((c) => ({ label: c.title, value: c.count })),
        { label: "Concept", unit: "failures" },
      ),
      data.failureConcepts.length > 0 ? h("p", { className: "chart__links" }, "Lessons: ", ...data.failureConcepts.slice(0, 6).map((c) => conceptLink(c.id, c.title))) : null,
    ),
    h(
      "section",
      { className: "panel" },
      stackedBarChart(
        { title: "Hints taken per exercise", testId: "chart-hints", emptyText: "No hints taken yet." },
        [
          { label: "Level 1 (nudge)", key: "level1" },
          { label: "Level 2 (where)", key: "level2" },
          { label: "Level 3 (how)", key: "level3" },
        ],
        data.hintUsage.filter((u) => u.level1 + u.level2 + u.level3 > 0).map((u) => ({ label: title(u.exerciseId), values: [u.level1, u.level2, u.level3] })),
        { label: "Exercise", unit: "hints" },
      ),
    ),
  );
}

// ---- How the tutor's answers are received ---------------------------------------------------------------------

const percent = (share: number) => Math.round(share * 100);

function tutorInsights(data: CourseDashboard, titles: Titles, courseId: string): HTMLElement {
  const title = (id: string) => titles.exercises.get(id) ?? id;
  const rated = (r: { helpful: number; rated: number }) => `${r.helpful} of ${r.rated} rated`;
  return h(
    "div",
    { className: "dashboard-grid dashboard-grid--two", testId: "tutor-insights" },
    h(
      "section",
      { className: "panel" },
      barChart(
        { title: "Tutor answers rated helpful, per exercise", testId: "chart-helpful-exercise", emptyText: "No learner has rated an answer about these exercises yet." },
        data.tutorRatings.byExercise.map((r) => ({ label: title(r.exerciseId), value: percent(r.share), detail: rated(r) })),
        { label: "Exercise", unit: "% helpful" },
        [{ heading: "Ratings", cell: (i) => i.detail ?? "", numeric: true }],
      ),
      h("p", { className: "chart__links" }, h("a", { testId: "dashboard-answers-link", text: "Read the tutor's answers and the learners' comments →", attrs: { href: courseAnswersHref(courseId) } })),
    ),
    h(
      "section",
      { className: "panel" },
      barChart(
        { title: "Tutor answers rated helpful, per engine", testId: "chart-helpful-engine", emptyText: "No learner has rated an answer yet." },
        data.tutorRatings.byEngine.map((r) => ({ label: engineLabel(r.engine), value: percent(r.share), detail: rated(r) })),
        { label: "Engine", unit: "% helpful" },
        [{ heading: "Ratings", cell: (i) => i.detail ?? "", numeric: true }],
      ),
    ),
    h(
      "section",
      { className: "panel panel--full" },
      barChart(
        { title: "Where learners take hint 3 most", testId: "chart-hint-three", emptyText: "Nobody has needed hint 3 yet." },
        data.hintThree.map((u) => ({ label: title(u.exerciseId), value: u.taken, detail: `by ${plural(u.learners, "learner")}` })),
        { label: "Exercise", unit: "times hint 3 was taken" },
        [{ heading: "Learners", cell: (i) => i.detail ?? "", numeric: true }],
      ),
    ),
  );
}

// ---- What the review of passing code suggested ---------------------------------------------------------------

const severities: readonly ReviewSeverity[] = ["essential", "actionable", "celebratory"];

function severityOf(value: string): ReviewSeverity {
  return severities.find((s) => s === value) ?? "actionable";
}

function reviewExercise(entry: ExerciseReviewSuggestions, title: string, solved: number): HTMLElement {
  // Most learners first; among equals, essential before actionable, as the learners saw them.
  const ordered = [...entry.suggestions].sort((a, b) => b.learners - a.learners || severities.indexOf(severityOf(a.severity)) - severities.indexOf(severityOf(b.severity)));
  const rows = ordered.map((suggestion) => {
    const severity = severityOf(suggestion.severity);
    // Everyone counted here passed; against those who solved the exercise, the bar shows how common the habit is.
    const of = Math.max(solved, suggestion.learners, 1);
    const fill = h("span", { className: "review-insight__fill" });
    fill.style.width = `${Math.round((suggestion.learners / of) * 100)}%`;
    const count = solved >= suggestion.learners && solved > 0 ? `${suggestion.learners} of ${solved} who solved it` : plural(suggestion.learners, "learner");
    return h(
      "li",
      { className: "review-insight", testId: "review-insight", dataset: { suggestionId: suggestion.id, severity, learners: String(suggestion.learners) } },
      severityLabel(severity),
      h("span", { className: "review-insight__title" }, ...textWithCode(suggestion.title)),
      h("span", { className: "review-insight__bar", attrs: { "aria-hidden": "true" } }, fill),
      h("span", { className: "review-insight__count", testId: "review-insight-count", text: count }),
    );
  });
  return h(
    "li",
    { className: "review-insights__exercise", testId: "review-insight-exercise", dataset: { exerciseId: entry.exerciseId } },
    h("h3", { className: "review-insights__title" }, h("a", { text: title, attrs: { href: exerciseIdHref(entry.exerciseId) } })),
    h("ol", { className: "review-insights__list", attrs: { "aria-label": `Suggestions for ${title}, most learners first` } }, ...rows),
  );
}

/** Per exercise, the review suggestions most learners' passing code got: what to teach next though the tests pass. */
function reviewInsights(data: CourseDashboard, titles: Titles): HTMLElement {
  const solved = new Map<string, number>();
  for (const cell of data.cells) if (cell.status === "solved") solved.set(cell.exerciseId, (solved.get(cell.exerciseId) ?? 0) + 1);
  const entries = data.reviewSuggestions.filter((entry) => entry.suggestions.length > 0);
  return h(
    "section",
    { className: "panel review-insights", testId: "review-insights", attrs: { "aria-labelledby": "review-insights-heading" } },
    h("h2", { text: "What passing code could still learn", attrs: { id: "review-insights-heading" } }),
    h("p", { className: "muted review-insights__lead", text: "After a pass, the tutor reviews the learner's code. These are the suggestions it made most often, per exercise: habits worth a lesson even though every test passes." }),
    entries.length === 0
      ? h("p", { className: "muted", testId: "review-insights-empty", text: "No passing code has been reviewed yet. Once learners pass an exercise and read the tutor's review, its most common suggestions show here." })
      : h("ul", { className: "review-insights__exercises" }, ...entries.map((entry) => reviewExercise(entry, titles.exercises.get(entry.exerciseId) ?? entry.exerciseId, solved.get(entry.exerciseId) ?? 0))),
  );
}

function summary(data: CourseDashboard): HTMLElement {
  const s = data.summary;
  const cells = s.solvedCells + s.attemptedCells + s.notStartedCells;
  const percent = (n: number) => (cells === 0 ? "0%" : `${Math.round((n / cells) * 100)}%`);
  return h(
    "div",
    { className: "stats", testId: "class-summary" },
    statTile(String(s.learners), s.learners === 1 ? "learner" : "learners", "stat-learners"),
    statTile(percent(s.solvedCells), `solved (${s.solvedCells} of ${cells})`, "stat-solved-cells"),
    statTile(percent(s.attemptedCells), `attempted, not solved (${s.attemptedCells})`, "stat-attempted-cells"),
    statTile(percent(s.notStartedCells), `not started (${s.notStartedCells})`, "stat-not-started-cells"),
  );
}

// ---- A learner's timeline ------------------------------------------------------------------------------------

function verdictText(submission: NonNullable<TimelineEvent["submission"]>): string {
  const score = submission.totalCount ? ` · ${submission.passedCount ?? 0}/${submission.totalCount} tests` : "";
  return `${submission.verdict ?? "not graded"}${score}`;
}

function timelineEvent(event: TimelineEvent, titles: Titles, cleanups: (() => void)[]): HTMLElement {
  const exercise = h("a", { className: "timeline__exercise", text: titles.exercises.get(event.exerciseId) ?? event.exerciseId, attrs: { href: exerciseIdHref(event.exerciseId) } });
  const head = h("div", { className: "timeline__head" }, h("time", { className: "muted", text: formatDateTime(event.at), attrs: { datetime: event.at } }), exercise);
  const item = h("li", { className: `timeline__event timeline__event--${event.kind}`, testId: "timeline-event", dataset: { kind: event.kind, exerciseId: event.exerciseId } }, head);
  if (event.kind === "submission" && event.submission) {
    const submission = event.submission;
    const passed = submission.verdict === "passed";
    head.appendChild(h("span", { className: `verdict-chip verdict-chip--${passed ? "passed" : "failed"}`, testId: "timeline-verdict", dataset: { verdict: submission.verdict ?? "" }, text: `${passed ? "✓" : "✗"} ${verdictText(submission)}` }));
    const failing = submission.results.filter((r) => r.status !== "passed").map((r) => r.name);
    if (failing.length > 0) item.appendChild(h("p", { className: "timeline__detail muted", text: `Failed: ${failing.slice(0, 6).join(", ")}${failing.length > 6 ? ", …" : ""}` }));
    const codeHost = h("div", { className: "code-view", testId: "timeline-code" });
    const details = h("details", { className: "timeline__code" }, h("summary", { text: "Code" }), codeHost);
    details.addEventListener("toggle", () => {
      if (!details.open || codeHost.childElementCount > 0) return;
      const view = createCodeView(codeHost, submission.code, `Code submitted ${formatDateTime(event.at)} (read-only)`);
      cleanups.push(() => view.destroy());
    });
    item.appendChild(details);
  } else if (event.kind === "hint" && event.hint) {
    head.appendChild(h("span", { className: "hint-chip", testId: "timeline-hint", dataset: { level: String(event.hint.level) }, text: `Took hint ${event.hint.level}` }));
  } else if (event.kind === "feedback") {
    head.appendChild(h("span", { className: "muted", text: "The tutor explained the failure" }));
    const concepts = event.concepts ?? [];
    if (concepts.length > 0) item.appendChild(h("p", { className: "timeline__detail" }, "Concepts: ", ...concepts.map((id) => conceptLink(id, titles.concepts.get(id) ?? id))));
  }
  return item;
}

class TimelinePanel {
  readonly element = h("section", { className: "panel timeline", testId: "timeline", attrs: { hidden: true, "aria-labelledby": "timeline-heading", tabindex: "-1" } });
  private controller: AbortController | null = null;
  private cleanups: (() => void)[] = [];

  constructor(
    private readonly courseId: string,
    private readonly titles: Titles,
  ) {}

  open(learner: LearnerRef, exerciseId?: string): void {
    this.close();
    this.controller = new AbortController();
    const heading = h("h2", { text: `${accountName(learner)}'s timeline`, attrs: { id: "timeline-heading" } });
    const closeButton = h("button", { className: "button button--small", testId: "timeline-close", text: "Close", attrs: { type: "button" } });
    closeButton.addEventListener("click", () => this.close());
    const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading…" }));
    this.element.dataset.learnerId = learner.id;
    this.element.replaceChildren(h("div", { className: "timeline__top" }, heading, closeButton), body);
    this.element.hidden = false;
    this.element.scrollIntoView({ block: "start", behavior: "smooth" });
    this.element.focus({ preventScroll: true });
    getLearnerTimeline(this.courseId, learner.id, this.controller.signal).then(
      (timeline) => {
        body.removeAttribute("aria-busy");
        body.replaceChildren(...this.render(timeline, exerciseId));
        this.element.dataset.state = "ready";
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        body.removeAttribute("aria-busy");
        body.replaceChildren(h("p", { className: "muted", text: "The timeline could not be loaded." }));
        showError(error);
      },
    );
  }

  private render(timeline: LearnerTimeline, exerciseId?: string): Node[] {
    const exercises = [...new Set(timeline.events.map((e) => e.exerciseId))];
    const filter = h(
      "select",
      { className: "select", testId: "timeline-filter", attrs: { id: "timeline-filter" } },
      h("option", { text: "All exercises", attrs: { value: "" } }),
      ...exercises.map((id) => h("option", { text: this.titles.exercises.get(id) ?? id, attrs: { value: id, selected: id === exerciseId } })),
    );
    const list = h("ol", { className: "timeline__list", attrs: { reversed: true } });
    const show = () => {
      const events = timeline.events.filter((e) => !filter.value || e.exerciseId === filter.value);
      list.replaceChildren(...(events.length === 0 ? [h("li", { className: "muted", text: "Nothing yet." })] : events.map((e) => timelineEvent(e, this.titles, this.cleanups))));
    };
    filter.addEventListener("change", show);
    show();
    const counts = timeline.events.reduce((acc, e) => ({ ...acc, [e.kind]: (acc[e.kind] ?? 0) + 1 }), {} as Record<string, number>);
    return [
      h(
        "p",
        { className: "muted" },
        `${timeline.learner.email ?? ""} · ${plural(counts.submission ?? 0, "submission")}, ${plural(counts.hint ?? 0, "hint")} · newest first · `,
        h("label", { text: "Show ", attrs: { for: "timeline-filter" } }),
        filter,
      ),
      list,
    ];
  }

  close(): void {
    this.controller?.abort();
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
    this.element.hidden = true;
    delete this.element.dataset.state;
  }
}

export function mountInstructorDashboard(container: HTMLElement, courseId: string): () => void {
  const controller = new AbortController();
  let disposed = false;
  let timer: number | undefined;
  let shown = "";
  const titles: Titles = { exercises: new Map(), concepts: new Map() };
  const timeline = new TimelinePanel(courseId, titles);
  document.title = "Class dashboard · Tutor";
  const heading = h("h1", { text: "Class dashboard", attrs: { tabindex: "-1" } });
  const updated = h("span", { className: "muted", testId: "dashboard-updated" });
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading the class…" }));
  container.replaceChildren(
    h(
      "div",
      { className: "page", testId: "instructor-dashboard" },
      h("a", { className: "back-link", text: "← Course page", attrs: { href: courseHref(courseId) } }),
      h(
        "div",
        { className: "page-head" },
        heading,
        h("span", { className: "page-head__actions" }, updated, h("a", { className: "button", testId: "open-answers", text: "The tutor's answers", attrs: { href: courseAnswersHref(courseId) } }), h("a", { className: "button", testId: "export-csv", text: "Download CSV", attrs: { href: courseExportHref(courseId), download: "" } })),
      ),
      body,
      timeline.element,
    ),
  );

  const render = (data: CourseDashboard) => {
    for (const e of data.exercises) titles.exercises.set(e.id, e.title);
    for (const c of data.failureConcepts) titles.concepts.set(c.id, c.title);
    body.removeAttribute("aria-busy");
    body.replaceChildren(
      summary(data),
      h(
        "section",
        { className: "panel", attrs: { "aria-labelledby": "heatmap-heading" } },
        h("div", { className: "panel__head" }, h("h2", { text: "Who solved what", attrs: { id: "heatmap-heading" } }), heatmapLegend()),
        heatmap(data, (learner, exerciseId) => timeline.open(learner, exerciseId)),
      ),
      charts(data, titles),
      tutorInsights(data, titles, courseId),
      reviewInsights(data, titles),
    );
  };

  let loading = false;
  const refresh = async () => {
    timer = undefined;
    if (loading) return;
    loading = true;
    try {
      const data = await getCourseDashboard(courseId, controller.signal);
      const json = JSON.stringify(data);
      // Re-draw only when something changed, so focus and open "Show the numbers" stay put.
      if (json !== shown && !disposed) {
        const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset : null;
        render(data);
        shown = json;
        if (focused?.testid) {
          const selector = `[data-testid="${focused.testid}"]${focused.learnerId ? `[data-learner-id="${focused.learnerId}"]` : ""}${focused.exerciseId ? `[data-exercise-id="${CSS.escape(focused.exerciseId)}"]` : ""}`;
          body.querySelector<HTMLElement>(selector)?.focus();
        }
      }
      updated.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every ${REFRESH_MS / 1000} s`;
    } catch (error) {
      if (isAbortError(error) || disposed) return;
      if (!shown) {
        body.removeAttribute("aria-busy");
        body.replaceChildren(h("p", { className: "muted", text: "The class dashboard could not be loaded." }));
        showError(error);
        return; // A refusal (not the course's instructor) will not change by polling.
      }
      updated.textContent = "Could not refresh; trying again…";
    } finally {
      loading = false;
    }
    schedule();
  };
  const schedule = () => {
    if (disposed || timer !== undefined || document.visibilityState !== "visible") return;
    timer = window.setTimeout(() => void refresh(), REFRESH_MS);
  };
  // A hidden tab stops polling; coming back refreshes at once.
  const onVisibility = () => {
    if (document.visibilityState !== "visible" || disposed || !shown) return;
    if (timer !== undefined) window.clearTimeout(timer);
    void refresh();
  };
  document.addEventListener("visibilitychange", onVisibility);

  getCourse(courseId, controller.signal).then(
    (course) => {
      heading.textContent = `${course.name}: class dashboard`;
      document.title = `${course.name} · Class dashboard · Tutor`;
    },
    () => undefined, // The dashboard request reports the same refusal.
  );
  void refresh();

  return () => {
    disposed = true;
    controller.abort();
    if (timer !== undefined) window.clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
    timeline.close();
  };
}
