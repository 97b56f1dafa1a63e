// Small pieces the course, dashboard and history pages share: status badges, due dates, durations, and links
// to exercises and concept lessons.
import { h } from "./dom";
import { conceptHref, exerciseHref } from "./router";
import type { ExerciseStatus } from "./types";

const statusText: Record<ExerciseStatus, string> = { solved: "✓ Solved", attempted: "◐ Attempted", "not-started": "Not started" };

export function statusBadge(status: ExerciseStatus): HTMLElement {
  return h("span", { className: `progress-badge progress-badge--${status}`, testId: "status-badge", dataset: { progress: status }, text: statusText[status] });
}

/** An exercise id is "<set>/<slug>". */
export function exerciseIdHref(id: string): string {
  const cut = id.indexOf("/");
  return cut < 0 ? "#/" : exerciseHref(id.slice(0, cut), id.slice(cut + 1));
}

export function conceptLink(id: string, title: string, extra?: string): HTMLElement {
  return h("a", { className: "concept-link", testId: "concept-link", dataset: { conceptId: id }, attrs: { href: conceptHref(id) } }, title, extra ? h("span", { className: "concept-link__count", text: extra }) : null);
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** "3 h 5 min", "12 min", "40 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "due Fri, Nov 28, 17:00 (in 2 days)" or "was due … (3 days ago)"; null means no due date. */
export function dueText(dueAt: string | null, now = Date.now()): { text: string; overdue: boolean } {
  if (!dueAt) return { text: "No due date", overdue: false };
  const due = new Date(dueAt).getTime();
  const days = Math.round((due - now) / 86_400_000);
  const hours = Math.round((due - now) / 3_600_000);
  const relative =
    Math.abs(hours) < 24 ? (hours >= 0 ? `in ${Math.max(hours, 1)} h` : `${-hours} h ago`) : days >= 0 ? `in ${days} day${days === 1 ? "" : "s"}` : `${-days} day${days === -1 ? "" : "s"} ago`;
  const overdue = due < now;
  return { text: `${overdue ? "Was due" : "Due"} ${formatDateTime(dueAt)} (${relative})`, overdue };
}

/** `extended`: the date is the learner's own (a deadline extension), which the label says so they trust it. */
export function dueLabel(dueAt: string | null, extended = false): HTMLElement {
  const { text, overdue } = dueText(dueAt);
  return h("span", { className: overdue ? "due due--overdue" : "due", testId: "due", dataset: { due: dueAt ?? "", extended: String(extended) }, text: extended ? `${text} · extended for you` : text });
}

/** An ISO date for a <input type="datetime-local"> value (local time), or null when empty. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A stat tile: a big number and what it counts. */
export function statTile(value: string, label: string, testId: string): HTMLElement {
  return h("div", { className: "stat", testId, dataset: { value } }, h("span", { className: "stat__value", text: value }), h("span", { className: "stat__label", text: label }));
}
