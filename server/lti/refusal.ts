// Why a login or launch was refused, as a code the tests can check and words a person can act on. Each refusal
// leaves the database as it was (no account, course or membership), so trying again is always safe.
export type RefusalCode =
  | "missing-parameter"
  | "unknown-platform"
  | "ambiguous-platform"
  | "state-mismatch"
  | "state-unknown"
  | "malformed-token"
  | "bad-signature"
  | "platform-keys-unavailable"
  | "wrong-audience"
  | "expired"
  | "issued-in-future"
  | "missing-nonce"
  | "replayed"
  | "unknown-deployment"
  | "unsupported-message"
  | "not-instructor"
  | "course-not-ready"
  | "deep-link-expired"
  | "unknown-target"
  | "no-such-endpoint"
  | "internal";

interface RefusalText {
  status: number;
  title: string;
  /** What the person in front of the page can do about it. */
  todo: string;
}

const ASK_ADMIN = "Ask the administrator of Tutor to check the LTI registration of your learning platform (Admin page, LTI).";
const RELAUNCH = "Go back to your course in the learning platform and open the link again.";

const TEXTS: Record<RefusalCode, RefusalText> = {
  "missing-parameter": { status: 400, title: "The launch request is incomplete", todo: RELAUNCH },
  "unknown-platform": { status: 400, title: "This learning platform is not registered", todo: ASK_ADMIN },
  "ambiguous-platform": { status: 400, title: "This learning platform is registered more than once", todo: ASK_ADMIN },
  "state-mismatch": {
    status: 400,
    title: "The launch did not come back to the browser that started it",
    todo: `${RELAUNCH} If it happens again, allow cookies for this site (the launch needs one to know it is you).`,
  },
  "state-unknown": { status: 400, title: "This launch was already used or took too long", todo: RELAUNCH },
  "malformed-token": { status: 400, title: "The launch message is not valid", todo: ASK_ADMIN },
  "bad-signature": { status: 401, title: "The launch message's signature does not check out", todo: ASK_ADMIN },
  "platform-keys-unavailable": { status: 502, title: "The learning platform's keys could not be fetched", todo: `Try again in a minute. ${ASK_ADMIN}` },
  "wrong-audience": { status: 401, title: "The launch message was meant for another tool", todo: ASK_ADMIN },
  expired: { status: 401, title: "The launch message has expired", todo: RELAUNCH },
  "issued-in-future": { status: 401, title: "The launch message is dated in the future", todo: `${RELAUNCH} If it happens again, the clock of the learning platform or of Tutor's server is wrong.` },
  "missing-nonce": { status: 401, title: "The launch message has no nonce", todo: ASK_ADMIN },
  replayed: { status: 401, title: "This launch message was already used", todo: RELAUNCH },
  "unknown-deployment": { status: 403, title: "This deployment of Tutor is not registered", todo: ASK_ADMIN },
  "unsupported-message": { status: 400, title: "This kind of launch is not supported", todo: ASK_ADMIN },
  "not-instructor": { status: 403, title: "Only instructors can do this", todo: "Ask an instructor of the course to add the link." },
  "course-not-ready": {
    status: 409,
    title: "Your instructor has not opened Tutor in this course yet",
    todo: "Ask your instructor to open this link once from the course; then open it again.",
  },
  "deep-link-expired": { status: 400, title: "This choice took too long or was already sent", todo: "Go back to the learning platform and add the content again." },
  "unknown-target": {
    status: 404,
    title: "That exercise or set does not exist in Tutor",
    todo: "Ask your instructor to edit the link in the course and choose an exercise or set again.",
  },
  "no-such-endpoint": { status: 404, title: "There is no such LTI address", todo: ASK_ADMIN },
  internal: { status: 500, title: "Something went wrong on our side", todo: "Try again; if it persists, tell the administrator of Tutor." },
};

export class LtiRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    /** What happened, in this launch's terms. */
    readonly detail: string,
  ) {
    super(detail);
  }

  get status(): number {
    return TEXTS[this.code].status;
  }

  get title(): string {
    return TEXTS[this.code].title;
  }

  get todo(): string {
    return TEXTS[this.code].todo;
  }
}
