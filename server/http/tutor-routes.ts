// Routes for the tutor (docs/api.md, "The tutor"). Thin: validate, identify the learner, call the service.
import { Router } from "express";
import { z } from "zod";
import { requireUser } from "../auth/authorization";
import { DEFAULT_LIMITS, formatBytes } from "../grading/limits";
import type { HintLevel } from "../tutor/contracts";
import { type TutorService, TutorRequestError } from "../tutor/service";
import { RATING_COMMENT_MAX, rateAnswer } from "../tutor/ratings";
import { AnalysisFailedError } from "../tutor/sandbox-analysis";
import { TutorInputError } from "../tutor/tasks";
import type { Database } from "../database/client";
import { HttpError } from "./errors";

const submissionParams = z.object({ id: z.uuid("a submission id is a UUID") });
const answerParams = z.object({ id: z.uuid("an answer id is a UUID: the answerId the tutor returned with its answer") });
const ratingBody = z
  .object({
    helpful: z.boolean({ error: "helpful must be true (the answer helped) or false (it did not)" }),
    comment: z.string({ error: "comment must be a string, or null" }).max(RATING_COMMENT_MAX, `a comment has at most ${RATING_COMMENT_MAX} characters: shorten it`).nullable().optional(),
  })
  .strict();
const conceptParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/, "a concept id in kebab-case") });
const hintBody = z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "level must be 1, 2 or 3" }) }).strict();
const codeBody = z
  .object({
    code: z.string({ error: "code must be a string holding Python source" }),
    function: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "function must be a Python function name").optional(),
    requestId: z.string().max(100).optional(),
  })
  .strict();

function parseCode(body: unknown) {
  const parsed = codeBody.parse(body);
  const size = Buffer.byteLength(parsed.code, "utf8");
  if (size > DEFAULT_LIMITS.sourceBytes) {
    throw new HttpError(413, "code-too-large", `The code is ${formatBytes(size)}; the tutor reads at most ${formatBytes(DEFAULT_LIMITS.sourceBytes)}. Paste just the function.`);
  }
  return { ...parsed, requestId: parsed.requestId ?? "" };
}

/** The tutor's own refusals become HTTP errors with their message; anything else goes to the error handler. */
async function tutorCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof TutorRequestError) throw new HttpError(e.status, e.status === 429 ? "budget" : e.status === 409 ? "conflict" : e.status === 404 ? "not-found" : "tutor", e.message);
    if (e instanceof TutorInputError) throw new HttpError(400, "code", e.message);
    if (e instanceof AnalysisFailedError) throw new HttpError(503, "tutor-unavailable", `The tutor could not read the code just now (${e.message}). Try again in a minute; if it keeps happening, tell your instructor.`);
    throw e;
  }
}

export function tutorRoutes(tutor: TutorService, db: Database): Router {
  const router = Router();

  router.get("/submissions/:id/feedback", async (req, res) => {
    const { id } = submissionParams.parse(req.params);
    res.json({ feedback: await tutorCall(() => tutor.feedback(requireUser(req).id, id)) });
  });

  router.get("/submissions/:id/hints", async (req, res) => {
    const { id } = submissionParams.parse(req.params);
    res.json(await tutorCall(() => tutor.hints(requireUser(req).id, id)));
  });

  router.post("/submissions/:id/hints", async (req, res) => {
    const { id } = submissionParams.parse(req.params);
    const { level } = hintBody.parse(req.body);
    res.json({ hint: await tutorCall(() => tutor.takeHint(requireUser(req).id, id, level as HintLevel)) });
  });

  router.get("/submissions/:id/review", async (req, res) => {
    const { id } = submissionParams.parse(req.params);
    res.json({ review: await tutorCall(() => tutor.review(requireUser(req).id, id)) });
  });

  router.put("/tutor/answers/:id/rating", async (req, res) => {
    const { id } = answerParams.parse(req.params);
    const body = ratingBody.parse(req.body);
    res.json({ rating: await tutorCall(() => rateAnswer(db, requireUser(req).id, id, { helpful: body.helpful, comment: body.comment ?? null })) });
  });

  router.get("/concepts/:id", async (req, res) => {
    const { id } = conceptParams.parse(req.params);
    res.json({ concept: await tutorCall(async () => tutor.lesson(id)) });
  });

  router.post("/tutor/explain", async (req, res) => {
    const body = parseCode(req.body);
    res.json({ explanation: await tutorCall(() => tutor.explain(requireUser(req).id, body.code, body.function, body.requestId)) });
  });

  router.post("/tutor/docstrings", async (req, res) => {
    const body = parseCode(req.body);
    res.json({ result: await tutorCall(() => tutor.docstrings(requireUser(req).id, body.code, body.requestId)) });
  });

  router.post("/tutor/tests", async (req, res) => {
    const body = parseCode(req.body);
    res.json({ tests: await tutorCall(() => tutor.tests(requireUser(req).id, body.code, body.function, body.requestId)) });
  });

  router.post("/tutor/review", async (req, res) => {
    const body = parseCode(req.body);
    res.json({ review: await tutorCall(() => tutor.reviewSnippet(requireUser(req).id, body.code, body.requestId)) });
  });

  return router;
}
