// Routes for courses (docs/api.md, "Courses"). Every route needs a signed-in account; what a member may see is
// decided in server/courses/access.ts, so a course you are not in reads exactly like a missing one.
import { Router } from "express";
import { z } from "zod";
import { requireAccount, requireInstructor } from "../auth/authorization";
import { emailSchema } from "../auth/accounts";
import { requireCourseInstructor, requireCourseMember, requireTeaches } from "../courses/access";
import { assignedExercise, assignedExercises, assignmentSummary, assignSet, courseAssignments, setDueDate, unassignSet } from "../courses/assignments";
import { addCoInstructor, removeMember, courseDetail, coursesOf, courseSummary, createCourse, joinCourse } from "../courses/courses";
import { courseExtensions, grantExtension, removeExtension } from "../courses/extensions";
import { courseGradesCsv, exportFileName } from "../courses/grades";
import { similarityReport } from "../courses/similarity";
import { learnerTimeline } from "../courses/timeline";
import { courseTutorAnswers } from "../courses/tutor-answers";
import { changedExercises, courseRegrade, latestCourseRegrades, REGRADE_SCOPES, requestRegrade } from "../regrade/regrade";
import type { RouteDeps } from "./exercise-routes";

const courseParams = z.object({ id: z.uuid("a course id is a UUID") });
const setParams = courseParams.extend({ setName: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "a set name is a folder name under exercises/") });
const learnerParams = courseParams.extend({ userId: z.uuid("a learner id is a UUID") });
const extensionParams = setParams.extend({ userId: learnerParams.shape.userId });
const exerciseParams = courseParams.extend({ set: setParams.shape.setName, slug: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "an exercise's slug is its folder name") });
const courseBody = z.object({ name: z.string({ error: "name must be a string" }).trim().min(1, "a course needs a name").max(120, "a course name has at most 120 characters") }).strict();
const joinBody = z.object({ code: z.string({ error: "code must be the course's join code, a string" }).max(40, "a join code has 8 letters and digits") }).strict();
const instructorBody = z.object({ email: emailSchema }).strict();
const dueAt = z.iso
  .datetime({ offset: true, error: "dueAt must be a date and time in ISO 8601 with a time zone, such as 2030-05-01T17:00:00Z, or null" })
  .transform((s) => new Date(s))
  .nullable();
const assignBody = z.object({ setName: setParams.shape.setName, dueAt: dueAt.optional() }).strict();
const dueBody = z.object({ dueAt }).strict();
const extensionBody = z
  .object({
    dueAt: z.iso
      .datetime({ offset: true, error: "dueAt must be the learner's own due date in ISO 8601 with a time zone, such as 2030-05-01T17:00:00Z (to take an extension back, DELETE it)" })
      .transform((s) => new Date(s)),
  })
  .strict();
const regradeParams = courseParams.extend({ regradeId: z.uuid("a regrade id is a UUID") });
const regradeBody = z
  .object({
    exercise: z.string({ error: "exercise must be an exercise id such as basics/shout" }).regex(/^[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*$/, "exercise must be an exercise id such as basics/shout"),
    scope: z.enum(REGRADE_SCOPES, { error: "scope must be latest (each learner's latest submission) or all (every submission)" }),
  })
  .strict();
const answersQuery = z
  .object({
    exercise: z.string().min(1, "exercise is an exercise id such as basics/shout").optional(),
    engine: z.enum(["offline", "model"], { error: "engine must be offline or model" }).optional(),
    rating: z.enum(["helpful", "not-helpful", "unrated"], { error: "rating must be helpful, not-helpful or unrated" }).optional(),
    page: z.coerce.number({ error: "page must be a whole number from 1" }).int("page must be a whole number from 1").min(1, "page must be a whole number from 1").default(1),
  })
  .strict();

export function courseRoutes({ db, catalog }: Pick<RouteDeps, "db" | "catalog">): Router {
  const router = Router();

  router.post("/courses", async (req, res) => {
    const user = requireInstructor(req);
    const { name } = courseBody.parse(req.body);
    const course = await createCourse(db, name, user.id);
    res.status(201).json({ course: await courseSummary(db, catalog, course, "instructor", user.id) });
  });

  router.get("/courses", async (req, res) => {
    res.json({ courses: await coursesOf(db, catalog, requireAccount(req).id) });
  });

  router.post("/courses/join", async (req, res) => {
    const user = requireAccount(req);
    const { code } = joinBody.parse(req.body);
    const { course, role } = await joinCourse(db, code, user.id);
    res.json({ course: await courseSummary(db, catalog, course, role, user.id) });
  });

  router.get("/exercise-sets", async (req, res) => {
    // Also for a learner account that teaches a course: an LMS instructor's platform-scoped account (LTI) teaches
    // the course its LMS course maps to without being an instructor account, and picks sets on its page.
    const user = requireAccount(req);
    if (user.role === "learner" && (await db.courseMember.count({ where: { userId: user.id, role: "instructor" } })) === 0) requireInstructor(req);
    res.json({ sets: catalog.sets().map((s) => ({ name: s.name, title: s.title, exerciseCount: s.exercises.length })) });
  });

  router.get("/courses/:id", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    const { course, role } = await requireCourseMember(db, id, user.id);
    res.json({ course: await courseDetail(db, catalog, course, role, user.id) });
  });

  router.post("/courses/:id/instructors", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const { email } = instructorBody.parse(req.body);
    res.status(201).json({ member: await addCoInstructor(db, id, email) });
  });

  router.delete("/courses/:id/members/:userId", async (req, res) => {
    const user = requireAccount(req);
    const { id, userId } = learnerParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    await removeMember(db, id, userId);
    res.status(204).end();
  });

  router.post("/courses/:id/assignments", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const body = assignBody.parse(req.body);
    const assignment = await assignSet(db, catalog, id, body.setName, body.dueAt ?? null);
    res.status(201).json({ assignment: assignmentSummary(catalog, assignment) });
  });

  router.put("/courses/:id/assignments/:setName", async (req, res) => {
    const user = requireAccount(req);
    const { id, setName } = setParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const body = dueBody.parse(req.body);
    res.json({ assignment: assignmentSummary(catalog, await setDueDate(db, id, setName, body.dueAt)) });
  });

  router.delete("/courses/:id/assignments/:setName", async (req, res) => {
    const user = requireAccount(req);
    const { id, setName } = setParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    await unassignSet(db, id, setName);
    res.status(204).end();
  });

  router.get("/courses/:id/learners/:userId/timeline", async (req, res) => {
    const user = requireAccount(req);
    const { id, userId } = learnerParams.parse(req.params);
    await requireTeaches(db, id, user.id, userId);
    res.json(await learnerTimeline(db, catalog, id, userId));
  });

  router.get("/courses/:id/extensions", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    res.json({ extensions: await courseExtensions(db, id) });
  });

  router.put("/courses/:id/assignments/:setName/extensions/:userId", async (req, res) => {
    const user = requireAccount(req);
    const { id, setName, userId } = extensionParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const { dueAt } = extensionBody.parse(req.body);
    res.json({ extension: await grantExtension(db, id, setName, userId, dueAt, user.id) });
  });

  router.delete("/courses/:id/assignments/:setName/extensions/:userId", async (req, res) => {
    const user = requireAccount(req);
    const { id, setName, userId } = extensionParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    await removeExtension(db, id, setName, userId);
    res.status(204).end();
  });

  router.get("/courses/:id/similarity/:set/:slug", async (req, res) => {
    const user = requireAccount(req);
    const { id, set, slug } = exerciseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    res.json(await similarityReport(db, catalog, id, `${set}/${slug}`));
  });

  router.get("/courses/:id/regrades", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const assigned = (await courseAssignments(db, id)).flatMap((a) => assignedExercises(catalog, a.setName));
    res.json({ changed: await changedExercises(db, id, assigned), regrades: await latestCourseRegrades(db, catalog, id) });
  });

  router.post("/courses/:id/regrades", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const { exercise, scope } = regradeBody.parse(req.body);
    const regrade = await requestRegrade(db, await assignedExercise(db, catalog, id, exercise), { courseId: id }, scope, user.id);
    res.status(202).json({ regrade });
  });

  router.get("/courses/:id/regrades/:regradeId", async (req, res) => {
    const user = requireAccount(req);
    const { id, regradeId } = regradeParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    res.json({ regrade: await courseRegrade(db, catalog, id, regradeId) });
  });

  router.get("/courses/:id/tutor-answers", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    await requireCourseInstructor(db, id, user.id);
    const query = answersQuery.parse(req.query);
    res.json(await courseTutorAnswers(db, catalog, id, { exerciseId: query.exercise, engine: query.engine, rating: query.rating, page: query.page }));
  });

  router.get("/courses/:id/export.csv", async (req, res) => {
    const user = requireAccount(req);
    const { id } = courseParams.parse(req.params);
    const course = await requireCourseInstructor(db, id, user.id);
    const csv = await courseGradesCsv(db, catalog, course);
    res.attachment(exportFileName(course.name));
    res.type("text/csv; charset=utf-8").setHeader("Cache-Control", "no-store");
    res.send(csv);
  });

  return router;
}
