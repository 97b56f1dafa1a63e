// `tutor seed demo`: a demo course whose dashboards have something to show at once. It creates (or finds) a demo
// instructor, the course "Demo class" with every set assigned, and the learners of demo-histories.ts; then it
// submits their code through the real queue, lets a real grading worker grade it in the sandbox, asks the real
// tutor (offline engine) for the explanations and hints they took, and finally moves it all back in time to when
// it happened, rebuilding progress with the platform's own rule. Running it again adds nothing: a learner who
// already has submissions is left as they are.
import { randomBytes } from "node:crypto";
import { ensureAccountWithRole } from "../auth/accounts";
import { assignSet } from "../courses/assignments";
import { createCourse } from "../courses/courses";
import type { Database } from "../database/client";
import type { Course, Submission } from "../database/generated/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { ReferenceCache } from "../grading/expectations";
import type { Sandbox } from "../grading/sandbox/sandbox";
import { enqueueSubmission } from "../grading/lifecycle";
import { FINISHED_STATES } from "../grading/states";
import { GradingWorker } from "../grading/worker";
import { recordGradedSubmission } from "../progress/progress";
import type { SubmissionEvents } from "../realtime/submission-events";
import { offlineEngine } from "../tutor/offline/engine";
import { TutorService } from "../tutor/service";
import { DEMO_LEARNERS, DEMO_SET, type DemoLearner, type DemoStep } from "./demo-histories";

export const DEMO_INSTRUCTOR_EMAIL = "demo.instructor@demo.example";
export const DEMO_COURSE_NAME = "Demo class";
/** The first assignment is due this many days after the seed first runs, so "due soon" has something in it. */
const FIRST_DUE_IN_DAYS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
/** A demo submission is shown as graded this long after it was made. */
const FINISH_AFTER_MS = 3_000;
/** How long grading the demo may take before the seed gives up and says why. */
const GRADING_DEADLINE_MS = 15 * 60_000;

export interface SeedDeps {
  db: Database;
  databaseUrl: string;
  catalog: ExerciseCatalog;
  sandbox: () => Promise<Sandbox>;
  references: ReferenceCache;
  events: SubmissionEvents;
  gradingConcurrency: number;
  log: (line: string) => void;
  now?: Date;
}

export interface SeedReport {
  instructorEmail: string;
  /** Every demo account's password, new on each run (the demo accounts share it). */
  password: string;
  course: Course;
  learnerEmails: string[];
  /** Learners whose history was written by this run (a second run writes none). */
  learnersSeeded: number;
  submissionsGraded: number;
}

export class SeedError extends Error {}

/** How long after a step its last tutor answer is dated: the explanation and each hint a minute apart (see backdate). */
function stepSpan(step: DemoStep): number {
  return ((step.feedback ? 1 : 0) + (step.hints ?? 0)) * MINUTE_MS + FINISH_AFTER_MS;
}

/**
 * When each step happened: its day and time, moved back where needed so that neither the step nor the tutor answers
 * dated after it are in the future, and a learner's steps keep their order (a seed run early in the UTC day would
 * otherwise put today's steps after now).
 */
export function stepTimes(steps: DemoStep[], now: Date): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const planned = steps.map((s) => {
    const [hours, minutes] = s.time.split(":").map(Number) as [number, number];
    return today - s.daysAgo * DAY_MS + (hours * 60 + minutes) * MINUTE_MS;
  });
  let latest = now.getTime() - MINUTE_MS;
  const times = new Array<number>(planned.length);
  for (let i = planned.length - 1; i >= 0; i--) {
    times[i] = Math.min(planned[i]!, latest - stepSpan(steps[i]!));
    latest = times[i]! - MINUTE_MS;
  }
  return times.map((t) => new Date(t));
}

function requireDemoExercises(catalog: ExerciseCatalog): void {
  const slugs = new Set(DEMO_LEARNERS.flatMap((l) => l.steps.map((s) => s.slug)));
  const missing = [...slugs].filter((slug) => !catalog.get(`${DEMO_SET}/${slug}`));
  if (missing.length) {
    throw new SeedError(`The demo histories are written for exercises/${DEMO_SET}, but ${missing.map((m) => `${DEMO_SET}/${m}`).join(", ")} is not in ${catalog.root}. Seed with the exercises that ship with Tutor (unset TUTOR_EXERCISES_DIR).`);
  }
}

async function demoCourse(db: Database, catalog: ExerciseCatalog, instructorId: string, now: Date): Promise<Course> {
  const course = (await db.course.findFirst({ where: { name: DEMO_COURSE_NAME, createdById: instructorId }, orderBy: { createdAt: "asc" } })) ?? (await createCourse(db, DEMO_COURSE_NAME, instructorId));
  const assigned = new Set((await db.assignment.findMany({ where: { courseId: course.id } })).map((a) => a.setName));
  for (const set of catalog.sets()) {
    if (assigned.has(set.name)) continue;
    await assignSet(db, catalog, course.id, set.name, set.name === DEMO_SET ? new Date(now.getTime() + FIRST_DUE_IN_DAYS * DAY_MS) : null);
  }
  return course;
}

interface Planned {
  learner: DemoLearner;
  userId: string;
  steps: { step: DemoStep; at: Date; submissionId: string }[];
}

/** Queues every step's code, oldest first across learners, and lets a real worker grade them all. */
async function gradeAll(deps: SeedDeps, plans: Planned[]): Promise<Submission[]> {
  const { db } = deps;
  const queued = plans.flatMap((p) => p.steps.map((s) => ({ plan: p, s }))).sort((a, b) => a.s.at.getTime() - b.s.at.getTime());
  for (const { plan, s } of queued) {
    const { submission } = await enqueueSubmission(db, { userId: plan.userId, exerciseId: `${DEMO_SET}/${s.step.slug}`, code: s.step.code });
    s.submissionId = submission.id;
  }
  const ids = queued.map((q) => q.s.submissionId);
  if (ids.length === 0) return [];
  deps.log(`grading ${ids.length} demo submissions in the sandbox...`);
  const worker = new GradingWorker({
    db,
    databaseUrl: deps.databaseUrl,
    catalog: deps.catalog,
    sandbox: deps.sandbox,
    references: deps.references,
    events: deps.events,
    concurrency: deps.gradingConcurrency,
    pollMs: 500,
    log: deps.log,
  });
  await worker.start();
  try {
    const deadline = Date.now() + GRADING_DEADLINE_MS;
    for (;;) {
      const done = await db.submission.count({ where: { id: { in: ids }, state: { in: FINISHED_STATES } } });
      if (done === ids.length) break;
      if (Date.now() > deadline) throw new SeedError(`Only ${done} of ${ids.length} demo submissions were graded in ${GRADING_DEADLINE_MS / 60_000} minutes: is Docker slow or busy? Run the seed again to finish.`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await worker.stop();
  }
  return db.submission.findMany({ where: { id: { in: ids } } });
}

/** The explanations and hints each learner took, asked of the real tutor (offline engine), one learner at a time. */
async function askTutor(deps: SeedDeps, plans: Planned[]): Promise<void> {
  const tutor = new TutorService({
    db: deps.db,
    catalog: deps.catalog,
    sandbox: deps.sandbox,
    engine: offlineEngine,
    events: { progress: () => undefined, text: () => undefined },
    limits: { dailyRequests: Number.MAX_SAFE_INTEGER, dailyModelAnswers: 0 },
  });
  const graded = new Map((await deps.db.submission.findMany({ where: { id: { in: plans.flatMap((p) => p.steps.map((s) => s.submissionId)) } } })).map((s) => [s.id, s]));
  for (const plan of plans) {
    for (const { step, submissionId } of plan.steps) {
      const submission = graded.get(submissionId);
      if (!submission || submission.state !== "graded" || submission.verdict === "passed") continue;
      if (step.feedback) await tutor.feedback(plan.userId, submissionId);
      for (let level = 1; level <= (step.hints ?? 0); level++) await tutor.takeHint(plan.userId, submissionId, level as 1 | 2 | 3);
    }
  }
}

/** Moves each submission, its events and the tutor's answers back to when the step happened. */
async function backdate(db: Database, plans: Planned[]): Promise<void> {
  for (const plan of plans) {
    for (const { at, submissionId } of plan.steps) {
      const finished = new Date(at.getTime() + FINISH_AFTER_MS);
      await db.submission.update({ where: { id: submissionId }, data: { createdAt: at, runAfter: at, startedAt: new Date(at.getTime() + 1_000), finishedAt: finished } });
      await db.submissionEvent.updateMany({ where: { submissionId }, data: { at: finished } });
      const answers = await db.tutorAnswer.findMany({ where: { submissionId }, orderBy: { createdAt: "asc" } });
      // Read the explanation about a minute later, then each hint a minute apart.
      for (const [i, a] of answers.entries()) await db.tutorAnswer.update({ where: { id: a.id }, data: { createdAt: new Date(finished.getTime() + (i + 1) * MINUTE_MS) } });
    }
  }
}

/** Progress from the backdated submissions, by the same rule grading applies, plus the minutes each step took. */
async function rebuildProgress(db: Database, plans: Planned[]): Promise<void> {
  for (const plan of plans) {
    await db.$transaction(async (tx) => {
      await tx.progress.deleteMany({ where: { userId: plan.userId } });
      const submissions = await tx.submission.findMany({ where: { userId: plan.userId, state: "graded" }, orderBy: { createdAt: "asc" } });
      for (const s of submissions) await recordGradedSubmission(tx, s);
      const minutes = new Map<string, number>();
      for (const { step } of plan.steps) minutes.set(step.slug, (minutes.get(step.slug) ?? 0) + step.minutes);
      for (const [slug, total] of minutes) {
        // updateMany: an exercise whose only submission could not be graded has no progress row to add time to.
        await tx.progress.updateMany({ where: { userId: plan.userId, exerciseId: `${DEMO_SET}/${slug}` }, data: { activeSeconds: total * 60 } });
      }
    });
  }
}

export async function seedDemo(deps: SeedDeps): Promise<SeedReport> {
  const { db, catalog, log } = deps;
  const now = deps.now ?? new Date();
  requireDemoExercises(catalog);
  await catalog.syncTo(db);
  // Grading is the point of the demo: without a sandbox there is nothing real to show, so stop before writing.
  try {
    await deps.sandbox();
  } catch (e) {
    throw new SeedError(`tutor seed demo grades the demo learners' code in the sandbox, so it needs Docker: ${(e as Error).message}`);
  }

  const password = randomBytes(12).toString("base64url");
  const { user: instructor } = await ensureAccountWithRole(db, DEMO_INSTRUCTOR_EMAIL, password, "instructor");
  if (!instructor.displayName) await db.user.update({ where: { id: instructor.id }, data: { displayName: "Demo Instructor" } });
  const course = await demoCourse(db, catalog, instructor.id, now);

  const plans: Planned[] = [];
  for (const learner of DEMO_LEARNERS) {
    const { user } = await ensureAccountWithRole(db, learner.email, password, "learner");
    if (user.displayName !== learner.name) await db.user.update({ where: { id: user.id }, data: { displayName: learner.name } });
    await db.courseMember.upsert({
      where: { courseId_userId: { courseId: course.id, userId: user.id } },
      create: { courseId: course.id, userId: user.id, role: "learner", joinedAt: new Date(now.getTime() - 14 * DAY_MS) },
      update: {},
    });
    if ((await db.submission.count({ where: { userId: user.id } })) > 0) continue;
    const times = stepTimes(learner.steps, now);
    plans.push({ learner, userId: user.id, steps: learner.steps.map((step, i) => ({ step, at: times[i]!, submissionId: "" })) });
  }

  const graded = await gradeAll(deps, plans);
  const unexpected = graded.filter((s) => s.state !== "graded");
  if (unexpected.length) log(`${unexpected.length} demo submission(s) could not be graded: ${unexpected[0]!.message ?? "no reason given"}`);
  await askTutor(deps, plans);
  await backdate(db, plans);
  await rebuildProgress(db, plans);
  return {
    instructorEmail: DEMO_INSTRUCTOR_EMAIL,
    password,
    course,
    learnerEmails: DEMO_LEARNERS.map((l) => l.email),
    learnersSeeded: plans.filter((p) => p.steps.length > 0).length,
    submissionsGraded: graded.filter((s) => s.state === "graded").length,
  };
}
