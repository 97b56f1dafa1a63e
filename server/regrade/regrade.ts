// Regrading an exercise's submissions after it changed. Each graded submission knows the exercise version (its
// contentHash) it was graded against; one graded against another version than the catalog's is stale. A regrade
// puts stale submissions (each learner's latest, or all) of one course's learners, or of everyone, back in the
// grading queue at low priority (server/grading/lifecycle.ts, requeueForRegrade); the worker grades them as any
// other and rebuilds progress from the new verdicts. The summary is read back from the submissions and the events
// that kept their earlier verdicts.
import { Prisma, type Database } from "../database/client";
import type { Regrade, User } from "../database/generated/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { Exercise } from "../exercises/exercise";
import { requeueForRegrade } from "../grading/lifecycle";
import { FINISHED_STATES, TRANSITIONS } from "../grading/states";
import { HttpError, notFound } from "../http/errors";
import { type RegradeCounts, summarizeRegrade } from "./summary";

export const REGRADE_SCOPES = ["latest", "all"] as const;
export type RegradeScope = (typeof REGRADE_SCOPES)[number];

/** Whose submissions: one course's learners, or (null) everyone's, as the CLI without --course regrades. */
export type RegradeAudience = { courseId: string } | null;

export interface LearnerRef {
  id: string;
  displayName: string | null;
  email: string | null;
}

export interface RegradeView extends Omit<RegradeCounts, "nowPassing" | "nowFailing"> {
  id: string;
  exercise: { id: string; title: string };
  courseId: string | null;
  scope: RegradeScope;
  createdAt: string;
  /** Who asked for it; null when it came from the command line. */
  requestedBy: LearnerRef | null;
  nowPassing: LearnerRef[];
  nowFailing: LearnerRef[];
}

export interface ChangedExercise {
  exercise: { id: string; title: string };
  /** Graded submissions of the course's learners that were graded against another version of the exercise. */
  staleCount: number;
  /** Of those, the learners' latest submissions: what regrading "the latest of each learner" takes up. */
  latestStaleCount: number;
}

const GRADED = TRANSITIONS.regrade.from;

/** The submissions a regrade may take up: the audience's, of these exercises, each marked whether it is its author's latest. */
function audienceSubmissions(audience: RegradeAudience, exerciseIds: string[]): Prisma.Sql {
  const whose = audience
    ? Prisma.sql`AND s."userId" IN (SELECT "userId" FROM "CourseMember" WHERE "courseId" = ${audience.courseId}::uuid AND role = 'learner')`
    : Prisma.empty;
  return Prisma.sql`
    SELECT s.id, s."exerciseId", s.state::text AS state, s."gradedContentHash",
           row_number() OVER (PARTITION BY s."userId", s."exerciseId" ORDER BY s."createdAt" DESC) = 1 AS latest
    FROM "Submission" s WHERE s."exerciseId" = ANY(${exerciseIds}::text[]) ${whose}`;
}

/** Of `audienceSubmissions`, the graded ones whose version is not the exercise's now (`current`: id and hash). */
function staleSubmissions(audience: RegradeAudience, exercises: Exercise[]): Prisma.Sql {
  return Prisma.sql`
    SELECT a.* FROM (${audienceSubmissions(audience, exercises.map((e) => e.id))}) a
    JOIN unnest(${exercises.map((e) => e.id)}::text[], ${exercises.map((e) => e.contentHash)}::text[]) AS current(id, hash) ON current.id = a."exerciseId"
    WHERE a.state = ${GRADED} AND a."gradedContentHash" IS DISTINCT FROM current.hash`;
}

/** The course's assigned exercises that changed since some of its learners' submissions were graded. */
export async function changedExercises(db: Database, courseId: string, assigned: Exercise[]): Promise<ChangedExercise[]> {
  if (assigned.length === 0) return [];
  const rows = await db.$queryRaw<{ exerciseId: string; stale: number; latest: number }[]>`
    SELECT "exerciseId", count(*)::int AS stale, count(*) FILTER (WHERE latest)::int AS latest
    FROM (${staleSubmissions({ courseId }, assigned)}) stale GROUP BY "exerciseId"`;
  const counts = new Map(rows.map((r) => [r.exerciseId, r]));
  return assigned.flatMap((e) => {
    const c = counts.get(e.id);
    return c ? [{ exercise: { id: e.id, title: e.title }, staleCount: c.stale, latestStaleCount: c.latest }] : [];
  });
}

/**
 * Puts the audience's stale submissions of the exercise back in the queue (each learner's latest, or all of
 * them) and gives the regrade as it starts. Nothing stale is a 409 that says so.
 */
export async function requestRegrade(
  db: Database,
  exercise: Exercise,
  audience: RegradeAudience,
  scope: RegradeScope,
  requestedById: string | null,
): Promise<RegradeView> {
  const stale = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM (${staleSubmissions(audience, [exercise])}) stale ${scope === "latest" ? Prisma.sql`WHERE latest` : Prisma.empty}`;
  if (stale.length === 0) {
    throw new HttpError(
      409,
      "nothing-to-regrade",
      `Every ${scope === "latest" ? "latest submission" : "submission"} of ${exercise.id}${audience ? " in this course" : ""} was graded against the exercise as it is now, so there is nothing to regrade. If you changed the exercise, make sure the platform has loaded the change (saving it in the browser does; after editing the folder, restart the platform).`,
    );
  }
  const regrade = await db.regrade.create({
    data: { exerciseId: exercise.id, courseId: audience?.courseId ?? null, scope, contentHash: exercise.contentHash, requestedById, queuedCount: stale.length },
  });
  // Another request may have taken some of them up in between: those stay with it, and this one counts the rest.
  const queued = await requeueForRegrade(db, regrade.id, stale.map((s) => s.id));
  if (queued !== stale.length) await db.regrade.update({ where: { id: regrade.id }, data: { queuedCount: queued } });
  return regradeView(db, { ...regrade, queuedCount: queued }, exercise.title);
}

const learnerRef = (u: Pick<User, "id" | "displayName" | "email">): LearnerRef => ({ id: u.id, displayName: u.displayName, email: u.email });

/** The regrade so far: read from the submissions it took up and the events that kept their earlier verdicts. */
export async function regradeView(db: Database, regrade: Regrade, title: string): Promise<RegradeView> {
  const items = await db.$queryRaw<{ userId: string; state: string; verdict: string | null; before: string | null }[]>`
    SELECT s."userId", s.state::text AS state, s.verdict, e.detail->>'verdict' AS before
    FROM "Submission" s
    JOIN "SubmissionEvent" e ON e."submissionId" = s.id AND e.kind = ${TRANSITIONS.regrade.event} AND e.detail->>'regradeId' = ${regrade.id}
    WHERE s."regradeId" = ${regrade.id}::uuid`;
  const finished = new Set<string>(FINISHED_STATES);
  const counts = summarizeRegrade(items.map((i) => ({ userId: i.userId, finished: finished.has(i.state), before: i.before, after: i.verdict })));
  const flipped = [...counts.nowPassing, ...counts.nowFailing];
  const people = await db.user.findMany({
    where: { id: { in: [...flipped, ...(regrade.requestedById ? [regrade.requestedById] : [])] } },
    select: { id: true, displayName: true, email: true },
  });
  const person = new Map(people.map((p) => [p.id, learnerRef(p)]));
  const refs = (ids: string[]) => ids.map((id) => person.get(id) ?? { id, displayName: null, email: null });
  const name = (r: LearnerRef) => (r.displayName ?? r.email ?? r.id).toLowerCase();
  return {
    id: regrade.id,
    exercise: { id: regrade.exerciseId, title },
    courseId: regrade.courseId,
    scope: regrade.scope as RegradeScope,
    createdAt: regrade.createdAt.toISOString(),
    requestedBy: regrade.requestedById ? (person.get(regrade.requestedById) ?? null) : null,
    ...counts,
    nowPassing: refs(counts.nowPassing).sort((a, b) => name(a).localeCompare(name(b))),
    nowFailing: refs(counts.nowFailing).sort((a, b) => name(a).localeCompare(name(b))),
  };
}

/** One regrade of the course, for its instructors; another course's (or the CLI's across courses) is not found. */
export async function courseRegrade(db: Database, catalog: ExerciseCatalog, courseId: string, regradeId: string): Promise<RegradeView> {
  const regrade = await db.regrade.findUnique({ where: { id: regradeId } });
  if (!regrade || regrade.courseId !== courseId) throw notFound("The regrade");
  return regradeView(db, regrade, catalog.get(regrade.exerciseId)?.title ?? regrade.exerciseId);
}

/** The course's latest regrade of each exercise, newest first, so that a summary stays at hand after it ran. */
export async function latestCourseRegrades(db: Database, catalog: ExerciseCatalog, courseId: string): Promise<RegradeView[]> {
  const regrades = await db.regrade.findMany({ where: { courseId }, orderBy: { createdAt: "desc" }, distinct: ["exerciseId"] });
  return Promise.all(regrades.map((r) => regradeView(db, r, catalog.get(r.exerciseId)?.title ?? r.exerciseId)));
}
