// The learning path on an exercise page: which unit the exercise belongs to and how far the learner is in it
// (`trail`, under the title), and what to do next (`next`, under the results). After a pass, `next` becomes the
// page's call to action: the next unsolved exercise of the unit, or the next unit's first.
import { getNextUp, isAbortError } from "./api";
import { h } from "./dom";
import { nextUpLink, unitLink, unitProgressBar } from "./path-ui";
import type { ExerciseNext } from "./types";

export class ExercisePath {
  readonly trail = h("div", { className: "unit-trail", testId: "unit-trail" });
  // Polite: after a pass the new suggestion is read out once the verdict has been.
  readonly next = h("div", { className: "next-up-panel", testId: "next-up-panel", attrs: { "aria-live": "polite" } });

  constructor(
    private readonly set: string,
    private readonly slug: string,
    private readonly signal: AbortSignal,
  ) {
    this.refresh(false);
  }

  /** Fetches the unit's progress and what comes next again; `passed` when the learner's submission just passed. */
  refresh(passed: boolean): void {
    getNextUp(this.set, this.slug, this.signal).then(
      (path) => this.render(path, passed),
      (error: unknown) => {
        if (!isAbortError(error)) this.next.replaceChildren(); // The path is a nicety: the exercise works without it.
      },
    );
  }

  private render({ unit, nextUp }: ExerciseNext, passed: boolean): void {
    this.trail.replaceChildren(unitLink(unit), unitProgressBar(unit));
    this.next.className = `next-up-panel${passed ? " next-up-panel--passed" : ""}`;
    this.next.dataset.passed = String(passed);
    if (nextUp) this.next.replaceChildren(nextUpLink(nextUp, passed ? "Solved! Next up" : "Next up"));
    else this.next.replaceChildren(h("p", { className: "next-up", testId: "next-up", text: passed ? "Solved! That was the last one: you have solved every exercise." : "Every other exercise is solved." }));
  }
}
