// Containers started ahead of time, so that a submission does not wait for Docker to create and start one. Each is
// created with exactly the options of a cold run (containerOptions), started with the harness blocked reading its
// request, used for ONE submission and then removed; nothing of one submission ever meets another's container.
// A container that dies while waiting (Docker restarted, killed by hand) is removed and replaced, never handed out.
// When Docker cannot be reached the pool retries with back-off and, meanwhile, callers run cold (and get Docker's
// error from there). stop() removes every container the pool holds or is still starting.
import type Docker from "dockerode";
import type { SandboxLimits } from "./limits";
import { removeContainer, SANDBOX_IDLE_UNTIL_LABEL, type StartedContainer, startContainer } from "./sandbox";

export interface PoolOptions {
  /** How many started containers to keep waiting. */
  size: number;
  /** A container idle this long is replaced, so that none is older than this plus one run (leftover cleanup counts on it). */
  maxIdleMs?: number;
  log?: (line: string) => void;
}

/** Container options depend only on these limits; the rest travel in the request. */
export function sameContainerLimits(a: SandboxLimits, b: SandboxLimits): boolean {
  return a.memoryMb === b.memoryMb && a.pids === b.pids && a.cpus === b.cpus && a.tmpfsMb === b.tmpfsMb;
}

/** Enough started containers that each grading slot finds one while the used ones are replaced. */
export function poolSizeFor(concurrency: number): number {
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
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly takers: ((w: Waiting | null) => void)[] = [];
  private readonly maxIdleMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly docker: Docker,
    private readonly image: string,
    readonly limits: SandboxLimits,
    private readonly options: PoolOptions,
  ) {
    this.maxIdleMs = options.maxIdleMs ?? 5 * 60_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Starts filling the pool. */
  start(): void {
    this.fill();
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
    let waiting = this.ready.shift() ?? null;
    if (!waiting && this.starting > 0) waiting = await new Promise<Waiting | null>((resolve) => this.takers.push(resolve));
    this.fill();
    if (!waiting) return null;
    clearTimeout(waiting.recycle);
    return waiting.started;
  }

  /** Removes a container that has been used; it is never handed out again. */
  release(started: StartedContainer): void {
    this.track(removeContainer(started.container));
  }

  /** Stops refilling and removes every container the pool holds, including those still starting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
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

  private fill(): void {
    while (!this.stopped && !this.retry && this.ready.length + this.starting < this.options.size) {
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
        this.fill();
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
    this.fill();
  }
}
