// "#/tools": paste any Python and ask the tutor to explain a function, write docstrings, generate unit tests
// (with a mutation score), or review it (the suggestions a teacher would make, drawn as on the exercise page).
// Each request carries a fresh requestId so its progress events find it.
import { explainFunction, generateTests, isAbortError, reviewCode, traceCall, writeDocstrings } from "./api";
import { h, plural, textWithCode } from "./dom";
import { createCodeView, createEditor, setActiveEditor, type CodeEditor } from "./editor";
import { clearError, showError } from "./error-banner";
import { connectLive, newRequestId, subscribeTutor } from "./live";
import { ratingControl } from "./rating";
import { renderReview } from "./review";
import { StepperHost } from "./stepper";
import { copyableBlock, copyButton, noteLine, WorkingLine } from "./tutor-ui";
import type { DocumentedCode, FunctionExplanation, GeneratedCase, GeneratedTests, Review } from "./types";

type Tool = "explain" | "docstrings" | "tests" | "review";

const STORAGE_KEY = "tutor:tools:code";

const EXAMPLE = `def average(numbers):
    total = 0
    for n in numbers:
        total += n
    return total / len(numbers)
`;

const tools: Record<Tool, { label: string; busy: string; working: string; testId: string; answerName: string }> = {
  explain: { label: "Explain this function", busy: "Explaining…", working: "The tutor is reading your function…", testId: "tools-explain", answerName: "explanation" },
  docstrings: { label: "Write docstrings", busy: "Writing…", working: "The tutor is writing docstrings…", testId: "tools-docstrings", answerName: "documented code" },
  tests: { label: "Generate unit tests", busy: "Generating…", working: "The tutor is writing and checking tests…", testId: "tools-tests", answerName: "set of tests" },
  review: { label: "Review this code", busy: "Reviewing…", working: "The tutor is reading the code for what could be clearer…", testId: "tools-review", answerName: "review" },
};

function loadCode(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? EXAMPLE;
  } catch {
    return EXAMPLE;
  }
}

function saveCode(code: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // A convenience only.
  }
}

function fnName(name: string): HTMLElement {
  return h("code", { text: `${name}()` });
}

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h("section", { className: "tool-section" }, h("h3", { className: "tool-section__title", text: title }), ...children);
}

// ---- explanation -------------------------------------------------------------------------------------------

/** `stepThrough` opens the stepper on the example's call. */
function renderExplanation(result: FunctionExplanation, stepThrough: (call: string, button: HTMLButtonElement) => void): HTMLElement {
  const root = h(
    "div",
    { className: "tool-result", testId: "tools-result", dataset: { kind: "explain", engine: result.engine, function: result.function } },
    h("h2", { className: "tool-result__title" }, "What ", fnName(result.function), " does"),
    h("p", { className: "tool-result__summary", testId: "tools-summary" }, ...textWithCode(result.summary)),
  );
  if (result.note) root.appendChild(noteLine(result.note, "tools-note"));

  if (result.steps.length > 0) {
    root.appendChild(
      section(
        "Step by step",
        h(
          "table",
          { className: "data-table steps-table", testId: "tools-steps" },
          h("thead", {}, h("tr", {}, h("th", { text: "Line", attrs: { scope: "col" } }), h("th", { text: "What happens", attrs: { scope: "col" } }))),
          h(
            "tbody",
            {},
            ...result.steps.map((step) =>
              h("tr", { testId: "tools-step", dataset: { line: String(step.line) } }, h("td", { className: "data-table__num", text: String(step.line) }), h("td", {}, ...textWithCode(step.text))),
            ),
          ),
        ),
      ),
    );
  }

  root.appendChild(
    section(
      "Inputs",
      result.inputs.length > 0
        ? h("dl", { className: "inputs", testId: "tools-inputs" }, ...result.inputs.flatMap((input) => [h("dt", {}, h("code", { text: input.name })), h("dd", {}, ...textWithCode(input.description))]))
        : h("p", { className: "muted", text: "It takes no inputs." }),
    ),
  );
  root.appendChild(section("What it gives back", h("p", { testId: "tools-output" }, ...textWithCode(result.output))));

  if (result.example) {
    const repl = h(
      "pre",
      { className: "repl", testId: "tools-example" },
      h("span", { className: "repl__prompt", text: ">>> ", attrs: { "aria-hidden": "true" } }),
      h("span", { className: "repl__call", text: result.example.call }),
      "\n",
      h("span", { className: "repl__result", text: result.example.result }),
    );
    const step = h("button", { className: "button button--small", testId: "tools-step-through", text: "Step through this example", attrs: { type: "button" } });
    const call = result.example.call;
    step.addEventListener("click", () => stepThrough(call, step));
    root.appendChild(section("An example, run in the sandbox", repl, h("div", { className: "tool-result__actions" }, step, h("span", { className: "muted", text: "Watch it run, line by line." }))));
  }
  return root;
}

// ---- docstrings --------------------------------------------------------------------------------------------

function renderDocstrings(result: DocumentedCode, useInEditor: (code: string) => void, track: (destroy: () => void) => void): HTMLElement {
  const use = h("button", { className: "button button--small", testId: "tools-use-code", text: "Use in editor", attrs: { type: "button" } });
  use.addEventListener("click", () => useInEditor(result.code));
  const viewHost = h("div", { className: "code-view", testId: "tools-docstring-code" });
  const view = createCodeView(viewHost, result.code, "The code with docstrings (read-only)");
  track(() => view.destroy());

  const functions = result.functions;
  const summary =
    functions.length > 0
      ? h("p", { className: "tool-result__summary" }, `Added ${functions.length === 1 ? "a docstring" : "docstrings"} to `, ...functions.flatMap((name, i) => [i > 0 ? (i === functions.length - 1 ? " and " : ", ") : "", fnName(name)]), ".")
      : h("p", { className: "tool-result__summary", text: "Every function already had a docstring, so nothing was added." });

  return h(
    "div",
    { className: "tool-result", testId: "tools-result", dataset: { kind: "docstrings" } },
    h("h2", { className: "tool-result__title", text: "Your code, with docstrings" }),
    summary,
    result.sameAst ? h("p", { className: "muted", text: "Only docstrings were added: the program itself is unchanged (checked in the sandbox)." }) : null,
    h(
      "div",
      { className: "code-card" },
      h("div", { className: "code-card__bar" }, h("span", { className: "file-name", text: "snippet.py" }), h("span", { className: "code-card__actions" }, copyButton(() => result.code, "the code with docstrings", "docstrings"), use)),
      viewHost,
    ),
  );
}

// ---- tests -------------------------------------------------------------------------------------------------

function expectedCell(test: GeneratedCase): HTMLElement {
  if (test.raises !== null) return h("td", {}, "raises ", h("code", { text: test.raises }));
  return h("td", {}, h("code", { text: test.expected ?? "None" }));
}

function mutationScore(mutation: GeneratedTests["mutation"]): HTMLElement {
  const { total, killed, survivors } = mutation;
  const box = h("div", { className: "mutation", testId: "tools-mutation", dataset: { killed: String(killed), total: String(total) } });
  if (total === 0) {
    box.appendChild(h("p", { className: "mutation__headline", text: "No automatic mutants could be made from this function, so there is no score." }));
    return box;
  }
  const ratio = killed / total;
  const grade = ratio >= 0.8 ? "good" : ratio >= 0.5 ? "fair" : "weak";
  box.dataset.grade = grade;
  const fill = h("div", { className: "meter__fill" });
  fill.style.width = `${Math.round(ratio * 100)}%`;
  box.append(
    h("p", { className: "mutation__headline", text: `These tests catch ${killed} of ${plural(total, "automatic mutant")}` }),
    h("div", { className: `meter meter--${grade}`, attrs: { role: "img", "aria-label": `${Math.round(ratio * 100)}% of mutants caught` } }, fill),
    h("p", { className: "muted mutation__help", text: "A mutant is a copy of the function with one small change, such as < turned into <=. Good tests notice the change and fail." }),
  );
  if (survivors.length > 0) {
    box.appendChild(
      h(
        "div",
        { className: "survivors" },
        h("span", { className: "field-label", text: survivors.length === 1 ? "The change no test noticed" : "Changes no test noticed" }),
        h(
          "ul",
          { className: "survivors__list" },
          ...survivors.map((survivor) =>
            h("li", { testId: "tools-survivor", dataset: survivor.line !== null ? { line: String(survivor.line) } : {} }, survivor.line !== null ? h("span", { className: "survivors__line", text: `Line ${survivor.line}` }) : null, h("span", {}, ...textWithCode(survivor.description))),
          ),
        ),
      ),
    );
  }
  return box;
}

function renderTests(result: GeneratedTests): HTMLElement {
  const root = h(
    "div",
    { className: "tool-result", testId: "tools-result", dataset: { kind: "tests", function: result.function } },
    h("h2", { className: "tool-result__title" }, "Tests for ", fnName(result.function)),
    mutationScore(result.mutation),
  );
  root.appendChild(
    section(
      `${plural(result.cases.length, "case")}, checked by running the function`,
      result.cases.length > 0
        ? h(
            "table",
            { className: "data-table cases-table", testId: "tools-cases" },
            h("thead", {}, h("tr", {}, ...["Kind", "Call", "Expected"].map((title) => h("th", { text: title, attrs: { scope: "col" } })))),
            h(
              "tbody",
              {},
              ...result.cases.map((test) =>
                h("tr", { testId: "tools-case", dataset: { kind: test.kind } }, h("td", {}, h("span", { className: `kind kind--${test.kind}`, text: test.kind })), h("td", {}, h("code", { text: test.call })), expectedCell(test)),
              ),
            ),
          )
        : h("p", { className: "muted", text: "No case could be kept: the function did not finish any of the calls tried." }),
      result.dropped.length > 0
        ? h("p", { className: "muted dropped", testId: "tools-dropped" }, "Left out because the function did not finish them: ", ...result.dropped.flatMap((call, i) => [i > 0 ? ", " : "", h("code", { text: call })]))
        : null,
    ),
  );
  root.appendChild(section("For an exercise: cases.yaml", copyableBlock("cases.yaml", result.casesYaml, "tools-cases-yaml", "cases-yaml")));
  root.appendChild(section("For pytest", copyableBlock(`test_${result.function}.py`, result.pytest, "tools-pytest", "pytest")));
  return root;
}

// ---- review ------------------------------------------------------------------------------------------------

/** The same suggestion list as under a passing submission; a suggestion's line moves the editor's cursor there. */
function renderCodeReview(result: Review, goToLine: (line: number) => void): HTMLElement {
  return h(
    "div",
    { className: "tool-result", testId: "tools-result", dataset: { kind: "review", engine: result.engine } },
    h("h2", { className: "tool-result__title", text: "A review of this code" }),
    h("p", { className: "muted tool-result__lead", text: "What a teacher would suggest to make code that works clearer, safer or more like everyday Python." }),
    renderReview(result, { goToLine, headingLevel: "h3" }),
  );
}

// ---- the page ----------------------------------------------------------------------------------------------

export function mountToolsPage(container: HTMLElement): () => void {
  const controller = new AbortController();
  let busy = false;
  let destroyResult: (() => void)[] = [];
  document.title = "Explain code · Tutor";
  connectLive(); // Refused if this is the learner's first request ever; retried after the first answer.

  const editorHost = h("div", { className: "editor", testId: "tools-editor" });
  const functionInput = h("input", {
    className: "text-input",
    testId: "tools-function",
    attrs: { id: "tools-function", type: "text", placeholder: "the first one", autocomplete: "off", spellcheck: "false", "aria-describedby": "tools-function-help" },
  });
  const buttons = new Map<Tool, HTMLButtonElement>();
  for (const [tool, info] of Object.entries(tools) as [Tool, (typeof tools)[Tool]][]) {
    const button = h("button", { className: tool === "explain" ? "button button--primary" : "button", testId: info.testId, text: info.label, attrs: { type: "button" } });
    button.addEventListener("click", () => void run(tool));
    buttons.set(tool, button);
  }
  const placeholder = h(
    "div",
    { className: "tool-placeholder", testId: "tools-placeholder" },
    h("span", { className: "tutor__avatar", text: "✦", attrs: { "aria-hidden": "true" } }),
    h("p", { text: "Paste a function into the editor, then choose what the tutor should do with it. It runs your code in the sandbox to check what it says." }),
  );
  const output = h("section", { className: "tools-output", attrs: { "aria-label": "The tutor's answer" } }, placeholder);
  const stepper = new StepperHost();

  container.replaceChildren(
    h(
      "div",
      { className: "tools-layout" },
      h(
        "section",
        { className: "tools-input", attrs: { "aria-labelledby": "tools-title" } },
        h("h1", { text: "Explain code", attrs: { id: "tools-title", tabindex: "-1" } }),
        h("p", { className: "muted tools-intro", text: "Paste any Python function: the tutor can explain it line by line, write its docstrings, generate unit tests for it, or review it as a teacher would." }),
        h("div", { className: "workbench__bar" }, h("span", { className: "file-name", text: "snippet.py" }), h("span", { className: "muted", text: "Python" })),
        editorHost,
        h(
          "div",
          { className: "field" },
          h("label", { className: "field__label", attrs: { for: "tools-function" } }, "Function ", h("span", { className: "muted", text: "(optional)" })),
          functionInput,
          h("p", { className: "field__help muted", text: "Which function to explain or test when the code has several. Docstrings go on every function, and a review reads the whole code.", attrs: { id: "tools-function-help" } }),
        ),
        h("div", { className: "actions tools-actions" }, ...buttons.values()),
      ),
      output,
      stepper.element,
    ),
  );

  const editor: CodeEditor = createEditor(editorHost, {
    initialCode: loadCode(),
    label: "Python code for the tutor",
    onChange: saveCode,
    onSubmit: () => void run("explain"),
  });
  setActiveEditor(editor);

  const clearResult = () => {
    for (const destroy of destroyResult) destroy();
    destroyResult = [];
    stepper.dispose();
  };

  const useInEditor = (code: string) => {
    editor.setCode(code);
    saveCode(code);
    editorHost.scrollIntoView({ block: "nearest", behavior: "smooth" });
    editor.focus();
  };

  const setBusy = (tool: Tool | null) => {
    busy = tool !== null;
    output.setAttribute("aria-busy", String(busy));
    for (const [name, button] of buttons) {
      button.disabled = busy;
      button.textContent = name === tool ? tools[name].busy : tools[name].label;
      button.setAttribute("aria-busy", String(name === tool));
    }
  };

  async function run(tool: Tool): Promise<void> {
    if (busy) return;
    clearError();
    const code = editor.getCode();
    const fn = functionInput.value.trim();
    const requestId = newRequestId();
    const working = new WorkingLine(tools[tool].working, "tools-working", "tools-progress");
    clearResult();
    output.replaceChildren(working.element);
    setBusy(tool);
    connectLive();
    const unsubscribe = subscribeTutor(requestId, (event) => {
      if (event.type === "progress") working.progress(event.message);
    });
    try {
      const signal = controller.signal;
      let rendered: HTMLElement;
      let answerId: string;
      if (tool === "explain") {
        // The example steps through the code it was run on, even if the editor has changed since.
        const stepThrough = (call: string, button: HTMLElement) => void stepper.open((s) => traceCall({ code, call }, s), `Step through ${call}`, button);
        const result = await explainFunction({ code, requestId, ...(fn ? { function: fn } : {}) }, signal);
        [rendered, answerId] = [renderExplanation(result, stepThrough), result.answerId];
      } else if (tool === "docstrings") {
        const result = await writeDocstrings({ code, requestId }, signal);
        [rendered, answerId] = [renderDocstrings(result, useInEditor, (destroy) => destroyResult.push(destroy)), result.answerId];
      } else if (tool === "tests") {
        const result = await generateTests({ code, requestId, ...(fn ? { function: fn } : {}) }, signal);
        [rendered, answerId] = [renderTests(result), result.answerId];
      } else {
        const result = await reviewCode({ code, requestId }, signal);
        [rendered, answerId] = [renderCodeReview(result, (line) => editor.goToLine(line)), result.answerId];
      }
      output.replaceChildren(rendered, ratingControl(answerId, `this ${tools[tool].answerName}`));
    } catch (error) {
      if (isAbortError(error)) return;
      output.replaceChildren(placeholder);
      showError(error);
    } finally {
      unsubscribe();
      if (!controller.signal.aborted) {
        setBusy(null);
        connectLive(); // The learner cookie surely exists now.
      }
    }
  }

  return () => {
    controller.abort();
    clearResult();
    setActiveEditor(null);
    editor.destroy();
  };
}
