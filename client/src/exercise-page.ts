// "#/exercises/<set>/<slug>": instructions and examples on the left; editor, submit and live results on the right.
import { isFinished } from "../../server/grading/states";
import { ApiError, getExercise, getSubmission, isAbortError, submitCode, traceSubmission } from "./api";
import { difficultyDots, progressBadge, updateProgressBadge } from "./badges";
import { initialCode, saveDraft } from "./drafts";
import { h, plural } from "./dom";
import { createEditor, setActiveEditor, type CodeEditor } from "./editor";
import { clearError, showError } from "./error-banner";
import { connectLive, subscribe } from "./live";
import { ResultsPanel } from "./results";
import { ReviewSection } from "./review";
import { authorLink } from "./authoring-links";
import { HistoryPanel, startActivityReporter } from "./history";
import { ExercisePath } from "./next-up";
import { homeHref } from "./router";
import { StepperHost } from "./stepper";
import { SubmissionTracker } from "./tracker";
import { TutorPanel } from "./tutor-panel";
import type { ExerciseDetail, Feedback, SubmissionView, SuspectLine, TestResult } from "./types";

const POLL_MS = 1500;
const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function examplesSection(exercise: ExerciseDetail): HTMLElement {
  const section = h("section", { className: "examples", attrs: { "aria-labelledby": "examples-heading" } }, h("h2", { text: "Tests you can see", attrs: { id: "examples-heading" } }));
  if (exercise.visibleCases.length > 0) {
    section.appendChild(
      h(
        "ul",
        { className: "examples__list" },
        ...exercise.visibleCases.map((example) =>
          example.call === null
            ? h(
                "li",
                { className: "example example--program", dataset: { name: example.name } },
                h("span", { className: "field-label", text: "input " }),
                h("pre", { className: "example__stdin", text: example.stdin || "(none)" }),
                h("span", { className: "field-label", text: "prints " }),
                h("pre", { className: "example__expected", text: example.stdout ?? "" }),
              )
            : h(
            "li",
            { className: "example", dataset: { name: example.name } },
            h("code", { className: "example__call", text: example.call }),
            h("span", { className: "example__arrow", text: " → ", attrs: { "aria-label": "returns" } }),
            example.raises !== null
              ? h("span", { className: "example__raises" }, "raises ", h("code", { text: example.raises }))
              : h("code", { className: "example__expected", text: example.expected ?? "None" }),
          ),
        ),
      ),
    );
  }
  const hidden = exercise.hiddenCaseCount;
  section.appendChild(
    h("p", {
      className: "muted",
      testId: "hidden-count",
      dataset: { count: String(hidden) },
      text: hidden > 0 ? `Plus ${plural(hidden, "hidden test")} that run when you submit.` : "There are no hidden tests.",
    }),
  );
  const seconds = exercise.limits.timeoutMs / 1000;
  section.appendChild(
    h("p", { className: "muted limits", text: `Limits: ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s time · ${exercise.limits.memoryMb} MB memory` }),
  );
  return section;
}

/** A refactoring exercise starts from code that works: the task is to improve it, which the page says first. */
function refactorNote(): HTMLElement {
  return h(
    "p",
    { className: "kind-note", testId: "refactor-note", attrs: { role: "note" } },
    h("strong", { text: "A refactoring exercise. " }),
    "This code already passes every test: make it cleaner, and keep it passing.",
  );
}

/**
 * The lines to mark in the stepper: the tutor's suspect lines when its feedback carries them, else the line the
 * results already name (where an exception was raised).
 */
function suspectLinesFor(test: TestResult, feedback: Feedback | null): SuspectLine[] {
  if (feedback?.suspectLines?.length) return feedback.suspectLines;
  return test.line !== undefined ? [{ line: test.line, score: 1, evidence: "exception" }] : [];
}

export function mountExercisePage(container: HTMLElement, set: string, slug: string): () => void {
  const controller = new AbortController();
  let disposed = false;
  let editor: CodeEditor | null = null;
  let stopTracking: (() => void) | null = null;
  const cleanups: (() => void)[] = [];
  const tutor = new TutorPanel();
  const stepper = new StepperHost();
  // After a pass, the review's line buttons move the editor's cursor (the editor exists by then).
  const review = new ReviewSection((line) => editor?.goToLine(line));
  cleanups.push(() => tutor.dispose(), () => review.dispose(), () => stepper.dispose());

  document.title = "Exercise · Tutor";
  container.replaceChildren(
    h("div", { className: "page", attrs: { "aria-busy": "true" } }, h("a", { className: "back-link", text: "← All exercises", attrs: { href: homeHref } }), h("p", { className: "muted", text: "Loading exercise…" })),
  );

  const render = (exercise: ExerciseDetail) => {
    document.title = `${exercise.title} · Tutor`;
    connectLive(); // after the first API answer, so the learner cookie exists.
    let latestSubmissionId: string | null = exercise.lastSubmission?.id ?? null;
    let busy = false;

    // Left column -------------------------------------------------------------------------------------------
    const path = new ExercisePath(set, slug, controller.signal);
    const badge = progressBadge(exercise.progress);
    const instructions = h("div", { className: "instructions prose" });
    // The only HTML inserted anywhere: the server sanitises instructionsHtml (docs/api.md).
    instructions.innerHTML = exercise.instructionsHtml;
    const info = h(
      "article",
      { className: "exercise-info", attrs: { "aria-labelledby": "exercise-title" } },
      h("a", { className: "back-link", text: "← All exercises", attrs: { href: homeHref } }),
      h("h1", { text: exercise.title, attrs: { id: "exercise-title", tabindex: "-1" } }),
      h("div", { className: "exercise-meta" }, difficultyDots(exercise.difficulty, 5), badge, ...exercise.concepts.map((concept) => h("span", { className: "tag", text: concept })), authorLink(set, slug, controller.signal)),
      ...(exercise.kind === "refactor" ? [refactorNote()] : []),
      path.trail,
      instructions,
      examplesSection(exercise),
    );

    // Right column ------------------------------------------------------------------------------------------
    const editorHost = h("div", { className: "editor", testId: "editor" });
    const submitButton = h("button", { className: "button button--primary", testId: "submit", text: "Submit", attrs: { type: "button", "aria-keyshortcuts": isMac ? "Meta+Enter" : "Control+Enter" } });
    const resetButton = h("button", { className: "button", testId: "reset", text: "Reset to starter", attrs: { type: "button" } });
    const results = new ResultsPanel((submissionId, test, button) => {
      const options = { suspectLines: suspectLinesFor(test, tutor.feedbackFor(submissionId)) };
      void stepper.open((signal) => traceSubmission(submissionId, test.name, signal), `Step through “${test.name}”`, button, options);
    });
    const history = new HistoryPanel(set, slug, controller.signal);
    const activity = startActivityReporter(set, slug);
    cleanups.push(() => history.dispose(), activity.stop);
    const workbench = h(
      "section",
      { className: "workbench", attrs: { "aria-label": "Your solution" } },
      h("div", { className: "workbench__bar" }, h("span", { className: "file-name", text: exercise.file }), h("span", { className: "muted", text: exercise.kind === "refactor" ? "Make it cleaner, keep it passing" : exercise.entry ? `Write the function ${exercise.entry}()` : "Write a program: read input, print output" })),
      editorHost,
      h(
        "div",
        { className: "actions" },
        submitButton,
        h("span", { className: "shortcut muted", text: isMac ? "⌘ + Enter" : "Ctrl + Enter" }),
        h("span", { className: "actions__spacer" }),
        resetButton,
      ),
      results.element,
      path.next,
      tutor.element,
      review.element,
      history.element,
    );

    container.replaceChildren(h("div", { className: "exercise-layout" }, info, workbench, stepper.element));

    const setBusy = (value: boolean) => {
      busy = value;
      submitButton.disabled = value;
      submitButton.textContent = value ? "Grading…" : "Submit";
      submitButton.setAttribute("aria-busy", String(value));
    };

    const refreshProgress = () => {
      getExercise(set, slug, controller.signal)
        .then((fresh) => updateProgressBadge(badge, fresh.progress))
        .catch(() => undefined); // The badge is a nicety; the verdict is already shown.
    };

    const track = (initial: SubmissionView) => {
      stopTracking?.();
      const tracker = new SubmissionTracker(initial.id, initial);
      let timer: number | undefined;
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        unsubscribe();
        if (timer !== undefined) window.clearTimeout(timer);
        if (stopTracking === stop) stopTracking = null;
      };
      const update = () => {
        if (stopped) return;
        results.showTracker(tracker);
        if (tracker.final) {
          stop();
          setBusy(false);
          refreshProgress();
          path.refresh(tracker.final.verdict === "passed");
          history.refresh();
          tutor.show(tracker.final);
          review.show(tracker.final);
        }
      };
      // Socket events are the fast path; polling covers missed events and a dead socket.
      const poll = async () => {
        timer = undefined;
        try {
          const view = await getSubmission(tracker.id, controller.signal);
          if (tracker.applyView(view)) update();
        } catch (error) {
          if (isAbortError(error) || stopped) return;
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
            stop();
            setBusy(false);
            showError(error);
            return;
          }
          // Network hiccup or 5xx: keep trying.
        }
        if (!stopped && !tracker.final) timer = window.setTimeout(poll, POLL_MS);
      };
      const unsubscribe = subscribe(tracker.id, (event) => {
        if (tracker.applyEvent(event)) update();
      });
      stopTracking = stop;
      results.showTracker(tracker);
      if (tracker.final) {
        update();
      } else {
        setBusy(true);
        timer = window.setTimeout(poll, POLL_MS);
      }
    };

    const submit = async () => {
      if (busy || !editor || disposed) return;
      const code = editor.getCode();
      clearError();
      setBusy(true);
      tutor.hide();
      review.hide();
      stepper.dispose(); // It steps through the previous submission's code.
      results.showSubmitting();
      let view: SubmissionView;
      try {
        view = await submitCode(set, slug, code, controller.signal);
      } catch (error) {
        if (isAbortError(error)) return;
        setBusy(false);
        results.clear();
        showError(error);
        return;
      }
      latestSubmissionId = view.id;
      if (editor) saveDraft(exercise.id, { code: editor.getCode(), basedOn: latestSubmissionId });
      track(view);
    };

    editor = createEditor(editorHost, {
      initialCode: initialCode(exercise.id, exercise.starter, exercise.lastSubmission),
      label: `Python code for ${exercise.file}`,
      onChange: (code) => {
        saveDraft(exercise.id, { code, basedOn: latestSubmissionId });
        activity.input();
      },
      onSubmit: () => void submit(),
    });
    setActiveEditor(editor);

    submitButton.addEventListener("click", () => void submit());
    resetButton.addEventListener("click", () => {
      if (!editor) return;
      if (!window.confirm("Replace your code with the starter code? Your current code will be lost.")) return;
      editor.setCode(exercise.starter);
      editor.focus();
    });

    // Ctrl/Cmd+Enter anywhere on the page (inside the editor, CodeMirror handles it and prevents the default).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      event.preventDefault();
      void submit();
    };
    document.addEventListener("keydown", onKeyDown);
    cleanups.push(() => document.removeEventListener("keydown", onKeyDown));

    const last = exercise.lastSubmission;
    if (last && !isFinished(last.state)) {
      track(last); // Reloaded while grading: pick the submission back up.
    } else if (last) {
      results.showView(last, "Last submission");
      tutor.show(last);
      review.show(last);
    }
  };

  getExercise(set, slug, controller.signal)
    .then((exercise) => {
      if (!disposed) render(exercise);
    })
    .catch((error: unknown) => {
      if (isAbortError(error) || disposed) return;
      container.replaceChildren(
        h(
          "div",
          { className: "page" },
          h("a", { className: "back-link", text: "← All exercises", attrs: { href: homeHref } }),
          h("h1", { text: error instanceof ApiError && error.status === 404 ? "Exercise not found" : "Could not load this exercise" }),
          h("p", { className: "muted", text: error instanceof Error ? error.message : "Something went wrong." }),
        ),
      );
      showError(error);
    });

  return () => {
    disposed = true;
    controller.abort();
    stopTracking?.();
    for (const cleanup of cleanups) cleanup();
    if (editor) {
      setActiveEditor(null);
      editor.destroy();
      editor = null;
    }
  };
}
