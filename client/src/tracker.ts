// What the client knows about one submission while it is graded. Socket events and polled views arrive in any
// order; merging only ever moves forward, in the order of server/grading/states.ts (stageOf): queued, then each
// grading attempt's run; an attempt that could not go on (Docker unreachable, say) puts the submission back in the
// queue, with the reason, until the next attempt runs; a verdict ends it.
import { isFinished, stageOf } from "../../server/grading/states";
import type { LiveEvent, SubmissionState, SubmissionView, TestResult } from "./types";

/** The reason shown for a submission back in the queue after an attempt; none for one never taken, or running. */
function waitingReasonOf(state: SubmissionState, attempt: number, reason: string | null): string | null {
  return state === "queued" && attempt > 0 ? reason : null;
}

export class SubmissionTracker {
  state: SubmissionState;
  queuePosition: number | null;
  totalCount: number | null;
  /** Grading attempts started, as far as this client has heard. */
  attempt: number;
  /** Why a submission that was already taken waits in the queue again; null otherwise. */
  waitingReason: string | null = null;
  /** Test results by index; holes are tests not finished yet. */
  tests: (TestResult | undefined)[] = [];
  /** The final view, once graded or failed to grade. */
  final: SubmissionView | null = null;

  constructor(readonly id: string, initial: SubmissionView) {
    this.state = initial.state;
    this.queuePosition = initial.queuePosition;
    this.totalCount = initial.totalCount;
    this.attempt = initial.attempt;
    this.waitingReason = waitingReasonOf(initial.state, initial.attempt, initial.message);
    this.applyView(initial);
  }

  get finished(): boolean {
    return this.final !== null;
  }

  get completedCount(): number {
    return this.tests.reduce((count, test) => (test ? count + 1 : count), 0);
  }

  /**
   * Moves to `state` of `attempt` if that is not behind where the tracker is. Returns whether it moved. Results of
   * an attempt that did not finish are dropped: the next attempt grades every test again.
   */
  private advance(state: "queued" | "running", attempt: number, reason: string | null): boolean {
    if (stageOf(state, attempt) <= stageOf(this.state, this.attempt)) return false;
    if (state === "queued" || attempt !== this.attempt) this.tests = [];
    this.state = state;
    this.attempt = attempt;
    this.waitingReason = waitingReasonOf(state, attempt, reason);
    return true;
  }

  /** Merges a full view (from the POST, a poll, or submission:finished). Returns true if anything changed. */
  applyView(view: SubmissionView): boolean {
    if (this.final || view.id !== this.id) return false;
    if (isFinished(view.state)) {
      this.final = view;
      this.state = view.state;
      this.tests = [...view.tests];
      this.totalCount = view.totalCount ?? view.tests.length;
      this.queuePosition = null;
      this.waitingReason = null;
      return true;
    }
    const state = view.state as "queued" | "running";
    if (stageOf(state, view.attempt) < stageOf(this.state, this.attempt)) return false;
    let changed = this.advance(state, view.attempt, view.message);
    if (state === "queued" && view.queuePosition !== null && view.queuePosition !== this.queuePosition) {
      this.queuePosition = view.queuePosition;
      changed = true;
    }
    if (view.totalCount !== null && view.totalCount > 0 && view.totalCount !== this.totalCount) {
      this.totalCount = view.totalCount;
      changed = true;
    }
    view.tests.forEach((test, index) => {
      if (!this.tests[index]) {
        this.tests[index] = test;
        changed = true;
      }
    });
    return changed;
  }

  /** Merges a socket event. Returns true if anything changed. */
  applyEvent(event: LiveEvent): boolean {
    if (this.final || event.submissionId !== this.id) return false;
    switch (event.type) {
      case "queued": {
        const attempt = event.attempt ?? 0;
        const moved = this.advance("queued", attempt, event.reason ?? null);
        if (this.state !== "queued" || this.attempt !== attempt) return moved;
        this.queuePosition = event.queuePosition;
        return true;
      }
      case "running": {
        const moved = this.advance("running", event.attempt ?? Math.max(1, this.attempt), null);
        if (this.state !== "running") return moved;
        this.totalCount = event.totalCount;
        return true;
      }
      case "test":
        // A test reports on the attempt that is running; one late from an attempt that could not go on is dropped.
        if (this.state === "queued" && this.attempt > 0) return false;
        this.advance("running", Math.max(1, this.attempt), null);
        this.totalCount = event.totalCount;
        this.tests[event.index] = event.test;
        return true;
      case "finished":
        return this.applyView(event.submission);
    }
  }
}
