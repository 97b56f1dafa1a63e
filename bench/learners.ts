// Simulated learners for the grading benchmark: each is a browser as the server sees it (an anonymous identity from
// the cookie the API sets on the first request, a socket.io connection with that cookie), submitting through the
// public HTTP API and receiving its verdicts as socket events.
import type { Socket } from "socket.io-client";
import { connectLearnerSocket, LearnerClient } from "../test/support/platform";

export interface Verdict {
  submissionId: string;
  /** The submission's verdict (passed, failed, ...), null if it could not be graded. */
  status: string | null;
  at: number;
  /** How long the worker spent grading it (taking a container, the harness's run, judging), as the server says. */
  gradingMs: number | null;
}

/** One submission as the learner saw it: when it was sent, when grading started, when the verdict arrived. */
export interface Timing {
  submissionId: string;
  sentAt: number;
  runningAt: number | null;
  verdict: Verdict;
}

export class SimulatedLearner {
  readonly verdicts: Verdict[] = [];
  private readonly runningAt = new Map<string, number>();
  private readonly waiters = new Map<string, (v: Verdict) => void>();

  private constructor(
    private readonly client: LearnerClient,
    private readonly socket: Socket,
  ) {
    socket.on("submission:running", (p: { submissionId: string }) => {
      if (!this.runningAt.has(p.submissionId)) this.runningAt.set(p.submissionId, performance.now());
    });
    socket.on("submission:finished", (p: { submissionId: string; submission: { verdict: string | null; durationMs?: number | null } }) => {
      const verdict = { submissionId: p.submissionId, status: p.submission.verdict, at: performance.now(), gradingMs: p.submission.durationMs ?? null };
      // Every event is kept, so a duplicated verdict shows in the counts.
      this.verdicts.push(verdict);
      this.waiters.get(p.submissionId)?.(verdict);
    });
  }

  /** A new anonymous learner: the first request sets the identity cookie, then the socket connects with it. */
  static async join(baseUrl: string): Promise<SimulatedLearner> {
    const client = new LearnerClient(baseUrl);
    const me = await client.request("GET", "/api/me");
    if (me.status !== 200) throw new Error(`GET /api/me answered ${me.status}: ${JSON.stringify(me.json)}`);
    return new SimulatedLearner(client, await connectLearnerSocket(baseUrl, client));
  }

  /** Submits code and resolves with its timing once the verdict arrives over the socket. */
  async submit(exerciseId: string, code: string, timeoutMs: number): Promise<Timing> {
    const sentAt = performance.now();
    const res = await this.client.request("POST", `/api/exercises/${exerciseId}/submissions`, { code });
    if (res.status !== 202) throw new Error(`submitting to ${exerciseId} answered ${res.status}: ${JSON.stringify(res.json)}`);
    const submissionId = res.json.submission.id as string;
    const verdict = await this.verdictOf(submissionId, timeoutMs);
    return { submissionId, sentAt, runningAt: this.runningAt.get(submissionId) ?? null, verdict };
  }

  private verdictOf(submissionId: string, timeoutMs: number): Promise<Verdict> {
    const early = this.verdicts.find((v) => v.submissionId === submissionId);
    if (early) return Promise.resolve(early);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(submissionId);
        reject(new Error(`no verdict for ${submissionId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(submissionId, (v) => {
        clearTimeout(timer);
        this.waiters.delete(submissionId);
        resolve(v);
      });
    });
  }

  leave(): void {
    this.socket.close();
  }
}
