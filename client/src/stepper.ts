// The stepper: one traced run, step by step, beside the code that ran. The line about to run is marked in a
// read-only code view, with the tutor's suspect lines; each frame's variables are listed with the ones that changed
// since the previous step marked in words; what was printed so far is shown. Arrow keys, Home and End step; an
// aria-live line says what each step did ("Step 5 of 23, line 4: total changed from 3 to 6").
import { changesBetween, firstStepAtLine, lineThatRan, narrateStep, type VariableChange } from "../../server/trace/steps";
import { isAbortError } from "./api";
import { h, plural } from "./dom";
import { type CodeView, createCodeView } from "./editor";
import { WorkingLine } from "./tutor-ui";
import type { SuspectLine, Trace, TraceStep } from "./types";

export interface StepperOptions {
  /** Lines the tutor suspects, best first; the stepper marks them and offers to jump to the first step there. */
  suspectLines?: readonly SuspectLine[];
  /** Called when the learner closes the stepper (its host removes it). */
  onClose?: () => void;
}

const evidenceWords: Record<SuspectLine["evidence"], string> = {
  repair: "a small change on this line makes the failing test pass",
  spectrum: "it runs in the failing tests more than in the passing ones",
  exception: "the error was raised here",
};

function button(text: string, testId: string, label: string, keys?: string): HTMLButtonElement {
  return h("button", { className: "button button--small", testId, text, attrs: { type: "button", "aria-label": label, ...(keys ? { "aria-keyshortcuts": keys } : {}) } });
}

function caseLine(trace: Trace): HTMLElement {
  if (trace.case.call !== null) return h("p", { className: "stepper__case" }, h("span", { className: "field-label", text: "Call " }), h("code", { text: trace.case.call }));
  return h("p", { className: "stepper__case" }, h("span", { className: "field-label", text: "Input " }), h("code", { text: JSON.stringify(trace.case.stdin ?? "") }));
}

/** One frame's variables as a table; changed and new ones say so in words (and "was …"), not only in colour. */
function frameTable(step: TraceStep, depth: number, changes: VariableChange[]): HTMLElement {
  const frame = step.frames[depth]!;
  const innermost = depth === step.frames.length - 1;
  const changed = new Map(changes.filter((c) => c.frame === depth).map((c) => [c.name, c]));
  const names = Object.keys(frame.locals);
  const rows = names.map((name) => {
    const change = changed.get(name);
    const state = change ? (change.before === null ? "new" : "changed") : "";
    return h(
      "tr",
      { className: state ? `stepper__var stepper__var--${state}` : "stepper__var", testId: "stepper-var", dataset: { name, state } },
      h("th", { attrs: { scope: "row" } }, h("code", { text: name })),
      h(
        "td",
        {},
        h("code", { className: "stepper__value", text: frame.locals[name]! }),
        state ? h("span", { className: `stepper__tag stepper__tag--${state}`, text: state }) : null,
        change?.before ? h("span", { className: "stepper__was" }, "was ", h("code", { text: change.before })) : null,
      ),
    );
  });
  return h(
    "section",
    { className: `stepper__frame${innermost ? " stepper__frame--current" : ""}`, testId: "stepper-frame", dataset: { function: frame.function } },
    h("h4", { className: "stepper__frame-title" }, h("code", { text: frame.function }), innermost && step.frames.length > 1 ? h("span", { className: "muted", text: " (running now)" }) : null),
    names.length
      ? h("table", { className: "stepper__vars" }, h("caption", { className: "visually-hidden", text: `Variables of ${frame.function}` }), h("tbody", {}, ...rows))
      : h("p", { className: "muted stepper__empty", text: "No variables yet." }),
  );
}

export class Stepper {
  readonly element: HTMLElement;
  private readonly steps: TraceStep[];
  private index = 0;
  private readonly code: CodeView;
  private readonly slider: HTMLInputElement;
  private readonly counter: HTMLElement;
  private readonly live: HTMLElement;
  private readonly frames: HTMLElement;
  private readonly output: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly first: HTMLButtonElement;
  private readonly last: HTMLButtonElement;
  private readonly suspects: number[];

  constructor(
    private readonly trace: Trace,
    title: string,
    options: StepperOptions = {},
  ) {
    this.steps = trace.steps;
    this.suspects = [...new Set((options.suspectLines ?? []).map((s) => s.line))];
    const count = this.steps.length;

    this.first = button("« First", "stepper-first", "First step", "Home");
    this.previous = button("◀ Previous", "stepper-prev", "Previous step", "ArrowLeft");
    this.next = button("Next ▶", "stepper-next", "Next step", "ArrowRight");
    this.last = button("Last »", "stepper-last", "Last step", "End");
    this.first.addEventListener("click", () => this.go(0));
    this.previous.addEventListener("click", () => this.go(this.index - 1));
    this.next.addEventListener("click", () => this.go(this.index + 1));
    this.last.addEventListener("click", () => this.go(count - 1));
    this.slider = h("input", { className: "stepper__slider", testId: "stepper-slider", attrs: { type: "range", min: 1, max: Math.max(1, count), step: 1, value: 1, "aria-label": "Step" } });
    this.slider.addEventListener("input", () => this.go(Number(this.slider.value) - 1));
    this.counter = h("span", { className: "stepper__counter", testId: "stepper-counter", attrs: { "aria-hidden": "true" } });
    this.live = h("p", { className: "stepper__now", testId: "stepper-live", attrs: { "aria-live": "polite", "aria-atomic": "true" } });
    this.frames = h("div", { className: "stepper__frames", testId: "stepper-frames" });
    this.output = h("pre", { className: "stdout__text stepper__output", testId: "stepper-output" });

    const codeHost = h("div", { className: "stepper__code code-view", testId: "stepper-code" });
    this.code = createCodeView(codeHost, trace.code, `${trace.file}, the code that ran (read-only)`);

    const close = button("Close", "stepper-close", "Close the stepper");
    close.addEventListener("click", () => options.onClose?.());

    this.element = h(
      "section",
      { className: "stepper", testId: "stepper", attrs: { "aria-labelledby": "stepper-title", "aria-describedby": "stepper-keys" } },
      h(
        "header",
        { className: "stepper__header" },
        h("h2", { className: "stepper__title", text: title, attrs: { id: "stepper-title" } }),
        close,
      ),
      caseLine(trace),
      h("p", { className: "stepper__summary", testId: "stepper-summary" }, `${plural(count, "step")}; it ${trace.ending}.`),
      trace.truncated
        ? h("p", { className: "stepper__note", testId: "stepper-truncated", text: "This run was long: its first steps and its last 100 are kept, and the steps in between are left out." })
        : null,
      this.suspectNote(options.suspectLines ?? []),
      h(
        "div",
        { className: "stepper__body" },
        h("div", { className: "stepper__left" }, h("p", { className: "stepper__legend muted", text: `→ the line about to run · • the line that just ran${this.suspects.length ? " · ⚑ a line the tutor suspects" : ""}` }), codeHost),
        h(
          "div",
          { className: "stepper__right" },
          h("div", { className: "stepper__controls", attrs: { role: "group", "aria-label": "Steps" } }, this.first, this.previous, this.next, this.last),
          h("div", { className: "stepper__position" }, this.slider, this.counter),
          h("p", { className: "muted stepper__keys", attrs: { id: "stepper-keys" }, text: "Keys: ← and → step, Home and End go to the first and last step." }),
          this.live,
          h("h3", { className: "stepper__subheading", text: "Variables" }),
          this.frames,
          h("h3", { className: "stepper__subheading", text: "Output so far" }),
          this.output,
        ),
      ),
    );
    this.element.addEventListener("keydown", (event) => this.onKey(event));
    if (count > 0) this.go(0);
    else this.live.textContent = "The run recorded no steps in your file.";
  }

  /** The tutor's suspect lines, with the evidence for each and a button to the first step there. */
  private suspectNote(suspectLines: readonly SuspectLine[]): HTMLElement | null {
    if (suspectLines.length === 0) return null;
    const items = suspectLines.slice(0, 3).map((suspect) => {
      const at = firstStepAtLine(this.steps, suspect.line);
      const jump = h("button", {
        className: "button button--small",
        testId: "stepper-jump",
        dataset: { line: String(suspect.line) },
        text: at >= 0 ? `Jump to the first step at line ${suspect.line}` : `Line ${suspect.line} never ran in this test`,
        attrs: { type: "button", disabled: at < 0 },
      });
      jump.addEventListener("click", () => {
        this.go(at);
        this.next.focus();
      });
      return h("li", { className: "stepper__suspect" }, h("span", { text: `⚑ Line ${suspect.line}: ${evidenceWords[suspect.evidence]}. ` }), jump);
    });
    return h("div", { className: "stepper__suspects", testId: "stepper-suspects" }, h("p", { className: "stepper__suspects-title", text: "Where the tutor would look" }), h("ul", {}, ...items));
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    // The slider steps by itself (its input event moves the stepper), and the code view's own keys move its cursor.
    if (target === this.slider || target.closest(".cm-editor")) return;
    const moves: Record<string, number> = { ArrowRight: this.index + 1, ArrowDown: this.index + 1, ArrowLeft: this.index - 1, ArrowUp: this.index - 1, Home: 0, End: this.steps.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.go(moves[event.key]!);
  }

  /** Shows step `index` (clamped to the run). */
  go(index: number): void {
    const count = this.steps.length;
    if (count === 0) return;
    this.index = Math.min(count - 1, Math.max(0, index));
    const step = this.steps[this.index]!;
    const changes = changesBetween(this.steps[this.index - 1], step);
    const sentence = narrateStep(this.steps, this.index);
    this.element.dataset.step = String(this.index + 1);
    this.element.dataset.line = String(step.line);
    this.slider.value = String(this.index + 1);
    this.slider.setAttribute("aria-valuetext", `Step ${this.index + 1} of ${count}, line ${step.line}`);
    this.counter.textContent = `Step ${this.index + 1} of ${count}`;
    this.live.textContent = sentence;
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus at the first or last step.
    for (const b of [this.first, this.previous]) b.setAttribute("aria-disabled", String(this.index === 0));
    for (const b of [this.next, this.last]) b.setAttribute("aria-disabled", String(this.index === count - 1));
    const outer = step.outer ? [h("p", { className: "muted", testId: "stepper-outer", text: `${step.outer} earlier ${step.outer === 1 ? "call" : "calls"} further out, not shown.` })] : [];
    this.frames.replaceChildren(...(step.frames.length ? [...outer, ...step.frames.map((_frame, depth) => frameTable(step, depth, changes))] : [h("p", { className: "muted", text: "No function of yours is running at this step." })]));
    this.output.textContent = step.stdout || "(nothing printed yet)";
    this.output.classList.toggle("stepper__output--empty", !step.stdout);
    this.code.mark({ current: step.line, ran: lineThatRan(this.steps, this.index), suspects: this.suspects });
  }

  /** Puts the keyboard on the stepper: the Next button, so arrow keys and Tab work at once. */
  focus(): void {
    this.next.focus();
  }

  destroy(): void {
    this.code.destroy();
    this.element.remove();
  }
}

/**
 * Where a page opens its stepper: hidden until asked, it loads the trace (with a spinner), shows the stepper or the
 * server's message, and gives the keyboard back to the button that opened it on close.
 */
export class StepperHost {
  readonly element: HTMLElement;
  private stepper: Stepper | null = null;
  private controller: AbortController | null = null;
  private opener: HTMLElement | null = null;

  constructor() {
    this.element = h("div", { className: "stepper-host", testId: "stepper-host", attrs: { hidden: true } });
  }

  /** Loads a trace with `load` and shows it; a second call replaces the first. */
  async open(load: (signal: AbortSignal) => Promise<Trace>, title: string, opener: HTMLElement, options: Omit<StepperOptions, "onClose"> = {}): Promise<void> {
    this.clear();
    const controller = new AbortController();
    this.controller = controller;
    this.opener = opener;
    this.element.hidden = false;
    this.element.replaceChildren(new WorkingLine("Running your code step by step in the sandbox…", "stepper-working", "stepper-progress").element);
    this.element.scrollIntoView({ block: "nearest" });
    let trace: Trace;
    try {
      trace = await load(controller.signal);
    } catch (error) {
      if (isAbortError(error) || controller.signal.aborted) return;
      const close = h("button", { className: "button button--small", testId: "stepper-close", text: "Close", attrs: { type: "button" } });
      close.addEventListener("click", () => this.close());
      const message = error instanceof Error ? error.message : "The run could not be traced.";
      this.element.replaceChildren(h("div", { className: "stepper stepper--failed", testId: "stepper-error", attrs: { role: "alert" } }, h("p", { text: message }), close));
      return;
    }
    if (controller.signal.aborted) return;
    this.stepper = new Stepper(trace, title, { ...options, onClose: () => this.close() });
    this.element.replaceChildren(this.stepper.element);
    this.element.scrollIntoView({ block: "start", behavior: "smooth" });
    this.stepper.focus();
  }

  private clear(): void {
    this.controller?.abort();
    this.controller = null;
    this.stepper?.destroy();
    this.stepper = null;
    this.element.replaceChildren();
  }

  /** Closes the stepper and puts the keyboard back where it was when it opened. */
  close(): void {
    this.clear();
    this.element.hidden = true;
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  /** Closes the stepper without moving the keyboard (the page moves on, or goes away). */
  dispose(): void {
    this.clear();
    this.element.hidden = true;
    this.opener = null;
  }
}
