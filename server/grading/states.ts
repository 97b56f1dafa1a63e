// A submission's life as one table: its states, the transitions between them, and the event each transition
// records in "SubmissionEvent". lifecycle.ts builds its SQL from it, submission-view.ts the API's state, and the
// browser (client/src/tracker.ts) the order in which it merges updates. It imports nothing, so that the client's
// bundle can include it as it is.
//
//   enqueue --> queued --claim--> running --complete--> graded
//                ^ ^                | |                   |
//                | +----postpone----+ +----fail-----> failed_to_grade
//                +---------------------regrade------------+
//
// and running --resume--> running: the lease of a worker that died ran out, and another worker takes it over.
// A regrade puts a graded submission back in the queue, at low priority, after its exercise changed.

/**
 * The states, as the database stores them (prisma/schema.prisma's SubmissionState, which lifecycle.ts checks
 * against this at compile time), with each one's name in the API (docs/api.md) and whether it is final.
 */
export const SUBMISSION_STATES = {
  queued: { api: "queued", finished: false },
  running: { api: "running", finished: false },
  graded: { api: "graded", finished: true },
  failed_to_grade: { api: "failed-to-grade", finished: true },
} as const;

export type SubmissionState = keyof typeof SUBMISSION_STATES;
export type ApiSubmissionState = (typeof SUBMISSION_STATES)[SubmissionState]["api"];

/** A state change: where it may start (null: the submission is new), where it leads, and the event it records. */
export interface Transition {
  from: SubmissionState | null;
  to: SubmissionState;
  event: string;
}

/** Every allowed state change; lifecycle.ts has one function, and one guarded SQL statement, per entry. */
export const TRANSITIONS = {
  /** A learner submitted. */
  enqueue: { from: null, to: "queued", event: "queued" },
  /** A worker takes a due submission and holds a lease on it while it grades; this starts a grading attempt. */
  claim: { from: "queued", to: "running", event: "running" },
  /** A worker takes over a submission whose lease ran out (its worker died): another attempt starts. */
  resume: { from: "running", to: "running", event: "resumed" },
  /** The verdict is stored. */
  complete: { from: "running", to: "graded", event: "graded" },
  /** Grading cannot go on now (Docker unreachable, say): back in the queue until a later time. */
  postpone: { from: "running", to: "queued", event: "postponed" },
  /** Grading gave up: our fault, never the learner's. */
  fail: { from: "running", to: "failed_to_grade", event: "failed" },
  /** The exercise changed since the verdict: graded again (the event keeps the earlier verdict, counts and results). */
  regrade: { from: "graded", to: "queued", event: "regrade" },
} as const satisfies Record<string, Transition>;

export type SubmissionEventKind = (typeof TRANSITIONS)[keyof typeof TRANSITIONS]["event"];

const ALL_STATES = Object.keys(SUBMISSION_STATES) as SubmissionState[];
/** The states a submission waits or is graded in: it counts in the queue. */
export const UNFINISHED_STATES = ALL_STATES.filter((s) => !SUBMISSION_STATES[s].finished);
/** The states with a final result. */
export const FINISHED_STATES = ALL_STATES.filter((s) => SUBMISSION_STATES[s].finished);

export function apiState(state: SubmissionState): ApiSubmissionState {
  return SUBMISSION_STATES[state].api;
}

/** Whether a submission in this state (the API's name for it) has its final result. */
export function isFinished(state: ApiSubmissionState): boolean {
  return Object.values(SUBMISSION_STATES).some((s) => s.api === state && s.finished);
}

/**
 * How far along its way a submission is, from its API state and how many grading attempts have started, for
 * merging updates that arrive in any order: queued 0, attempt 1 running 1, queued again 2, attempt 2 running 3...,
 * finished last. Each claim (or resume) starts an attempt, and each postpone goes back to the queue after one.
 */
export function stageOf(state: ApiSubmissionState, attempt: number): number {
  if (isFinished(state)) return Number.POSITIVE_INFINITY;
  return state === SUBMISSION_STATES.running.api ? 2 * Math.max(1, attempt) - 1 : 2 * attempt;
}
