// Routes for progress (docs/api.md, "Progress and dashboards"): a learner's own attempt history and active time,
// their dashboard, and the class dashboard for a course's instructors. Thin: validate, check who is asking, call
// server/progress/queries.ts.
import { Router } from "express";
import { z } from "zod";
import { findExercise as findExerciseIn } from "./exercise-params";
import { requireAccount, requireUser } from "../auth/authorization";
import { requireCourseInstructor } from "../courses/access";
import type { Exercise } from "../exercises/exercise";
import { addActiveSeconds, courseDashboard, exerciseHistory, learnerDashboard } from "../progress/queries";
import type { RouteDeps } from "./exercise-routes";

const courseParams = z.object({ id: z.uuid("a course id is a UUID") });
/** The browser reports every 30 s or so; a minute at most per report keeps one report from claiming an afternoon. */
const activityBody = z
  .object({ seconds: z.number({ error: "seconds must be a whole number from 1 to 60" }).int("seconds must be a whole number").min(1, "seconds must be at least 1").max(60, "seconds must be at most 60 per report") })
  .strict();

export function progressRoutes({ db, catalog }: Pick<RouteDeps, "db" | "catalog">): Router {
  const router = Router();
  const findExercise = (params: unknown): Exercise => findExerciseIn(catalog, params);

  router.get("/exercises/:set/:slug/history", async (req, res) => {
    const exercise = findExercise(req.params);
    res.json(await exerciseHistory(db, requireUser(req).id, exercise.id));
  });

  router.post("/exercises/:set/:slug/activity", async (req, res) => {
    const exercise = findExercise(req.params);
    const { seconds } = activityBody.parse(req.body);
    await addActiveSeconds(db, requireUser(req).id, exercise.id, seconds);
    res.status(204).end();
  });

  router.get("/dashboard", async (req, res) => {
    res.json(await learnerDashboard(db, catalog, requireUser(req).id));
  });

  router.get("/courses/:id/dashboard", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    res.json(await courseDashboard(db, catalog, id));
  });

  return router;
}
