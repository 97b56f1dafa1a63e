// Containers started ahead of time, so that a submission does not wait for Docker to create and start one. Each is
// created with exactly the options of a cold run (containerOptions), started with the harness blocked reading its
// request, used for ONE submission and then removed; nothing of one submission ever meets another's container.
// A container that dies while waiting (Docker restarted, killed by hand) is removed and replaced, never handed out.
// When Docker cannot be reached the pool retries with back-off and, meanwhile, callers run cold (and get Docker's
// error from there). stop() removes every container the pool holds or is still starting.
// Docker's work for one container (about 150 ms of CPU here to create, start and remove it) costs several times
// what grading a submission does, and on the same cores it made each submission several times slower. So the pool
// is large (server/config.ts sizes it by memory: an idle container holds a few MB) and Docker's work waits until
// grading is quiet (no container in use for quietMs, which also lets the verdict be stored first), one operation at
// a time, stopping as soon as grading resumes: a burst of submissions is graded from containers started before it.
// Two things cannot wait: a pool down to `refillAtOnceBelow` containers is refilled to that at once, in parallel (a
// submission finding it empty would wait for a whole start), and used containers are removed once as many pile up
// as the pool holds. A used container's harness stays idle until it is removed (linger in runner-image/harness/main.py),
// so its teardown waits too.
import type Docker from "dockerode";
import type { SandboxLimits } from "./limits";
import { removeContainer, SANDBOX_IDLE_UNTIL_LABEL, type StartedContainer, startContainer } from "./sandbox/container-policy";

export interface PoolOptions {
  /** How many started containers to keep waiting. */
  size: number;
  /** Fewer waiting (or starting) than this and the pool refills to it at once, in parallel; half the size by default. */
  refillAtOnceBelow?: number;
  /** A container idle this long is replaced, so that none is older than this plus one run (leftover cleanup counts on it); 30 minutes by default. */
  maxIdleMs?: number;
  /** Upkeep (removals, refills) waits until no container has been in use for this long; 200 ms by default. */
  quietMs?: number;
  log?: (line: string) => void;
}

/** Container options depend only on these limits; the rest travel in the request. */
export function sameContainerLimits(a: SandboxLimits, b: SandboxLimits): boolean {
  return a.memoryMb === b.memoryMb && a.pids === b.pids && a.cpus === b.cpus && a.tmpfsMb === b.tmpfsMb;
}

/** Enough started containers that each grading slot finds one while the used ones are replaced. */
export function poolFloorFor(concurrency: number): number {
  return Math.max(2, 2 * concurrency);
}

interface Waiting {
  started: StartedContainer;
  dead: boolean;
  recycle: NodeJS.Timeout;
}

const MAX_RETRY_MS = 30_000;

export class ContainerPool {
  private readonly ready: Waiting[] = [];
  private starting = 0;
  private filling = false;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly takers: ((w: Waiting | null) => void)[] = [];
  /** Handed out and not yet released. */
  private inUse = 0;
  /** Released, waiting to be removed. */
  private readonly used: StartedContainer[] = [];
  private quiet: NodeJS.Timeout | null = null;
  private working = false;
  private readonly maxIdleMs: number;
  private readonly quietMs: number;
  private readonly refillAtOnceBelow: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly docker: Docker,
    private readonly image: string,
    readonly limits: SandboxLimits,
    private readonly options: PoolOptions,
  ) {
    this.maxIdleMs = options.maxIdleMs ?? 30 * 60_000;
    this.quietMs = options.quietMs ?? 200;
    this.refillAtOnceBelow = Math.min(options.size, options.refillAtOnceBelow ?? Math.ceil(options.size / 2));
    this.log = options.log ?? (() => undefined);
  }

  /** Starts filling the pool: the part that cannot wait at once, the rest while grading is quiet. */
  start(): void {
    if (this.filling) return;
    this.filling = true;
    // Said once, since `docker ps` then lists them all: an operator should know why, and how to change it.
    this.log(`container pool: keeping ${this.options.size} sandbox containers started ahead of grading, each for one submission (TUTOR_CONTAINER_POOL)`);
    this.upkeep();
  }

  /** How many started containers wait for work now. */
  get readyCount(): number {
    return this.ready.length;
  }

  /**
   * A started container for one submission, which the caller must give back to release() once done; null when
   * none is ready or starting (Docker unreachable, the pool stopped), and the caller runs cold.
   */
  async take(): Promise<StartedContainer | null> {
    if (this.stopped) return null;
    this.start();
    this.inUse++;
    let waiting = this.ready.shift() ?? null;
    this.upkeep();
    if (!waiting && this.starting > 0) waiting = await new Promise<Waiting | null>((resolve) => this.takers.push(resolve));
    if (!waiting) {
      this.inUse--;
      this.upkeep();
      return null;
    }
    clearTimeout(waiting.recycle);
    return waiting.started;
  }

  /** Gives back a container that has been used: it is never handed out again, and is removed once grading is quiet. */
  release(started: StartedContainer): void {
    this.inUse--;
    if (this.stopped) this.track(removeContainer(started.container));
    else this.used.push(started);
    this.upkeep();
  }

  /** Stops refilling and removes every container the pool holds, including those still starting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.quiet) clearTimeout(this.quiet);
    for (const started of this.used.splice(0)) this.track(removeContainer(started.container));
    for (const resolve of this.takers.splice(0)) resolve(null);
    for (const w of this.ready.splice(0)) this.discard(w);
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<unknown>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private discard(w: Waiting): void {
    clearTimeout(w.recycle);
    w.dead = true;
    this.track(removeContainer(w.started.container));
  }

  /** Refills at once if the pool runs short and removes used containers if they pile up, else once grading is quiet. */
  private upkeep(): void {
    if (this.stopped) return;
    // Refill in parallel when the pool runs short: one start at a time cannot keep up with a steady stream, and a
    // submission that finds the pool empty waits for a whole start.
    this.fill(this.refillAtOnceBelow);
    if (this.used.length >= this.options.size) return this.catchUp();
    if (this.inUse > 0) {
      if (this.quiet) clearTimeout(this.quiet);
      this.quiet = null;
      return;
    }
    this.quiet ??= setTimeout(() => this.catchUp(), this.quietMs);
  }

  private catchUp(): void {
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = null;
    if (this.working) return;
    this.working = true;
    this.track(this.work().finally(() => (this.working = false)));
  }

  /**
   * One Docker operation at a time, and only while no container is in use (removing a pile of used ones aside):
   * several at once, or one during grading, take the cores from the submission being graded. A submission taking a
   * container stops this after the operation in hand; the next quiet moment resumes it.
   */
  private async work(): Promise<void> {
    while (!this.stopped) {
      const quiet = this.inUse === 0;
      if (this.used.length && (quiet || this.used.length >= this.options.size)) await removeContainer(this.used.shift()!.container);
      else if (quiet && !this.retry && this.ready.length + this.starting < this.options.size) {
        this.starting++;
        await this.startOne();
      } else return;
    }
  }

  /** Starts containers in parallel until this many are waiting or starting. */
  private fill(target: number): void {
    while (!this.stopped && !this.retry && this.ready.length + this.starting < target) {
      this.starting++;
      this.track(this.startOne());
    }
  }

  private async startOne(): Promise<void> {
    const idleUntil = Date.now() + this.maxIdleMs;
    let started: StartedContainer | null = null;
    try {
      started = await startContainer(this.docker, this.image, "harness", this.limits, { [SANDBOX_IDLE_UNTIL_LABEL]: String(Math.ceil(idleUntil / 1000)) });
      this.failures = 0;
    } catch (e) {
      this.failures++;
      const delay = Math.min(MAX_RETRY_MS, 500 * 2 ** (this.failures - 1));
      if (this.failures === 1) this.log(`container pool: cannot start a container (${(e as Error).message}); submissions run cold, retrying`);
      this.retry ??= setTimeout(() => {
        this.retry = null;
        this.upkeep();
      }, delay);
    } finally {
      this.starting--;
    }
    if (!started) {
      // Whoever waits for this one runs cold instead.
      if (this.starting === 0) for (const resolve of this.takers.splice(0)) resolve(null);
      return;
    }
    if (this.stopped) {
      await removeContainer(started.container);
      return;
    }
    const waiting: Waiting = {
      started,
      dead: false,
      recycle: setTimeout(() => this.replace(waiting), Math.max(0, idleUntil - Date.now())),
    };
    // A container that exits while waiting (Docker restarted, killed from outside) is never handed out.
    started.exited.then(
      () => this.replace(waiting),
      () => this.replace(waiting),
    );
    const taker = this.takers.shift();
    if (taker) taker(waiting);
    else this.ready.push(waiting);
  }

  /** Removes a waiting container (dead or idle too long) and starts another in its place. */
  private replace(w: Waiting): void {
    const index = this.ready.indexOf(w);
    if (index < 0) return; // handed out already, or discarded
    this.ready.splice(index, 1);
    this.discard(w);
    this.upkeep();
  }
}
