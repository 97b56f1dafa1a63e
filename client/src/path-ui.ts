// Small pieces of the learning path shared by the exercise list, a unit's page, an exercise page and the
// dashboard: a unit's progress bar and a "Next up" link. Nothing here locks anything; they only point the way.
import { h } from "./dom";
import { exerciseHref, unitHref } from "./router";
import type { NextUp, UnitProgress } from "./types";

/** "3 of 7 solved" with a bar, readable by a screen reader as a progress bar. */
export function unitProgressBar(unit: Pick<UnitProgress, "name" | "title" | "solved" | "total">): HTMLElement {
  const percent = unit.total > 0 ? Math.round((unit.solved / unit.total) * 100) : 0;
  const label = `${unit.solved} of ${unit.total} solved`;
  return h(
    "div",
    { className: "unit-progress", testId: "unit-progress", dataset: { unit: unit.name, solved: String(unit.solved), total: String(unit.total) } },
    h(
      "div",
      {
        className: "unit-progress__bar",
        attrs: { role: "progressbar", "aria-valuemin": 0, "aria-valuemax": unit.total, "aria-valuenow": unit.solved, "aria-label": `${unit.title}: ${label}` },
      },
      h("span", { className: `unit-progress__fill${unit.solved === unit.total && unit.total > 0 ? " unit-progress__fill--done" : ""}`, attrs: { style: `width: ${percent}%` } }),
    ),
    h("span", { className: "unit-progress__label", text: label }),
  );
}

/** Why this exercise is next, in a few words. */
function nextUpReason(next: NextUp): string {
  if (next.kind === "same-unit") return `in ${next.unit.title}`;
  if (next.kind === "next-unit") return `the next unit: ${next.unit.title}`;
  return `still open in ${next.unit.title}`;
}

/** A link to the next exercise, with where it is in the course. */
export function nextUpLink(next: NextUp, label = "Next up"): HTMLElement {
  return h(
    "p",
    { className: "next-up", testId: "next-up", dataset: { exerciseId: next.id, kind: next.kind } },
    h("span", { className: "next-up__label", text: `${label}: ` }),
    h("a", { className: "next-up__link", testId: "next-up-link", text: `${next.title} →`, attrs: { href: exerciseHref(next.set, next.slug) } }),
    h("span", { className: "muted next-up__reason", text: ` ${nextUpReason(next)}` }),
  );
}

/** Every unit as a row: its title (a link to its page) and its progress bar. The dashboard's and the list's map. */
export function unitRows(units: UnitProgress[]): HTMLElement {
  return h("ol", { className: "unit-rows" }, ...units.map((unit) => h("li", { className: "unit-row", testId: "unit-row", dataset: { unit: unit.name } }, unitLink(unit), unitProgressBar(unit))));
}

/** A unit's title as a link to its page. */
export function unitLink(unit: { name: string; title: string }, className = "unit-link"): HTMLElement {
  return h("a", { className, testId: "unit-link", dataset: { unit: unit.name }, text: unit.title, attrs: { href: unitHref(unit.name) } });
}
