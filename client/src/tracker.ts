// What the client knows about one submission while it is graded. Socket events and polled views arrive
// in any order; merging only ever moves forward (queued -> running -> graded | failed-to-grade).
import type { LiveEvent, SubmissionState, SubmissionView, TestResult } from "./types";

const rank: Record<SubmissionState, number> = { queued: 0, running: 1, graded: 2, "failed-to-grade": 2 };

export function isFinished(state: SubmissionState): boolean {
  return rank[state] === 2;
}

export class SubmissionTracker {
  state: SubmissionState;
  queuePosition: number | null;
  totalCount: number | null;
  /** Test results by index; holes are tests not finished yet. */
  tests: (TestResult | undefined)[] = [];
  /** The final view, once graded or failed to grade. */
  final: SubmissionView | null = null;

  constructor(readonly id: string, initial: SubmissionView) {
    this.state = initial.state;
    this.queuePosition = initial.queuePosition;
    this.totalCount = initial.totalCount;
    this.applyView(initial);
  }

  get finished(): boolean {
    return this.final !== null;
  }

  get completedCount(): number {
    return this.tests.reduce((count, test) => (test ? count + 1 : count), 0);
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
      return true;
    }
    if (rank[view.state] < rank[this.state]) return false;
    let changed = false;
    if (view.state !== this.state) {
      this.state = view.state;
      changed = true;
    }
    if (view.state === "queued" && view.queuePosition !== null && view.queuePosition !== this.queuePosition) {
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
      case "queued":
        if (this.state !== "queued") return false;
        this.queuePosition = event.queuePosition;
        return true;
      case "running":
        this.state = "running";
        this.totalCount = event.totalCount;
        return true;
      case "test":
        this.state = "running";
        this.totalCount = event.totalCount;
        this.tests[event.index] = event.test;
        return true;
      case "finished":
        return this.applyView(event.submission);
    }
  }
}
