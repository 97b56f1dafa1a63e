// Routes for the learning path (docs/api.md, "The course"): a unit's page, what comes after an exercise, and the
// exercises that practise a concept. Thin: read the asker's progress, call server/progress/learning-path.ts.
// Nothing here locks anything: every exercise stays open to everyone.
import { Router } from "express";
import { z } from "zod";
import { findExercise, folderName } from "./exercise-params";
import { requireUser } from "../auth/authorization";
import { exerciseSummary } from "../exercises/public-view";
import { neighbours, nextUp, pathStatesOf, practising, unitProgress } from "../progress/learning-path";
import { progressView } from "../progress/progress";
import { pathStates } from "../progress/queries";
import { CONCEPT_ID } from "../exercises/schema";
import { notFound } from "./errors";
import type { RouteDeps } from "./exercise-routes";

const unitParams = z.object({ set: folderName("a unit") });
const conceptParams = z.object({ id: z.string().regex(CONCEPT_ID, "a concept id in kebab-case").max(100) });

export function pathRoutes({ db, catalog }: Pick<RouteDeps, "db" | "catalog">): Router {
  const router = Router();

  router.get("/units/:set", async (req, res) => {
    const { set: name } = unitParams.parse(req.params);
    const set = catalog.set(name);
    if (!set) throw notFound(`The unit ${name}`);
    const progress = await db.progress.findMany({ where: { userId: requireUser(req).id } });
    const states = pathStatesOf(progress);
    const byExercise = new Map(progress.map((p) => [p.exerciseId, p]));
    const sets = catalog.sets();
    res.json({
      unit: unitProgress(set, states),
      exercises: set.exercises.map((e) => exerciseSummary(e, progressView(byExercise.get(e.id)))),
      // Where to start or carry on in this unit: its first unsolved exercise (or the next unit's, once it is done).
      nextUp: nextUp(sets, states, { unit: name, after: null }),
      ...neighbours(sets, name),
    });
  });

  router.get("/exercises/:set/:slug/next", async (req, res) => {
    const exercise = findExercise(catalog, req.params);
    const states = await pathStates(db, requireUser(req).id);
    const sets = catalog.sets();
    res.json({ unit: unitProgress(catalog.set(exercise.set)!, states), nextUp: nextUp(sets, states, { unit: exercise.set, after: exercise.id }) });
  });

  router.get("/concepts/:id/exercises", async (req, res) => {
    const { id } = conceptParams.parse(req.params);
    res.json({ exercises: practising(catalog.sets(), id, await pathStates(db, requireUser(req).id)) });
  });

  return router;
}
