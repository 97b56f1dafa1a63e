// Small shared pieces: the progress badge and the difficulty dots.
import { h } from "./dom";
import type { Progress } from "./types";

export type ProgressKind = "solved" | "attempted" | "not-started";

export function progressKind(progress: Progress | null): ProgressKind {
  if (progress?.solved) return "solved";
  if (progress && progress.attempts > 0) return "attempted";
  return "not-started";
}

export function progressBadge(progress: Progress | null): HTMLElement {
  const badge = h("span", { testId: "progress-badge" });
  updateProgressBadge(badge, progress);
  return badge;
}

export function updateProgressBadge(badge: HTMLElement, progress: Progress | null): void {
  const kind = progressKind(progress);
  badge.className = `progress-badge progress-badge--${kind}`;
  badge.dataset.progress = kind;
  if (kind === "solved") {
    badge.textContent = "✓ Solved";
  } else if (kind === "attempted" && progress) {
    badge.textContent =
      progress.bestTotal > 0 ? `Attempted · best ${progress.bestPassed}/${progress.bestTotal}` : "Attempted";
  } else {
    badge.textContent = "Not started";
  }
}

/** Filled dots for the difficulty, out of `scale`. */
export function difficultyDots(difficulty: number, scale: number): HTMLElement {
  const level = Math.max(0, Math.round(difficulty));
  const max = Math.max(scale, level);
  const dots = h("span", {
    className: "difficulty",
    attrs: { role: "img", "aria-label": `Difficulty ${level} of ${max}`, title: `Difficulty ${level} of ${max}` },
  });
  for (let i = 1; i <= max; i++) {
    dots.appendChild(h("span", { className: i <= level ? "difficulty__dot difficulty__dot--on" : "difficulty__dot", attrs: { "aria-hidden": "true" } }));
  }
  return dots;
}
