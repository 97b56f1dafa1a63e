// Links to the authoring pages, shown only to instructors and admins: each starts hidden and appears once
// GET /api/me says the visitor may author (the routes refuse everyone else anyway).
import { canAuthor } from "./authoring-api";
import { h } from "./dom";
import { authorHref, newExerciseHref } from "./router";

function revealForAuthors(link: HTMLAnchorElement, signal: AbortSignal): HTMLAnchorElement {
  link.hidden = true;
  void canAuthor(signal).then((allowed) => {
    link.hidden = !allowed;
  });
  return link;
}

export function authorLink(set: string, slug: string, signal: AbortSignal): HTMLAnchorElement {
  return revealForAuthors(h("a", { className: "author-link", testId: "author-link", text: "Edit exercise", attrs: { href: authorHref(set, slug) } }), signal);
}

export function newExerciseLink(signal: AbortSignal): HTMLAnchorElement {
  return revealForAuthors(h("a", { className: "author-link", testId: "new-exercise-link", text: "New exercise", attrs: { href: newExerciseHref } }), signal);
}
