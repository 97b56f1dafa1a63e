// The sender loop of the grade outbox (grades-outbox.ts): it claims due scores, posts each to its line item's score
// service (IMS AGS 2.0: POST {lineitem}/scores, application/vnd.ims.lis.v1.score+json) and records the outcome. A
// failure (the LMS down, a refused token, a 5xx) waits longer after each try and is never dropped; an instructor
// sees it on the course page. Any number of senders can run, one next to each grading worker: claims skip rows
// another sender holds.
import type { Database } from "../database/client";
import type { LtiPlatform, LtiResourceLink, LtiScore } from "../database/generated/client";
import { type AttemptOutcome, claimDueScores, recordAttempt, retryDelayMs } from "./grades-outbox";
import { SCOPE, ServiceError, ServiceTokens } from "./service-token";

const MEDIA = {
  score: "application/vnd.ims.lis.v1.score+json",
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItems: "application/vnd.ims.lis.v2.lineitemcontainer+json",
};

/** Scores taken per claim. */
const BATCH = 10;
/** How long a claimed score is this sender's: longer than the token request, a line item lookup and the post together. */
const LEASE_MS = 2 * 60_000;
/** The score service is the line item URL with /scores after its path (its query, as Moodle uses, stays). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

/** The AGS score message for one learner's queued result. */
export function scoreMessage(score: Pick<LtiScore, "scoreGiven" | "scoreMaximum" | "activityProgress" | "gradingProgress" | "timestamp">, ltiUserId: string) {
  return {
    userId: ltiUserId,
    scoreGiven: score.scoreGiven,
    scoreMaximum: score.scoreMaximum,
    activityProgress: score.activityProgress,
    gradingProgress: score.gradingProgress,
    timestamp: score.timestamp.toISOString(),
  };
}

export interface ScoreSenderOptions {
  db: Database;
  /** The wait after a first failure; it doubles with each failure in a row, up to an hour. */
  retryMs: number;
  log?: (line: string) => void;
}

type LinkWithPlatform = LtiResourceLink & { platform: LtiPlatform };

export class ScoreSender {
  private readonly tokens: ServiceTokens;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly log: (line: string) => void;

  constructor(private readonly o: ScoreSenderOptions) {
    this.tokens = new ServiceTokens(o.db);
    this.log = o.log ?? (() => undefined);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const sent = await this.sendDue().catch((e: unknown) => {
        this.log(`lti scores: cannot reach the outbox (${(e as Error).message.split("\n")[0]}); retrying`);
        return 0;
      });
      if (sent > 0) continue;
      await new Promise<void>((resolve) => {
        // Looks for due scores every 2 s, or as often as the first retry when that is shorter.
        const timer = setTimeout(resolve, Math.min(2000, this.o.retryMs));
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** One pass: claims due scores and tries each once. Returns how many it tried. */
  async sendDue(): Promise<number> {
    const due = await claimDueScores(this.o.db, BATCH, LEASE_MS);
    await Promise.all(
      due.map(async (score) => {
        const outcome = await this.attempt(score);
        if (!outcome.ok) this.log(`lti scores: not sent yet (${outcome.error})`);
        await recordAttempt(this.o.db, score, outcome, retryDelayMs(score.attempts + 1, this.o.retryMs));
      }),
    );
    return due.length;
  }

  private async attempt(score: LtiScore): Promise<AttemptOutcome> {
    try {
      const link = await this.o.db.ltiResourceLink.findUniqueOrThrow({ where: { id: score.resourceLinkId }, include: { platform: true } });
      const account = await this.o.db.ltiAccount.findFirst({ where: { userId: score.userId, issuer: link.platform.issuer } });
      if (!account) return { ok: false, status: null, error: `The learner has no account from ${link.platform.name}, so the LMS would not know who the score is for.` };
      const lineItem = await this.lineItemFor(link);
      const res = await this.tokens.call(link.platform, [SCOPE.score], scoresUrl(lineItem), {
        method: "POST",
        accept: "application/json",
        contentType: MEDIA.score,
        body: JSON.stringify(scoreMessage(score, account.sub)),
      });
      return { ok: true, status: res.status, error: null };
    } catch (e) {
      if (e instanceof ServiceError) return { ok: false, status: e.status, error: e.message };
      this.log(`lti scores: unexpected ${(e as Error).stack ?? String(e)}`);
      return { ok: false, status: null, error: `Tutor failed to send the score (${(e as Error).message}).` };
    }
  }

  /**
   * The line item scores go to: the launch's, or, when the launch named only the line items container, the item
   * for this resource link found there (by resource_link_id), created when there is none. One sender at a time
   * looks (an advisory lock per link), so two learners' scores never create two columns in the gradebook.
   */
  private async lineItemFor(link: LinkWithPlatform): Promise<string> {
    if (link.lineItemUrl) return link.lineItemUrl;
    if (link.foundLineItemUrl) return link.foundLineItemUrl;
    if (!link.lineItemsUrl || !link.agsScopes.includes(SCOPE.lineItem)) {
      throw new ServiceError("The LMS gave this link no line item and does not let Tutor manage line items: make the link a graded assignment in the LMS, or allow the line item scope.", null);
    }
    const lineItems = link.lineItemsUrl;
    return this.o.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${link.id}))`;
        const found = (await tx.ltiResourceLink.findUniqueOrThrow({ where: { id: link.id } })).foundLineItemUrl;
        if (found) return found;
        const search = new URL(lineItems);
        search.searchParams.set("resource_link_id", link.resourceLinkId);
        const listed = (await (await this.tokens.call(link.platform, [SCOPE.lineItem], search.toString(), { accept: MEDIA.lineItems })).json()) as { id?: string; resourceLinkId?: string }[];
        let url = (Array.isArray(listed) ? listed : []).find((item) => item.resourceLinkId === link.resourceLinkId && typeof item.id === "string")?.id;
        if (!url) {
          const item = { scoreMaximum: 100, label: link.title ?? link.target ?? "Tutor", resourceId: link.target ?? link.resourceLinkId, resourceLinkId: link.resourceLinkId, tag: "tutor" };
          const created = (await (await this.tokens.call(link.platform, [SCOPE.lineItem], lineItems, { method: "POST", accept: MEDIA.lineItem, contentType: MEDIA.lineItem, body: JSON.stringify(item) })).json()) as { id?: unknown };
          if (typeof created.id !== "string") throw new ServiceError("The LMS created a line item but did not say its URL (id).", null);
          url = created.id;
        }
        await tx.ltiResourceLink.update({ where: { id: link.id }, data: { foundLineItemUrl: url } });
        return url;
      },
      { maxWait: 60_000, timeout: 60_000 },
    );
  }
}
