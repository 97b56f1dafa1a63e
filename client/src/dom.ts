// A tiny helper for building DOM nodes without innerHTML.

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  testId?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  dataset?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.testId) element.dataset.testid = options.testId;
  if (options.dataset) Object.assign(element.dataset, options.dataset);
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  if (options.text !== undefined) element.textContent = options.text;
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Inserts HTML the server rendered and sanitised (docs/api.md: `instructionsHtml` and the tutor's `html`
 * fields). Never pass anything else here: everything else goes through text nodes.
 */
export function setServerHtml(element: HTMLElement, sanitisedHtml: string): HTMLElement {
  element.innerHTML = sanitisedHtml;
  for (const link of element.querySelectorAll("a[href]")) {
    // Links in tutor text open elsewhere, so the page (and the learner's code) stays put.
    if (!link.getAttribute("href")?.startsWith("#")) {
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
    }
  }
  return element;
}

/** Plain text with `backtick` spans shown as <code>, for the tutor's plain-string fields. Text nodes only. */
export function textWithCode(text: string): Node[] {
  const nodes: Node[] = [];
  const parts = text.split(/`([^`\n]+)`/);
  parts.forEach((part, i) => {
    if (!part) return;
    nodes.push(i % 2 === 1 ? h("code", { text: part }) : document.createTextNode(part));
  });
  return nodes;
}
