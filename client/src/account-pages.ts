// "#/signin", "#/signup", "#/account" and "#/admin": the account forms, the signed-in user's own account (a new
// password), and the admin's list of accounts with their roles, then the LTI registrations (lti-admin.ts).
import { changePassword, isAbortError, listUsers, setUserRole, signIn, signUp } from "./api";
import { h } from "./dom";
import { ltiAdminSection } from "./lti-admin";
import { showError } from "./error-banner";
import { clearFormErrors, field, formMessage, showFormError, whileBusy } from "./forms";
import { accountName, currentAccount, reloadAt } from "./session";
import type { Account, AdminUser, Role } from "./types";

const ROLES: Role[] = ["learner", "instructor", "admin"];

function alreadySignedIn(account: Account): HTMLElement {
  return h(
    "div",
    { className: "auth-card", testId: "already-signed-in" },
    h("h1", { text: "You are signed in", attrs: { tabindex: "-1" } }),
    h("p", {}, `Signed in as ${accountName(account)}. Sign out (top right) to use another account.`),
    h("p", {}, h("a", { text: "Go to your dashboard", attrs: { href: "#/dashboard" } })),
  );
}

/** Renders the form once the account is known (an account already signed in gets a note instead). */
function mountAuthPage(container: HTMLElement, title: string, build: () => HTMLElement): () => void {
  let disposed = false;
  document.title = `${title} · Tutor`;
  container.replaceChildren(h("div", { className: "page" }, h("p", { className: "muted", text: "Loading…" })));
  currentAccount().then(
    (account) => {
      if (disposed) return;
      container.replaceChildren(h("div", { className: "page page--narrow" }, account.signedIn ? alreadySignedIn(account) : build()));
      container.querySelector<HTMLInputElement>("input")?.focus();
    },
    (error: unknown) => {
      if (!disposed) showError(error);
    },
  );
  return () => {
    disposed = true;
  };
}

export function mountSignIn(container: HTMLElement): () => void {
  return mountAuthPage(container, "Sign in", () => {
    const email = field("signin", { label: "Email", name: "email", type: "email", autocomplete: "username", required: true });
    const password = field("signin", { label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true });
    const message = formMessage("signin-message");
    const button = h("button", { className: "button button--primary", testId: "signin-submit", text: "Sign in", attrs: { type: "submit" } });
    const form = h("form", { className: "auth-form", testId: "signin-form", attrs: { novalidate: true } }, email.element, password.element, message, h("div", { className: "actions" }, button));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearFormErrors(form, message);
      whileBusy(button, "Signing in…", () => signIn({ email: email.input.value, password: password.input.value })).then(
        () => reloadAt("#/dashboard"),
        (error: unknown) => showFormError(form, message, error),
      );
    });
    return h(
      "div",
      { className: "auth-card" },
      h("h1", { text: "Sign in", attrs: { tabindex: "-1" } }),
      form,
      h("p", { className: "muted" }, "No account yet? ", h("a", { text: "Sign up", attrs: { href: "#/signup" } }), " — your progress so far comes with you."),
    );
  });
}

export function mountSignUp(container: HTMLElement): () => void {
  return mountAuthPage(container, "Sign up", () => {
    const name = field("signup", { label: "Your name", name: "displayName", autocomplete: "name", help: "What your instructor sees. Optional." });
    const email = field("signup", { label: "Email", name: "email", type: "email", autocomplete: "username", required: true });
    const password = field("signup", { label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true, minLength: 10, help: "At least 10 characters." });
    const message = formMessage("signup-message");
    const button = h("button", { className: "button button--primary", testId: "signup-submit", text: "Create account", attrs: { type: "submit" } });
    const form = h("form", { className: "auth-form", testId: "signup-form", attrs: { novalidate: true } }, name.element, email.element, password.element, message, h("div", { className: "actions" }, button));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearFormErrors(form, message);
      const displayName = name.input.value.trim();
      whileBusy(button, "Creating your account…", () => signUp({ email: email.input.value, password: password.input.value, ...(displayName ? { displayName } : {}) })).then(
        () => reloadAt("#/dashboard"),
        (error: unknown) => showFormError(form, message, error),
      );
    });
    return h(
      "div",
      { className: "auth-card" },
      h("h1", { text: "Create your account", attrs: { tabindex: "-1" } }),
      h("p", { className: "auth-card__lead" }, "Everything you solved in this browser so far stays yours: it moves into the new account."),
      form,
      h("p", { className: "muted" }, "Have an account? ", h("a", { text: "Sign in", attrs: { href: "#/signin" } }), "."),
    );
  });
}

function passwordForm(): HTMLElement {
  const current = field("password", { label: "Current password", name: "currentPassword", type: "password", autocomplete: "current-password", required: true });
  const next = field("password", { label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", required: true, minLength: 10, help: "At least 10 characters." });
  const message = formMessage("password-message");
  const done = h("p", { className: "form-success", testId: "password-changed", attrs: { role: "status", hidden: true } });
  const button = h("button", { className: "button button--primary", testId: "password-submit", text: "Change password", attrs: { type: "submit" } });
  const form = h("form", { className: "auth-form", testId: "password-form", attrs: { novalidate: true } }, current.element, next.element, message, done, h("div", { className: "actions" }, button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormErrors(form, message);
    done.hidden = true;
    whileBusy(button, "Changing…", () => changePassword({ currentPassword: current.input.value, newPassword: next.input.value })).then(
      () => {
        form.reset();
        done.textContent = "Your password was changed. Every other device you were signed in on is signed out.";
        done.hidden = false;
      },
      (error: unknown) => showFormError(form, message, error),
    );
  });
  return form;
}

/** The signed-in user's own account: who they are, and a new password. */
export function mountAccountPage(container: HTMLElement): () => void {
  let disposed = false;
  document.title = "Your account · Tutor";
  container.replaceChildren(h("div", { className: "page" }, h("p", { className: "muted", text: "Loading…" })));
  currentAccount().then(
    (account) => {
      if (disposed) return;
      if (!account.signedIn) {
        container.replaceChildren(
          h("div", { className: "page page--narrow" }, h("div", { className: "auth-card", testId: "account-anonymous" }, h("h1", { text: "No account yet", attrs: { tabindex: "-1" } }), h("p", {}, h("a", { text: "Sign in", attrs: { href: "#/signin" } }), " or ", h("a", { text: "sign up", attrs: { href: "#/signup" } }), " to have an account to manage."))),
        );
        return;
      }
      container.replaceChildren(
        h(
          "div",
          { className: "page page--narrow" },
          h(
            "div",
            { className: "auth-card", testId: "account-page" },
            h("h1", { text: "Your account", attrs: { tabindex: "-1" } }),
            h("dl", { className: "account-facts" }, h("dt", { text: "Name" }), h("dd", { text: account.displayName ?? "—" }), h("dt", { text: "Email" }), h("dd", { text: account.email ?? "" }), h("dt", { text: "Role" }), h("dd", { text: account.role })),
            h("h2", { text: "Change your password" }),
            passwordForm(),
          ),
        ),
      );
    },
    (error: unknown) => {
      if (!disposed) showError(error);
    },
  );
  return () => {
    disposed = true;
  };
}

function roleSelect(user: AdminUser, self: Account): HTMLElement {
  const id = `role-${user.id}`;
  const select = h(
    "select",
    { className: "select", testId: "role-select", dataset: { userId: user.id }, attrs: { id, "aria-label": `Role of ${accountName(user)}`, disabled: user.id === self.id } },
    ...ROLES.map((role) => h("option", { text: role, attrs: { value: role, selected: role === user.role } })),
  );
  const status = h("span", { className: "role-status muted", testId: "role-status", attrs: { role: "status" } });
  let saved: Role = user.role;
  select.addEventListener("change", () => {
    const role = select.value as Role;
    select.disabled = true;
    status.textContent = "Saving…";
    setUserRole(user.id, role).then(
      (updated) => {
        saved = updated.role;
        status.textContent = "Saved ✓";
        status.dataset.state = "saved";
      },
      (error: unknown) => {
        select.value = saved;
        status.textContent = "";
        showError(error);
      },
    ).finally(() => {
      select.disabled = false;
    });
  });
  return h("span", { className: "role-cell" }, select, status);
}

export function mountAdminPage(container: HTMLElement): () => void {
  const controller = new AbortController();
  document.title = "Accounts · Tutor";
  const body = h("div", { attrs: { "aria-busy": "true" } }, h("p", { className: "muted", text: "Loading accounts…" }));
  container.replaceChildren(
    h("div", { className: "page" }, h("h1", { text: "Accounts", attrs: { tabindex: "-1" } }), h("p", { className: "muted", text: "Give instructors their role here; they can then create courses. You cannot change your own role." }), body, ltiAdminSection(controller.signal)),
  );
  Promise.all([currentAccount(), listUsers(controller.signal)]).then(
    ([self, users]) => {
      body.removeAttribute("aria-busy");
      body.replaceChildren(
        h(
          "table",
          { className: "data-table", testId: "admin-users" },
          h("thead", {}, h("tr", {}, h("th", { text: "Name" }), h("th", { text: "Email" }), h("th", { text: "Role" }), h("th", { text: "Since" }))),
          h(
            "tbody",
            {},
            ...users.map((user) =>
              h(
                "tr",
                { testId: "admin-user", dataset: { email: user.email ?? "" } },
                h("td", { text: user.displayName ?? "—" }),
                h("td", { text: user.email ?? "" }),
                h("td", {}, roleSelect(user, self)),
                h("td", { text: new Date(user.createdAt).toLocaleDateString() }),
              ),
            ),
          ),
        ),
      );
    },
    (error: unknown) => {
      if (isAbortError(error)) return;
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", { className: "muted", text: "The accounts could not be loaded." }));
      showError(error);
    },
  );
  return () => controller.abort();
}
