// The authoring page's cases: a table of cases.yaml's cases (a call case, or a program case with stdin and
// stdout), and the list of cases the tutor proposed from the reference, each accepted or discarded on its own.
import type { DraftCase } from "./authoring-api";
import { h } from "./dom";

type Kind = "call" | "program";
const kindOf = (c: DraftCase): Kind => (c.call === undefined && (c.stdout !== undefined || c.stdin !== undefined) ? "program" : "call");

function textInput(value: string | undefined, label: string, testId: string, placeholder: string, onInput: (value: string) => void): HTMLInputElement {
  const input = h("input", { className: "author-input", testId, attrs: { type: "text", "aria-label": label, placeholder, spellcheck: "false" } });
  input.value = value ?? "";
  input.addEventListener("input", () => onInput(input.value));
  return input;
}

function textArea(value: string | undefined, label: string, testId: string, onInput: (value: string) => void): HTMLTextAreaElement {
  const area = h("textarea", { className: "author-input author-input--small", testId, attrs: { "aria-label": label, rows: 2, spellcheck: "false" } });
  area.value = value ?? "";
  area.addEventListener("input", () => onInput(area.value));
  return area;
}

/** An empty field is a field not given: `expect` left empty means "the reference solution's result". */
const given = (value: string) => (value === "" ? undefined : value);

export class CasesTable {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;

  constructor(
    private cases: DraftCase[],
    private readonly onChange: () => void,
  ) {
    this.body = h("tbody");
    const add = h("button", { className: "button", testId: "add-case", text: "Add case", attrs: { type: "button" } });
    add.addEventListener("click", () => {
      this.add({ name: `case ${this.cases.length + 1}`, call: "", hidden: false });
      (this.body.lastElementChild?.querySelector("[data-testid=case-call]") as HTMLInputElement | null)?.focus();
    });
    this.element = h(
      "div",
      { className: "author-cases" },
      h(
        "table",
        { className: "author-cases__table", testId: "author-cases" },
        h(
          "thead",
          {},
          h("tr", {}, ...["Name", "Kind", "Call / stdin", "Expect / stdout", "Raises", "Hidden", ""].map((t) => h("th", { text: t, attrs: { scope: "col" } }))),
        ),
        this.body,
      ),
      h("p", { className: "muted author-hint", text: "Expect is a YAML value as in cases.yaml: \"HELLO!\", 3, [1, 2], !tuple [1, 2]. Leave it empty to take the reference solution's result." }),
      add,
    );
    this.render();
  }

  get value(): DraftCase[] {
    return this.cases;
  }

  has(call: string | undefined): boolean {
    return this.cases.some((c) => c.call !== undefined && c.call === call);
  }

  add(c: DraftCase): void {
    this.cases = [...this.cases, c];
    this.render();
    this.onChange();
  }

  private update(index: number, change: (c: DraftCase) => DraftCase): void {
    this.cases = this.cases.map((c, i) => (i === index ? change(c) : c));
    this.onChange();
  }

  private render(): void {
    this.body.replaceChildren(...this.cases.map((c, i) => this.row(c, i)));
  }

  private row(c: DraftCase, index: number): HTMLTableRowElement {
    const kind = kindOf(c);
    const name = textInput(c.name, "Case name", "case-name", "a short description", (v) => this.update(index, (x) => ({ ...x, name: v })));
    const kindSelect = h("select", { className: "author-input", testId: "case-kind", attrs: { "aria-label": "Case kind" } }, h("option", { text: "call", attrs: { value: "call" } }), h("option", { text: "program", attrs: { value: "program" } }));
    kindSelect.value = kind;
    kindSelect.addEventListener("change", () => {
      this.update(index, (x) =>
        kindSelect.value === "program" ? { name: x.name, hidden: x.hidden, stdin: "", stdout: "" } : { name: x.name, hidden: x.hidden, call: "" },
      );
      this.render();
    });
    const first =
      kind === "call"
        ? textInput(c.call, "Call", "case-call", 'shout("hi")', (v) => this.update(index, (x) => ({ ...x, call: v })))
        : textArea(c.stdin, "Standard input", "case-stdin", (v) => this.update(index, (x) => ({ ...x, stdin: v })));
    const second =
      kind === "call"
        ? textInput(c.expect, "Expected value (YAML)", "case-expect", "from the reference", (v) => this.update(index, (x) => ({ ...x, expect: given(v) })))
        : textArea(c.stdout, "Expected output", "case-stdout", (v) => this.update(index, (x) => ({ ...x, stdout: v })));
    const raises =
      kind === "call" ? textInput(c.raises, "Exception it raises", "case-raises", "ValueError", (v) => this.update(index, (x) => ({ ...x, raises: given(v) }))) : h("span", { className: "muted", text: "—" });
    const hidden = h("input", { testId: "case-hidden", attrs: { type: "checkbox", "aria-label": "Hidden from learners" } });
    hidden.checked = c.hidden;
    hidden.addEventListener("change", () => this.update(index, (x) => ({ ...x, hidden: hidden.checked })));
    const remove = h("button", { className: "button button--small", testId: "remove-case", text: "Remove", attrs: { type: "button", "aria-label": `Remove case ${c.name}` } });
    remove.addEventListener("click", () => {
      this.cases = this.cases.filter((_, i) => i !== index);
      this.render();
      this.onChange();
    });
    const cell = (...children: Node[]) => h("td", {}, ...children);
    return h("tr", { testId: "case-row", dataset: { name: c.name } }, cell(name), cell(kindSelect), cell(first), cell(second), cell(raises), cell(hidden), cell(remove));
  }
}

/** Proposed cases, each with Accept (added to the table) and Discard. */
export function proposalList(cases: DraftCase[], accept: (c: DraftCase) => void): HTMLElement {
  const list = h("ul", { className: "author-proposals__list" });
  const items = cases.map((c) => {
    const acceptButton = h("button", { className: "button button--small button--primary", testId: "accept-proposal", text: "Accept", attrs: { type: "button" } });
    const discardButton = h("button", { className: "button button--small", testId: "discard-proposal", text: "Discard", attrs: { type: "button" } });
    const item = h(
      "li",
      { className: "author-proposal", testId: "proposal", dataset: { call: c.call ?? "" } },
      h("code", { text: c.call ?? "" }),
      h("span", { className: "example__arrow", text: " → " }),
      c.raises ? h("span", {}, "raises ", h("code", { text: c.raises })) : h("code", { text: c.expect ?? "" }),
      h("span", { className: "actions__spacer" }),
      acceptButton,
      discardButton,
    );
    acceptButton.addEventListener("click", () => {
      accept(c);
      item.remove();
    });
    discardButton.addEventListener("click", () => item.remove());
    return item;
  });
  list.replaceChildren(...items);
  return list;
}
