// Small pieces shared by the tutor panel, the review and the Tools page: a spinner line, an info note, a Copy button.
import { h } from "./dom";

/** Which engine answered, in words (the panel's header shows it). */
export function engineLabel(engine: string): string {
  return engine === "model" ? "AI tutor" : "Built-in tutor";
}

/** "The tutor is reading your code…" with a spinner; `detail` shows the latest progress message. */
export class WorkingLine {
  readonly element: HTMLElement;
  private readonly detail: HTMLElement;

  constructor(text: string, testId: string, detailTestId: string) {
    this.detail = h("span", { className: "working__detail", testId: detailTestId, attrs: { hidden: true } });
    this.element = h(
      "div",
      { className: "working", testId, attrs: { role: "status", "aria-live": "polite" } },
      h("span", { className: "spinner", attrs: { "aria-hidden": "true" } }),
      h("span", { className: "working__body" }, h("span", { className: "working__text", text }), this.detail),
    );
  }

  progress(message: string): void {
    this.detail.textContent = message;
    this.detail.hidden = message.trim() === "";
  }
}

/** A muted info line, e.g. "The model did not answer; this came from the offline tutor." */
export function noteLine(text: string, testId: string): HTMLElement {
  return h("p", { className: "tutor-note", testId }, h("span", { className: "tutor-note__icon", attrs: { "aria-hidden": "true" } }), h("span", { text }));
}

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http on a LAN address has no clipboard API: fall back to a selected, off-screen textarea.
  const area = h("textarea", { className: "visually-hidden", attrs: { readonly: true, "aria-hidden": "true" } });
  area.value = text;
  document.body.appendChild(area);
  area.select();
  try {
    if (!document.execCommand("copy")) throw new Error("copy refused");
  } finally {
    area.remove();
  }
}

/** A "Copy" button for `text()`; it says "Copied" for a moment, or how to copy by hand if the browser refuses. */
export function copyButton(text: () => string, what: string, copyId: string): HTMLButtonElement {
  const button = h("button", {
    className: "button button--small",
    testId: "copy-button",
    dataset: { copy: copyId },
    text: "Copy",
    attrs: { type: "button", "aria-label": `Copy ${what}` },
  });
  let timer: number | undefined;
  button.addEventListener("click", () => {
    writeClipboard(text()).then(
      () => {
        button.textContent = "Copied ✓";
        button.dataset.copied = "true";
      },
      () => {
        button.textContent = "Select and copy by hand";
        button.dataset.copied = "false";
      },
    );
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      button.textContent = "Copy";
      delete button.dataset.copied;
    }, 2000);
  });
  return button;
}

/** A titled block of text to copy: a file name, a Copy button, and the text in a <pre>. */
export function copyableBlock(title: string, text: string, testId: string, copyId: string): HTMLElement {
  return h(
    "div",
    { className: "code-card" },
    h("div", { className: "code-card__bar" }, h("span", { className: "file-name", text: title }), copyButton(() => text, title, copyId)),
    h("pre", { className: "code-card__text", testId, text }),
  );
}
