// Routes for stepping through a run (docs/api.md, "Stepping through a run"). Thin: validate, identify the
// learner, call the trace service.
import { Router } from "express";
import { z } from "zod";
import { requireUser } from "../auth/authorization";
import { DEFAULT_LIMITS, formatBytes } from "../grading/limits";
import { SandboxUnavailableError } from "../grading/sandbox/container-policy";
import { TraceRequestError } from "../trace/choose-case";
import type { TraceService } from "../trace/service";
import { MAX_CALL_CHARS } from "../trace/trace";
import { HttpError } from "./errors";

const submissionParams = z.object({ id: z.uuid("a submission id is a UUID") });
const submissionBody = z.object({ case: z.string({ error: "case must be a test's name" }).min(1).max(300).optional() }).strict();
const callBody = z
  .object({
    code: z.string({ error: "code must be a string holding Python source" }),
    call: z.string({ error: "call must be a Python expression such as total([1, 2])" }).min(1, "call must not be empty").max(MAX_CALL_CHARS),
  })
  .strict();

const CODES: Record<TraceRequestError["status"], string> = { 400: "call", 403: "hidden", 404: "not-found", 409: "conflict", 429: "budget" };

/**
 * The service's refusals become HTTP errors with their message, and so does a sandbox that cannot start (its own
 * message is for whoever runs the server); anything else goes to the error handler.
 */
async function traceCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof TraceRequestError) throw new HttpError(e.status, CODES[e.status], e.message, e.retryAfterSeconds ? { retryAfterSeconds: e.retryAfterSeconds } : undefined);
    if (e instanceof SandboxUnavailableError) throw new HttpError(503, "sandbox-unavailable", "Code cannot run right now because the sandbox is unavailable. Try again in a few minutes; if it persists, tell your instructor.");
    throw e;
  }
}

export function traceRoutes(traces: TraceService): Router {
  const router = Router();

  router.post("/submissions/:id/trace", async (req, res) => {
    const { id } = submissionParams.parse(req.params);
    const body = submissionBody.parse(req.body ?? {});
    res.json({ trace: await traceCall(() => traces.forSubmission(requireUser(req).id, id, body.case)) });
  });

  router.post("/tutor/trace", async (req, res) => {
    const { code, call } = callBody.parse(req.body);
    const size = Buffer.byteLength(code, "utf8");
    if (size > DEFAULT_LIMITS.sourceBytes) {
      throw new HttpError(413, "code-too-large", `The code is ${formatBytes(size)}; at most ${formatBytes(DEFAULT_LIMITS.sourceBytes)} can be stepped through. Paste just the function.`);
    }
    res.json({ trace: await traceCall(() => traces.forCall(requireUser(req).id, code, call)) });
  });

  return router;
}
