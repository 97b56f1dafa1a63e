// Routes about exercises and submissions (docs/api.md). Thin: validate, check who is asking, call the
// capability, shape the response through the public views.
import { Router } from "express";
import { z } from "zod";
import { findExercise as findExerciseIn } from "./exercise-params";
import { requireUser } from "../auth/authorization";
import type { Database } from "../database/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Exercise } from "../exercises/exercise";
import { exerciseDetail, exerciseSummary } from "../exercises/public-view";
import { enqueueSubmission, queuePosition } from "../grading/lifecycle";
import { DEFAULT_LIMITS, formatBytes } from "../grading/limits";
import { submissionView } from "../grading/submission-view";
import { pathStatesOf, unitProgress } from "../progress/learning-path";
import { progressView } from "../progress/progress";
import type { SubmissionEvents } from "../realtime/submission-events";
import { HttpError, notFound } from "./errors";

const submissionParams = z.object({ id: z.uuid("a submission id is a UUID") });
const submissionBody = z.object({ code: z.string({ error: "code must be a string holding your Python file" }) }).strict();

export interface RouteDeps {
  db: Database;
  catalog: ExerciseCatalog;
  events: SubmissionEvents;
  /** Called after a submission is queued, so an in-process worker starts at once. */
  onQueued?: () => void;
}

export function exerciseRoutes({ db, catalog, events, onQueued }: RouteDeps): Router {
  const router = Router();
  const findExercise = (params: unknown): Exercise => findExerciseIn(catalog, params);

  router.get("/exercises", async (req, res) => {
    const progress = await db.progress.findMany({ where: { userId: requireUser(req).id } });
    const byExercise = new Map(progress.map((p) => [p.exerciseId, p]));
    const states = pathStatesOf(progress);
    res.json({
      exercises: catalog.list().map((e) => exerciseSummary(e, progressView(byExercise.get(e.id)))),
      // The units of the course in order, each with the asker's progress: the list groups exercises under them.
      units: catalog.sets().map((set) => unitProgress(set, states)),
    });
  });

  router.get("/exercises/:set/:slug", async (req, res) => {
    const exercise = findExercise(req.params);
    const userId = requireUser(req).id;
    const [progress, last] = await Promise.all([
      db.progress.findUnique({ where: { userId_exerciseId: { userId, exerciseId: exercise.id } } }),
      db.submission.findFirst({ where: { userId, exerciseId: exercise.id }, orderBy: { createdAt: "desc" } }),
    ]);
    const lastView = last ? submissionView(last, last.state === "queued" ? await queuePosition(db, last) : null) : null;
    res.json({ exercise: exerciseDetail(exercise, progressView(progress), lastView) });
  });

  router.post("/exercises/:set/:slug/submissions", async (req, res) => {
    const exercise = findExercise(req.params);
    const { code } = submissionBody.parse(req.body);
    const size = Buffer.byteLength(code, "utf8");
    if (size > DEFAULT_LIMITS.sourceBytes) {
      throw new HttpError(413, "code-too-large", `Your code is ${formatBytes(size)}; the limit is ${formatBytes(DEFAULT_LIMITS.sourceBytes)}. Submit only your solution.`);
    }
    const userId = requireUser(req).id;
    const { submission, queuePosition: position } = await enqueueSubmission(db, { userId, exerciseId: exercise.id, code });
    events.queued(userId, submission.id, position);
    onQueued?.();
    res.status(202).json({ submission: submissionView(submission, position) });
  });

  router.get("/exercises/:set/:slug/submissions", async (req, res) => {
    const exercise = findExercise(req.params);
    const rows = await db.submission.findMany({ where: { userId: requireUser(req).id, exerciseId: exercise.id }, orderBy: { createdAt: "desc" }, take: 20 });
    res.json({ submissions: rows.map((s) => submissionView(s)) });
  });

  router.get("/submissions/:id", async (req, res) => {
    const { id } = submissionParams.parse(req.params);
    const submission = await db.submission.findUnique({ where: { id } });
    // Another learner's submission is reported exactly like a missing one, so ids reveal nothing.
    if (!submission || submission.userId !== requireUser(req).id) throw notFound("The submission");
    res.json({ submission: submissionView(submission, submission.state === "queued" ? await queuePosition(db, submission) : null) });
  });

  return router;
}
