// An instructor's LTI view of their course (docs/api.md, "LTI"): whether it is linked to an LMS course, the grades
// waiting to reach the LMS gradebook (and why, when they fail), and the roster sync through Names and Roles. The
// course's instructors only: its learners get a 403, anyone else reads a missing course.
import { Router } from "express";
import { z } from "zod";
import { requireAccount } from "../auth/authorization";
import { requireCourseInstructor } from "../courses/access";
import type { Database } from "../database/client";
import { courseLtiStatus } from "../lti/course-status";
import { RosterError, syncRoster } from "../lti/roster";
import { ServiceTokens } from "../lti/service-token";
import { HttpError } from "./errors";

const courseParams = z.object({ id: z.uuid("a course id is a UUID") });

export function ltiCourseRoutes(db: Database): Router {
  const router = Router();
  const tokens = new ServiceTokens(db);

  router.get("/courses/:id/lti", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    res.json(await courseLtiStatus(db, id));
  });

  router.post("/courses/:id/lti/roster-sync", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    try {
      res.json({ sync: await syncRoster(db, tokens, id, user.id) });
    } catch (e) {
      if (e instanceof RosterError) throw new HttpError(e.status, e.code, e.message);
      throw e;
    }
  });

  return router;
}
