// Form fields with labels, help and per-field errors. The API's validation errors carry `details` of the form
// {field, message}; each message goes under its field, and anything else under the whole form.
import { ApiError } from "./api";
import { h } from "./dom";

export interface FieldOptions {
  label: string;
  name: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  help?: string;
  minLength?: number;
  placeholder?: string;
  testId?: string;
}

export interface Field {
  element: HTMLElement;
  input: HTMLInputElement;
}

export function field(formId: string, options: FieldOptions): Field {
  const id = `${formId}-${options.name}`;
  const input = h("input", {
    className: "text-input text-input--wide",
    testId: options.testId ?? `${formId}-${options.name}`,
    attrs: {
      id,
      name: options.name,
      type: options.type ?? "text",
      autocomplete: options.autocomplete,
      required: options.required,
      minlength: options.minLength,
      placeholder: options.placeholder,
      "aria-describedby": `${id}-help ${id}-error`,
    },
  });
  const element = h(
    "div",
    { className: "field", dataset: { field: options.name } },
    h("label", { className: "field__label", text: options.label, attrs: { for: id } }),
    input,
    h("p", { className: "field__help muted", text: options.help ?? "", attrs: { id: `${id}-help`, hidden: !options.help } }),
    h("p", { className: "field__error", testId: "field-error", dataset: { field: options.name }, attrs: { id: `${id}-error`, hidden: true } }),
  );
  return { element, input };
}

/** The message line under a whole form, for errors that belong to no single field. */
export function formMessage(testId: string): HTMLElement {
  return h("p", { className: "form-message", testId, attrs: { role: "alert", hidden: true } });
}

function fieldDetails(details: unknown[]): { field: string; message: string }[] {
  return details.flatMap((d) => {
    if (typeof d !== "object" || d === null) return [];
    const { field: name, message } = d as { field?: unknown; message?: unknown };
    return typeof name === "string" && typeof message === "string" ? [{ field: name, message }] : [];
  });
}

export function clearFormErrors(form: HTMLElement, message: HTMLElement): void {
  for (const error of form.querySelectorAll<HTMLElement>(".field__error")) {
    error.hidden = true;
    error.textContent = "";
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  message.hidden = true;
  message.textContent = "";
}

/** Puts each validation message under its field (focusing the first); the rest goes in `message`. */
export function showFormError(form: HTMLElement, message: HTMLElement, error: unknown): void {
  clearFormErrors(form, message);
  const unplaced: string[] = [];
  let first: HTMLInputElement | null = null;
  const details = error instanceof ApiError ? fieldDetails(error.details) : [];
  for (const detail of details) {
    const slot = form.querySelector<HTMLElement>(`.field__error[data-field="${CSS.escape(detail.field)}"]`);
    const input = form.querySelector<HTMLInputElement>(`[name="${CSS.escape(detail.field)}"]`);
    if (!slot || !input) {
      unplaced.push(detail.message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent}; ${detail.message}` : capitalise(detail.message);
    slot.hidden = false;
    input.setAttribute("aria-invalid", "true");
    first ??= input;
  }
  if (details.length === 0 || unplaced.length > 0) {
    message.textContent = details.length === 0 ? (error instanceof Error ? error.message : "Something went wrong.") : unplaced.map(capitalise).join(". ");
    message.hidden = false;
  }
  first?.focus();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Disables the form's submit button while `work` runs. */
export async function whileBusy<T>(button: HTMLButtonElement, busyText: string, work: () => Promise<T>): Promise<T> {
  const text = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = busyText;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = text;
  }
}
