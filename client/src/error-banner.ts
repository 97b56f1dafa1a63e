// One visible, dismissable banner for API errors (data-testid="error-banner").
import { h } from "./dom";

let banner: HTMLElement | null = null;
let messageElement: HTMLElement | null = null;

function ensureBanner(): { banner: HTMLElement; message: HTMLElement } {
  if (banner && messageElement) return { banner, message: messageElement };
  const region = document.getElementById("banner-region") ?? document.body;
  messageElement = h("p", { className: "error-banner__message" });
  const dismiss = h("button", {
    className: "error-banner__dismiss",
    text: "Dismiss",
    attrs: { type: "button", "aria-label": "Dismiss error" },
  });
  dismiss.addEventListener("click", clearError);
  banner = h("div", { className: "error-banner", testId: "error-banner", attrs: { role: "alert", hidden: true } }, messageElement, dismiss);
  region.appendChild(banner);
  return { banner, message: messageElement };
}

export function showError(error: unknown): void {
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "Something went wrong.";
  const { banner: element, message } = ensureBanner();
  message.textContent = text;
  element.hidden = false;
}

export function clearError(): void {
  if (banner) banner.hidden = true;
}
