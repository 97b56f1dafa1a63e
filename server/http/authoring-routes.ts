// Routes for authoring exercises in the browser (docs/api.md, "Authoring"). Instructors and admins only: these
// are the only routes that return a reference solution or a hidden case. Thin: check who is asking, validate,
// call the authoring service.
import { Router } from "express";
import { z } from "zod";
import { requireInstructor } from "../auth/authorization";
import { draftSchema } from "../authoring/draft";
import type { AuthoringService } from "../authoring/service";
import { exerciseParams, folderName } from "./exercise-params";

const requestId = z.string().max(100).optional();
const draftBody = z.object({ draft: draftSchema, requestId }).strict();
const saveBody = z.object({ draft: draftSchema, baseVersion: z.string().max(100).optional(), requestId }).strict();
const createBody = z.object({ set: folderName("set"), slug: folderName("slug"), title: z.string().max(120).optional() }).strict();

export function authoringRoutes(authoring: AuthoringService): Router {
  const router = Router();
  // Every route here: refused before anything else is looked at, so a learner learns nothing, not even a 404.
  router.use("/authoring", (req, _res, next) => {
    requireInstructor(req);
    next();
  });

  router.get("/authoring/sets", (_req, res) => {
    res.json({ sets: authoring.sets() });
  });

  router.post("/authoring/exercises", async (req, res) => {
    const { set, slug, title } = createBody.parse(req.body);
    res.status(201).json({ exercise: await authoring.create(set, slug, title) });
  });

  router.get("/authoring/exercises/:set/:slug", (req, res) => {
    const { set, slug } = exerciseParams.parse(req.params);
    res.json({ exercise: authoring.read(set, slug) });
  });

  router.post("/authoring/exercises/:set/:slug/preview", (req, res) => {
    const { set, slug } = exerciseParams.parse(req.params);
    const { draft } = draftBody.parse(req.body);
    res.json(authoring.preview(set, slug, draft));
  });

  router.post("/authoring/exercises/:set/:slug/check", async (req, res) => {
    const { set, slug } = exerciseParams.parse(req.params);
    const body = draftBody.parse(req.body);
    res.json({ check: await authoring.check(requireInstructor(req).id, body.requestId ?? "", set, slug, body.draft) });
  });

  router.post("/authoring/exercises/:set/:slug/proposals", async (req, res) => {
    exerciseParams.parse(req.params);
    const body = draftBody.parse(req.body);
    res.json({ proposals: await authoring.propose(requireInstructor(req).id, body.requestId ?? "", body.draft) });
  });

  router.put("/authoring/exercises/:set/:slug", async (req, res) => {
    const { set, slug } = exerciseParams.parse(req.params);
    const body = saveBody.parse(req.body);
    res.json({ exercise: await authoring.save(requireInstructor(req).id, body.requestId ?? "", set, slug, body.draft, body.baseVersion) });
  });

  return router;
}
