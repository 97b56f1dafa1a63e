// How many started containers the pool keeps: sized by demand, between a small starting size and a limit set by the
// machine's memory, or fixed (TUTOR_CONTAINER_POOL). Pure (no Docker, no clock of its own), so that the rule is tested
// in milliseconds; container-pool.ts does the Docker work it asks for and tells it what happens.
//
// Why these rules. A container taken from the pool costs its submission nothing; one started while a submission is
// graded costs it Docker's work (about 150 ms of CPU) on the same cores. Containers beyond the floor are started only
// while grading is quiet, so a run of submissions is graded from what the pool held before it, and the floor is
// refilled at once, during grading, when a run eats into it. A take that finds the pool at or below its floor is
// therefore pressure: submissions are arriving faster than the pool refills. The target then grows, but only when
// more than half of it has been taken since the pool was last full (or last grew): a pool that is merely still
// filling (just started, or a container died) is not short of size. It grows to twice the larger of the target and
// that run, so that a run as long again is graded from containers started before it; at most `most`. The run then
// counts again from zero, so that a rush doubles the target once for every half of it taken, not at every take that
// finds it low while Docker starts what it grew to. Once the pool has held its
// target for `shrinkAfterMs` without pressure, it goes back to `least`, and the containers beyond it are removed
// while grading is quiet. (Counting from when it is full, not from the last pressure, gives a grown pool that whole
// time at its size, however long Docker took to start it.)

export interface PoolBounds {
  /** Refilled at once, in parallel, whenever fewer containers wait or start: what the grading slots need. */
  floor: number;
  /** Where the target starts, and where it goes back to after a quiet period. */
  least: number;
  /** The most the target grows to; `least` for a fixed size. */
  most: number;
}

export type SizeChange = { kind: "grew"; from: number; to: number; run: number } | { kind: "shrank"; from: number; to: number; quietMs: number };

/** Enough started containers that each grading slot finds one while the used ones are replaced. */
export function poolFloorFor(concurrency: number): number {
  return Math.max(2, 2 * concurrency);
}

/**
 * Where a demand-sized pool starts: its floor plus one container per grading slot, so that as many submissions as
 * are graded at once take containers without leaving the pool below its floor (which would refill it during their
 * grading). One learner on their own never does.
 */
export function poolStartFor(concurrency: number): number {
  return poolFloorFor(concurrency) + Math.max(1, concurrency);
}

export class PoolSizing {
  private current: number;
  /** Containers taken since the pool last held its whole target, or last grew. */
  private run = 0;
  /** Since when the pool has held its target with no pressure; null while it has not yet, since the last pressure. */
  private quietSince: number | null = null;

  constructor(
    readonly bounds: PoolBounds,
    readonly shrinkAfterMs: number,
  ) {
    const { floor, least, most } = bounds;
    if (!(Number.isInteger(floor) && floor >= 1 && least >= floor && most >= least)) {
      throw new Error(`pool bounds must satisfy 1 <= floor <= least <= most, not ${JSON.stringify(bounds)}`);
    }
    this.current = least;
  }

  /** How many started containers the pool aims to hold now. */
  get target(): number {
    return this.current;
  }

  /** A container is being taken, while `waiting` containers were ready to be taken (those still starting aside). */
  taken(waiting: number, now: number): SizeChange | null {
    this.run++;
    if (waiting > this.bounds.floor) return null;
    this.quietSince = null;
    if (this.run * 2 <= this.current || this.current >= this.bounds.most) return null;
    const from = this.current;
    const run = this.run;
    this.current = Math.min(this.bounds.most, 2 * Math.max(this.current, run));
    this.run = 0;
    return { kind: "grew", from, to: this.current, run };
  }

  /** A container has become ready, and `waiting` are now ready: the pool is full once they reach the target. */
  filled(waiting: number, now: number): void {
    if (waiting < this.current) return;
    this.run = 0;
    this.quietSince ??= now;
  }

  /** When the target goes back to `least` unless pressure comes first; null when it is there already, or not yet full. */
  shrinkDueAt(): number | null {
    if (this.current === this.bounds.least || this.quietSince === null) return null;
    return this.quietSince + this.shrinkAfterMs;
  }

  /** Goes back to `least` once the pool has held its target for `shrinkAfterMs` without pressure. */
  shrinkIfDue(now: number): SizeChange | null {
    const due = this.shrinkDueAt();
    if (due === null || now < due) return null;
    const from = this.current;
    const quietMs = now - this.quietSince!;
    this.current = this.bounds.least;
    this.run = 0;
    return { kind: "shrank", from, to: this.current, quietMs };
  }
}

/** What the pool keeps, said once when it starts: `docker ps` then lists them all, so an operator should know why. */
export function describeBounds(bounds: PoolBounds): string {
  const each = "sandbox containers started ahead of grading, each for one submission";
  if (bounds.least === bounds.most) return `container pool: keeping ${bounds.least} ${each} (a fixed number, TUTOR_CONTAINER_POOL)`;
  return `container pool: keeping ${bounds.least} ${each}, and up to ${bounds.most} while submissions come faster than their containers are replaced (TUTOR_CONTAINER_POOL fixes the number instead)`;
}

export function describeChange(change: SizeChange, most: number): string {
  if (change.kind === "grew") {
    return `container pool: ${change.run} submissions came faster than their containers were replaced; keeping ${change.to} started from now on (at most ${most})`;
  }
  return `container pool: ${duration(change.quietMs)} at ${change.from} without a rush; back to ${change.to} started containers`;
}

function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} seconds` : `${Math.round(ms / 60_000)} minutes`;
}
