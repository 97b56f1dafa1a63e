// The Admin page's LTI section: the URLs and scopes to paste into Canvas or Moodle, the registered platforms (add,
// remove), and the tool's signing key (rotate). docs/lti.md says which LMS field each value goes in.
import { getLtiOverview, isAbortError, registerLtiPlatform, removeLtiPlatform, rotateLtiKey } from "./api";
import { h } from "./dom";
import { showError } from "./error-banner";
import { clearFormErrors, field, formMessage, showFormError, whileBusy } from "./forms";
import type { LtiOverview, LtiPlatform } from "./types";

function definition(term: string, value: string, testId: string): HTMLElement[] {
  return [h("dt", { text: term }), h("dd", {}, h("code", { text: value, testId }))];
}

function toolSection(overview: LtiOverview): HTMLElement {
  const { tool } = overview;
  return h(
    "section",
    { testId: "lti-tool", attrs: { "aria-labelledby": "lti-tool-heading" } },
    h("h3", { text: "What to paste into the LMS", attrs: { id: "lti-tool-heading" } }),
    h(
      "dl",
      { className: "lti-config" },
      ...definition("Login initiation URL", tool.loginUrl, "lti-login-url"),
      ...definition("Redirect / launch URL", tool.launchUrl, "lti-launch-url"),
      ...definition("Public keyset (JWKS) URL", tool.jwksUrl, "lti-jwks-url"),
      ...definition("Deep linking URL", tool.deepLinkingUrl, "lti-deep-linking-url"),
      ...definition("Scopes", tool.scopes.join(" "), "lti-scopes"),
    ),
  );
}

function platformRow(platform: LtiPlatform, onRemoved: () => void): HTMLElement {
  const remove = h("button", { className: "button", text: "Remove", testId: "lti-remove", attrs: { type: "button", "aria-label": `Remove ${platform.name}` } });
  remove.addEventListener("click", () => {
    if (!confirm(`Remove ${platform.name}? Its launches stop working; courses and progress stay.`)) return;
    whileBusy(remove, "Removing…", () => removeLtiPlatform(platform.id)).then(onRemoved, showError);
  });
  return h(
    "tr",
    { testId: "lti-platform", dataset: { id: platform.id } },
    h("td", { text: platform.name }),
    h("td", { text: platform.issuer }),
    h("td", { text: platform.clientId }),
    h("td", { text: platform.deploymentIds.join(", ") }),
    h("td", {}, remove),
  );
}

function registrationForm(onRegistered: () => void): HTMLElement {
  const fields = [
    field("lti", { label: "Name", name: "name", required: true, help: "For you: which LMS this is (for example: Canvas at our school)." }),
    field("lti", { label: "Issuer", name: "issuer", required: true, help: "Canvas cloud: https://canvas.instructure.com. Moodle: the site's address." }),
    field("lti", { label: "Client ID", name: "clientId", required: true }),
    field("lti", { label: "Deployment IDs", name: "deploymentIds", required: true, help: "One or more, separated by commas." }),
    field("lti", { label: "Authentication request URL", name: "authLoginUrl", required: true }),
    field("lti", { label: "Access token URL", name: "tokenUrl", required: true }),
    field("lti", { label: "Public keyset (JWKS) URL", name: "jwksUrl", required: true }),
  ];
  const message = formMessage("lti-form-message");
  const button = h("button", { className: "button button--primary", text: "Register platform", testId: "lti-register", attrs: { type: "submit" } });
  const form = h("form", { testId: "lti-form", attrs: { "aria-labelledby": "lti-form-heading", novalidate: true } }, h("h3", { text: "Register a platform", attrs: { id: "lti-form-heading" } }), ...fields.map((f) => f.element), message, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    const value = (name: string) => fields.find((f) => f.input.name === name)!.input.value.trim();
    const body = {
      name: value("name"),
      issuer: value("issuer"),
      clientId: value("clientId"),
      deploymentIds: value("deploymentIds").split(",").map((d) => d.trim()).filter(Boolean),
      authLoginUrl: value("authLoginUrl"),
      tokenUrl: value("tokenUrl"),
      jwksUrl: value("jwksUrl"),
    };
    whileBusy(button, "Registering…", () => registerLtiPlatform(body)).then(onRegistered, (error: unknown) => showFormError(form, message, error));
  });
  return form;
}

function keySection(overview: LtiOverview, onRotated: () => void): HTMLElement {
  const current = overview.keys.find((k) => !k.retiredAt);
  const rotate = h("button", { className: "button", text: "Rotate the signing key", testId: "lti-rotate", attrs: { type: "button" } });
  rotate.addEventListener("click", () => {
    whileBusy(rotate, "Rotating…", () => rotateLtiKey()).then(onRotated, showError);
  });
  return h(
    "section",
    { attrs: { "aria-labelledby": "lti-key-heading" } },
    h("h3", { text: "The tool's signing key", attrs: { id: "lti-key-heading" } }),
    h("p", { testId: "lti-current-key" }, "Current key: ", h("code", { text: current?.kid ?? "none yet" })),
    h("p", { className: "muted", text: "A rotated key stays published for a week, so platforms that cached it keep accepting what it signed." }),
    rotate,
  );
}

/** The section, loading itself; it reloads after each change. */
export function ltiAdminSection(signal: AbortSignal): HTMLElement {
  const section = h("section", { className: "page-section", testId: "lti-admin", attrs: { "aria-labelledby": "lti-heading", "aria-busy": "true" } });
  const status = h("p", { className: "muted", attrs: { role: "status" } });
  const load = () => {
    getLtiOverview(signal).then(
      (overview) => {
        section.removeAttribute("aria-busy");
        const reload = (announcement: string) => () => {
          status.textContent = announcement;
          load();
        };
        section.replaceChildren(
          h("h2", { text: "LTI 1.3: Canvas, Moodle and other learning platforms", attrs: { id: "lti-heading" } }),
          status,
          toolSection(overview),
          h("h3", { text: "Registered platforms" }),
          overview.platforms.length === 0
            ? h("p", { className: "muted", text: "No platform is registered yet.", testId: "lti-no-platforms" })
            : h(
                "table",
                { className: "data-table", testId: "lti-platforms" },
                h("thead", {}, h("tr", {}, h("th", { text: "Name" }), h("th", { text: "Issuer" }), h("th", { text: "Client ID" }), h("th", { text: "Deployments" }), h("th", { text: "Actions" }))),
                h("tbody", {}, ...overview.platforms.map((p) => platformRow(p, reload(`Removed ${p.name}.`)))),
              ),
          registrationForm(reload("Registered the platform.")),
          keySection(overview, reload("Rotated the signing key.")),
        );
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        section.removeAttribute("aria-busy");
        section.replaceChildren(h("p", { className: "muted", text: "The LTI settings could not be loaded." }));
        showError(error);
      },
    );
  };
  load();
  return section;
}
