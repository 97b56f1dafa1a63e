// "#/author/<set>/<slug>": an instructor edits an exercise (exercise.yaml's fields, instructions, starter,
// reference, cases) beside a live preview of what learners will see, runs the checker, accepts cases the tutor
// proposes from the reference, and saves. "#/author/new" creates an exercise in a set, then opens it here.
import { ApiError, isAbortError } from "./api";
import {
  type AuthoringView,
  canAuthor,
  checkDraft,
  type CheckView,
  createExercise,
  type ExerciseDraft,
  type ExerciseProblem,
  listAuthoringSets,
  previewDraft,
  proposeCases,
  saveDraft,
  readExerciseDraft,
} from "./authoring-api";
import { CasesTable, proposalList } from "./authoring-cases";
import { difficultyDots } from "./badges";
import { h, plural } from "./dom";
import { createEditor, type CodeEditor } from "./editor";
import { clearError, showError } from "./error-banner";
import { examplesSection } from "./exercise-page";
import { newRequestId, subscribeTutor } from "./live";
import { authorHref, exerciseHref, homeHref } from "./router";
import type { ExerciseDetail } from "./types";

const PREVIEW_DELAY_MS = 300;

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h("label", { className: "author-field" }, h("span", { className: "author-field__label", text: label }), control, hint ? h("span", { className: "muted author-hint", text: hint }) : null);
}

/** The learner page's left column, from the same view the learner's page gets. */
function previewArticle(exercise: ExerciseDetail): HTMLElement {
  const instructions = h("div", { className: "instructions prose", testId: "preview-instructions" });
  // Sanitised by the server's renderer, exactly as on the learner's page (docs/api.md).
  instructions.innerHTML = exercise.instructionsHtml;
  return h(
    "article",
    { className: "exercise-info author-preview__page" },
    h("h1", { text: exercise.title }),
    h("div", { className: "exercise-meta" }, difficultyDots(exercise.difficulty, 5), ...exercise.concepts.map((concept) => h("span", { className: "tag", text: concept }))),
    instructions,
    examplesSection(exercise),
    h("p", { className: "muted", text: `Starts from ${exercise.file}${exercise.entry ? `, writing ${exercise.entry}()` : ""}.` }),
  );
}

function problemList(problems: ExerciseProblem[]): HTMLElement {
  return h(
    "ul",
    { className: "author-problems__list" },
    ...problems.map((p) => h("li", { testId: "author-problem" }, h("code", { text: `${p.file}${p.field ? ` (${p.field})` : ""}` }), `: ${p.message}`)),
  );
}

function checkTable(check: CheckView): HTMLElement {
  const status = (r: { status: string; message: string | null } | null) =>
    h("td", { className: `author-check__status author-check__status--${r?.status ?? "none"}`, text: r ? r.status : "—", attrs: { title: r?.message ?? "" } });
  return h(
    "div",
    { className: "author-check__result", testId: "check-result", dataset: { ready: String(check.ready) } },
    h("p", { className: check.ready ? "author-check__verdict author-check__verdict--ready" : "author-check__verdict", text: check.ready ? "Ready: the reference passes every case and the starter fails at least one." : `${plural(check.problems.length, "problem")} to fix.` }),
    h("p", { className: "muted", text: `Reference ${check.reference} · starter ${check.starter}` }),
    check.rows.length
      ? h(
          "table",
          { className: "author-check__table" },
          h("thead", {}, h("tr", {}, ...["Case", "Reference", "Starter"].map((t) => h("th", { text: t, attrs: { scope: "col" } })))),
          h(
            "tbody",
            {},
            ...check.rows.map((r) =>
              h("tr", { testId: "check-row", dataset: { name: r.name, reference: r.reference?.status ?? "", starter: r.starter?.status ?? "" } }, h("td", { text: `${r.name}${r.hidden ? " (hidden)" : ""}` }), status(r.reference), status(r.starter)),
            ),
          ),
        )
      : null,
    check.problems.length ? h("ul", { className: "author-problems__list" }, ...check.problems.map((p) => h("li", { testId: "check-problem", text: p }))) : null,
  );
}

/** exercise.yaml's fields the page edits; the others (such as `source`) are kept as they were. */
function manifestFields(draft: ExerciseDraft, changed: () => void): HTMLElement {
  const m = draft.manifest;
  const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
  const input = (key: string, label: string, testId: string, hint?: string) => {
    const el = h("input", { className: "author-input", testId, attrs: { type: "text", spellcheck: "false" } });
    el.value = str(m[key]);
    el.addEventListener("input", () => {
      m[key] = el.value;
      changed();
    });
    return field(label, el, hint);
  };
  const difficulty = h("select", { className: "author-input", testId: "author-difficulty" }, ...[1, 2, 3, 4, 5].map((d) => h("option", { text: String(d), attrs: { value: String(d) } })));
  difficulty.value = str(m.difficulty ?? 1);
  difficulty.addEventListener("change", () => {
    m.difficulty = Number(difficulty.value);
    changed();
  });
  const concepts = h("input", { className: "author-input", testId: "author-concepts", attrs: { type: "text", spellcheck: "false" } });
  concepts.value = Array.isArray(m.concepts) ? m.concepts.join(", ") : "";
  concepts.addEventListener("input", () => {
    m.concepts = concepts.value.split(",").map((c) => c.trim()).filter(Boolean);
    changed();
  });
  const hints = h("textarea", { className: "author-input author-input--small", testId: "author-hints", attrs: { rows: 2 } });
  hints.value = Array.isArray(m.hints) ? m.hints.join("\n") : "";
  hints.addEventListener("input", () => {
    const lines = hints.value.split("\n").map((l) => l.trim()).filter(Boolean);
    m.hints = lines.length ? lines : undefined;
    changed();
  });
  return h(
    "fieldset",
    { className: "author-manifest" },
    h("legend", { text: "exercise.yaml" }),
    input("title", "Title", "author-title"),
    input("summary", "Summary", "author-summary", "One sentence, shown in the list."),
    field("Difficulty", difficulty),
    field("Concepts", concepts, "Concept ids, separated by commas, such as off-by-one."),
    input("file", "Learner's file", "author-file", "Such as shout.py."),
    input("entry", "Function under test", "author-entry", "Needed when a case uses a call."),
    field("Level-1 hints", hints, "One per line (optional)."),
  );
}

export function mountAuthoringPage(container: HTMLElement, set: string, slug: string): () => void {
  const controller = new AbortController();
  const editors: CodeEditor[] = [];
  const cleanups: (() => void)[] = [];
  let disposed = false;
  document.title = "Edit exercise · Tutor";
  container.replaceChildren(h("div", { className: "page", attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading the exercise's files…" })));

  const render = (view: AuthoringView) => {
    const draft: ExerciseDraft = view.draft;
    let version = view.version;
    let previewTimer: number | undefined;
    let previewController: AbortController | null = null;
    const status = h("span", { className: "muted author-status", testId: "author-status", text: "No changes yet." });
    const problems = h("div", { className: "author-problems", testId: "author-problems", attrs: { "aria-live": "polite" } });
    const preview = h("div", { className: "author-preview", testId: "author-preview", attrs: { "aria-live": "polite" } });
    const checkPanel = h("div", { className: "author-check", testId: "author-check" });
    const proposals = h("div", { className: "author-proposals", testId: "author-proposals" });
    const showProblems = (list: ExerciseProblem[], title: string) =>
      problems.replaceChildren(...(list.length ? [h("p", { className: "author-problems__title", text: title }), problemList(list)] : []));
    showProblems(view.problems, "The files on disk have problems:");

    const refreshPreview = async () => {
      previewController?.abort();
      const mine = new AbortController();
      previewController = mine;
      try {
        const result = await previewDraft(set, slug, draft, mine.signal);
        if (mine.signal.aborted || disposed) return;
        showProblems(result.problems, "Not valid yet (the preview shows the last valid version):");
        if (result.preview) preview.replaceChildren(previewArticle(result.preview));
        preview.dataset.valid = String(result.preview !== null);
      } catch (error) {
        if (!isAbortError(error)) showError(error);
      }
    };
    const changed = () => {
      status.textContent = "Unsaved changes.";
      status.dataset.state = "dirty";
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(() => void refreshPreview(), PREVIEW_DELAY_MS);
    };
    cleanups.push(() => {
      window.clearTimeout(previewTimer);
      previewController?.abort();
    });

    const instructions = h("textarea", { className: "author-input author-instructions", testId: "author-instructions", attrs: { rows: 12, spellcheck: "true", "aria-label": "Instructions (README.md, markdown)" } });
    instructions.value = draft.instructions;
    instructions.addEventListener("input", () => {
      draft.instructions = instructions.value;
      changed();
    });
    const codeEditor = (key: "starter" | "solution", label: string, testId: string) => {
      const host = h("div", { className: "editor author-editor", testId });
      const editor = createEditor(host, {
        initialCode: draft[key],
        label,
        onChange: (code) => {
          draft[key] = code;
          changed();
        },
      });
      editors.push(editor);
      return host;
    };
    const cases = new CasesTable(draft.cases, () => {
      draft.cases = cases.value;
      changed();
    });

    // Check, propose, save: each reports its progress beside its result and keeps the button busy meanwhile.
    const checkButton = h("button", { className: "button", testId: "author-check-button", text: "Check", attrs: { type: "button" } });
    const proposeButton = h("button", { className: "button", testId: "author-propose-button", text: "Propose cases", attrs: { type: "button" } });
    const saveButton = h("button", { className: "button button--primary", testId: "author-save-button", text: "Save", attrs: { type: "button" } });
    const busy = (button: HTMLButtonElement, label: string | null, original: string) => {
      button.disabled = label !== null;
      button.textContent = label ?? original;
      button.setAttribute("aria-busy", String(label !== null));
    };
    const withProgress = async <T>(panel: HTMLElement, first: string, work: (requestId: string) => Promise<T>): Promise<T> => {
      const requestId = newRequestId();
      const line = h("p", { className: "author-progress", testId: "author-progress", text: first });
      panel.replaceChildren(h("div", { className: "author-progress__bar", attrs: { role: "progressbar", "aria-label": first } }), line);
      const unsubscribe = subscribeTutor(requestId, (event) => {
        if (event.type === "progress") line.textContent = event.message;
      });
      try {
        return await work(requestId);
      } finally {
        unsubscribe();
      }
    };

    checkButton.addEventListener("click", async () => {
      clearError();
      busy(checkButton, "Checking…", "Check");
      try {
        const check = await withProgress(checkPanel, "Checking in the sandbox…", (id) => checkDraft(set, slug, draft, id, controller.signal));
        checkPanel.replaceChildren(checkTable(check));
      } catch (error) {
        if (isAbortError(error)) return;
        checkPanel.replaceChildren();
        if (error instanceof ApiError && error.code === "invalid-draft") showProblems(error.details as ExerciseProblem[], "Fix these first:");
        showError(error);
      } finally {
        busy(checkButton, null, "Check");
      }
    });

    proposeButton.addEventListener("click", async () => {
      clearError();
      busy(proposeButton, "Proposing…", "Propose cases");
      try {
        const result = await withProgress(proposals, "The tutor is running the reference solution on proposed calls…", (id) => proposeCases(set, slug, draft, id, controller.signal));
        const fresh = result.cases.filter((c) => !cases.has(c.call));
        proposals.replaceChildren(
          h("p", { className: "muted", text: fresh.length ? `${plural(fresh.length, "case")} for ${result.function}(), expected values from running the reference. Their mutants caught: ${result.mutation.killed} of ${result.mutation.total}.` : "No new cases to propose: the table already has them." }),
          proposalList(fresh, (c) => cases.add({ ...c })),
        );
      } catch (error) {
        if (isAbortError(error)) return;
        proposals.replaceChildren();
        showError(error);
      } finally {
        busy(proposeButton, null, "Propose cases");
      }
    });

    saveButton.addEventListener("click", async () => {
      clearError();
      busy(saveButton, "Checking and saving…", "Save");
      try {
        const saved = await withProgress(checkPanel, "Checking before saving…", (id) => saveDraft(set, slug, draft, version, id));
        version = saved.version;
        checkPanel.replaceChildren(checkTable(saved.check));
        showProblems([], "");
        status.textContent = "Saved: learners see this version now.";
        status.dataset.state = "saved";
      } catch (error) {
        checkPanel.replaceChildren();
        if (error instanceof ApiError && error.code === "invalid-draft") showProblems(error.details as ExerciseProblem[], "Not saved. Fix these first:");
        status.textContent = "Not saved.";
        status.dataset.state = "error";
        showError(error);
      } finally {
        busy(saveButton, null, "Save");
      }
    });

    const title = typeof draft.manifest.title === "string" ? draft.manifest.title : view.id;
    document.title = `Edit ${title} · Tutor`;
    container.replaceChildren(
      h(
        "div",
        { className: "page page--wide authoring", testId: "authoring-page", dataset: { exerciseId: view.id } },
        h("a", { className: "back-link", text: "← Learner's page", attrs: { href: exerciseHref(set, slug) } }),
        h("h1", { text: `Edit ${view.id}` }),
        h("div", { className: "actions author-actions" }, checkButton, proposeButton, h("span", { className: "actions__spacer" }), status, saveButton),
        problems,
        h(
          "div",
          { className: "authoring-layout" },
          h(
            "section",
            { className: "authoring-editors", attrs: { "aria-label": "The exercise's files" } },
            manifestFields(draft, changed),
            field("Instructions (README.md, markdown)", instructions),
            h("h2", { text: "Starter (what learners start from)" }),
            codeEditor("starter", "Starter code", "author-starter"),
            h("h2", { text: "Reference solution (never shown to learners)" }),
            codeEditor("solution", "Reference solution", "author-solution"),
            h("h2", { text: "Cases" }),
            cases.element,
            h("h2", { text: "Proposed cases" }),
            proposals,
          ),
          h("aside", { className: "authoring-side", attrs: { "aria-label": "Check and preview" } }, h("h2", { text: "Check" }), checkPanel, h("h2", { text: "What learners see" }), preview),
        ),
      ),
    );
    void refreshPreview();
  };

  canAuthor(controller.signal)
    .then((allowed) => {
      if (!allowed) throw new ApiError("Only instructors may edit exercises. Sign in with an instructor account.", 403, "forbidden");
      return readExerciseDraft(set, slug, controller.signal);
    })
    .then((view) => {
      if (!disposed) render(view);
    })
    .catch((error: unknown) => {
      if (isAbortError(error) || disposed) return;
      container.replaceChildren(
        h("div", { className: "page" }, h("a", { className: "back-link", text: "← All exercises", attrs: { href: homeHref } }), h("h1", { text: "Cannot edit this exercise" }), h("p", { className: "muted", text: error instanceof Error ? error.message : "Something went wrong." })),
      );
      showError(error);
    });

  return () => {
    disposed = true;
    controller.abort();
    for (const cleanup of cleanups) cleanup();
    for (const editor of editors) editor.destroy();
  };
}

/** "#/author/new": a set (existing or new) and a folder name; the exercise starts from a template that checks. */
export function mountNewExercisePage(container: HTMLElement): () => void {
  const controller = new AbortController();
  document.title = "New exercise · Tutor";
  const setInput = h("input", { className: "author-input", testId: "new-set", attrs: { type: "text", list: "author-sets", required: true, spellcheck: "false" } });
  const slugInput = h("input", { className: "author-input", testId: "new-slug", attrs: { type: "text", required: true, spellcheck: "false", pattern: "[a-z0-9][a-z0-9_-]*" } });
  const titleInput = h("input", { className: "author-input", testId: "new-title", attrs: { type: "text", maxlength: 120 } });
  const sets = h("datalist", { attrs: { id: "author-sets" } });
  const create = h("button", { className: "button button--primary", testId: "new-create", text: "Create", attrs: { type: "submit" } });
  const form = h(
    "form",
    { className: "author-new" },
    field("Set", setInput, "An existing set, or a new folder name."),
    field("Folder name", slugInput, "Lower-case letters, digits, - and _, such as word-count."),
    field("Title", titleInput),
    sets,
    create,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    create.disabled = true;
    try {
      const created = await createExercise(setInput.value.trim(), slugInput.value.trim(), titleInput.value.trim());
      window.location.hash = authorHref(created.set, created.slug);
    } catch (error) {
      showError(error);
    } finally {
      create.disabled = false;
    }
  });
  container.replaceChildren(h("div", { className: "page", testId: "new-exercise-page" }, h("a", { className: "back-link", text: "← All exercises", attrs: { href: homeHref } }), h("h1", { text: "New exercise" }), form));
  listAuthoringSets(controller.signal)
    .then((list) => {
      sets.replaceChildren(...list.map((s) => h("option", { attrs: { value: s.name } })));
      if (list[0]) setInput.value = list[0].name;
    })
    .catch((error: unknown) => {
      if (!isAbortError(error)) showError(error);
    });
  return () => controller.abort();
}
