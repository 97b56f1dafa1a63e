// Who is asking, for the header and the pages that depend on it. Signing in or out reloads the page, so the
// socket, the CSRF token and every page start again with the new cookie.
import { getMe, signOut } from "./api";
import { h } from "./dom";
import { showError } from "./error-banner";
import type { Account } from "./types";

let pending: Promise<Account> | null = null;

/** The account asking (an anonymous learner too), as of the latest page shown. */
export function currentAccount(): Promise<Account> {
  if (!pending) {
    pending = getMe();
    pending.catch(() => {
      pending = null; // Let the next page try again.
    });
  }
  return pending;
}

export function accountName(account: { displayName: string | null; email: string | null }): string {
  return account.displayName || account.email || "Anonymous learner";
}

export const canTeach = (account: Account) => account.signedIn && (account.role === "instructor" || account.role === "admin");

/** Goes to `hash` with a fresh page, so everything that depends on the cookie starts again. */
export function reloadAt(hash: string): void {
  window.location.hash = hash;
  window.location.reload();
}

function renderAccountArea(area: HTMLElement, account: Account): void {
  if (!account.signedIn) {
    area.replaceChildren(
      h("span", { className: "account__note", text: "Sign up to keep your progress" }),
      h("a", { className: "site-header__link", testId: "nav-signin", text: "Sign in", attrs: { href: "#/signin" } }),
      h("a", { className: "site-header__link site-header__link--strong", testId: "nav-signup", text: "Sign up", attrs: { href: "#/signup" } }),
    );
    return;
  }
  const out = h("button", { className: "site-header__button", testId: "sign-out", text: "Sign out", attrs: { type: "button" } });
  out.addEventListener("click", () => {
    out.disabled = true;
    signOut().then(
      () => reloadAt("#/"),
      (error: unknown) => {
        out.disabled = false;
        showError(error);
      },
    );
  });
  area.replaceChildren(
    h(
      "a",
      { className: "account__who", testId: "signed-in-as", dataset: { role: account.role, nav: "account" }, attrs: { title: `${account.email ?? ""}: your account`, href: "#/account" } },
      accountName(account),
      account.role !== "learner" ? h("span", { className: "account__role", text: account.role }) : null,
    ),
    out,
  );
}

/**
 * Asks again who is signed in and fills the header's account area and the links this role may use. Called on
 * every page change, so a role an admin just changed or a session that expired shows without a reload.
 */
export function refreshHeader(): void {
  pending = null;
  const area = document.getElementById("account-area");
  if (!area) return;
  currentAccount().then(
    (account) => {
      renderAccountArea(area, account);
      for (const link of document.querySelectorAll<HTMLElement>("[data-nav-role]")) {
        link.hidden = link.dataset.navRole !== account.role;
      }
    },
    () => area.replaceChildren(h("a", { className: "site-header__link", text: "Sign in", attrs: { href: "#/signin" } })),
  );
}
