// What feeds the history and the dashboards: the database reads, and the one write (active time). The rules live
// in history.ts, learner-summary.ts and class-summary.ts; this file only fetches rows and hands them over.
import { type AssignmentSummary, assignedExercises, assignmentSummary, courseAssignments } from "../courses/assignments";
import type { Database } from "../database/client";
import { NOW_UTC } from "../database/sql";
import type { ExerciseCatalog } from "../exercises/catalog";
import type { TestResult } from "../grading/judge";
import { type CellSummary, cellSummary, type Cell, commonReviewSuggestions, type ExerciseReviewSuggestions, type FailedCase, heatmapCells, type HintTaken, type HintThreeUse, hintThreeMost, hintUsage, type HintUsage, mostFailedCases, tutorRatings, type TutorRatings } from "./class-summary";
import { type AttemptHistory, attemptHistory } from "./history";
import { type PathStates, pathStatesOf, type UnitProgress, unitProgress } from "./learning-path";
import {
  type AssignedExercise,
  type DayActivity,
  type ExerciseState,
  type NextStep,
  practisedConcepts,
  recentActivity,
  streakDays,
  trippingConcepts,
  utcDay,
  whatToTryNext,
} from "./learner-summary";
import { answersBySubmission, causeConcepts, conceptCounts } from "./tutor-record";

/** Enough for any real learner on one exercise; older attempts are left off. */
export const HISTORY_LIMIT = 200;
/** Assignments due within this many days are "due soon" on the learner's dashboard. */
export const DUE_SOON_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

const TUTOR_KINDS = { in: ["explanation", "hint"] };
const ANSWER_FIELDS = { submissionId: true, kind: true, level: true, content: true, createdAt: true, engine: true } as const;

export async function exerciseHistory(db: Database, userId: string, exerciseId: string): Promise<AttemptHistory> {
  const [submissions, progress] = await Promise.all([
    db.submission.findMany({ where: { userId, exerciseId }, orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT }),
    db.progress.findUnique({ where: { userId_exerciseId: { userId, exerciseId } }, select: { activeSeconds: true } }),
  ]);
  const answers = await db.tutorAnswer.findMany({ where: { userId, kind: TUTOR_KINDS, submissionId: { in: submissions.map((s) => s.id) } }, select: ANSWER_FIELDS });
  return attemptHistory(submissions, answers, progress?.activeSeconds ?? 0);
}

/** Adds to the learner's active time on the exercise, creating their progress row if they have not submitted yet. */
export async function addActiveSeconds(db: Database, userId: string, exerciseId: string, seconds: number): Promise<void> {
  // One statement, so reports from two tabs at once both count (a read-then-write could lose one). A report
  // counts no more than the time since the row last changed, so neither a client that reports too often nor
  // two tabs open side by side can claim more time than passed.
  await db.$executeRaw`
    INSERT INTO "Progress" ("userId", "exerciseId", "activeSeconds", "updatedAt")
    VALUES (${userId}::uuid, ${exerciseId}, ${seconds}, ${NOW_UTC})
    ON CONFLICT ("userId", "exerciseId")
    DO UPDATE SET
      "activeSeconds" = "Progress"."activeSeconds" + LEAST(EXCLUDED."activeSeconds", GREATEST(1, ceil(extract(epoch FROM ${NOW_UTC} - "Progress"."updatedAt")))::int),
      "updatedAt" = ${NOW_UTC}`;
}

export interface LearnerDashboard {
  solvedCount: number;
  /** Attempted but not solved yet. */
  attemptedCount: number;
  streakDays: number;
  activity: DayActivity[];
  concepts: { practised: { id: string; title: string; count: number }[]; tripping: { id: string; title: string; failures: number }[] };
  next: NextStep[];
  courses: { id: string; name: string; assignments: AssignmentSummary[] }[];
  /** Every unit of the course (problem set) in order, with how much of it the learner has solved. */
  units: UnitProgress[];
}

const unitsProgress = (catalog: ExerciseCatalog, states: PathStates): UnitProgress[] => catalog.sets().map((set) => unitProgress(set, states));

/** The learner's solved and attempted exercises, for the learning path (learning-path.ts). */
export async function pathStates(db: Database, userId: string): Promise<PathStates> {
  return pathStatesOf(await db.progress.findMany({ where: { userId }, select: { exerciseId: true, attempts: true, firstSolvedAt: true } }));
}

export async function learnerDashboard(db: Database, catalog: ExerciseCatalog, userId: string, now = new Date()): Promise<LearnerDashboard> {
  const [progress, submissions, memberships] = await Promise.all([
    db.progress.findMany({ where: { userId }, include: { exercise: { select: { concepts: true } } } }),
    db.submission.findMany({ where: { userId }, select: { id: true, exerciseId: true, createdAt: true, state: true, verdict: true } }),
    db.courseMember.findMany({ where: { userId, role: "learner" }, include: { course: true }, orderBy: { joinedAt: "asc" } }),
  ]);
  const solved = progress.filter((p) => p.firstSolvedAt !== null);
  const solvedIds = new Set(solved.map((p) => p.exerciseId));

  const openFailures = submissions.filter((s) => s.state === "graded" && s.verdict !== "passed" && !solvedIds.has(s.exerciseId));
  const answers = await db.tutorAnswer.findMany({ where: { userId, kind: TUTOR_KINDS, submissionId: { in: openFailures.map((s) => s.id) } }, select: ANSWER_FIELDS });
  const answersOf = answersBySubmission(answers);

  const lastSubmitted = new Map<string, Date>();
  for (const s of submissions) if ((lastSubmitted.get(s.exerciseId)?.getTime() ?? 0) < s.createdAt.getTime()) lastSubmitted.set(s.exerciseId, s.createdAt);
  const states = new Map<string, ExerciseState>(
    progress.map((p) => [p.exerciseId, { attempts: p.attempts, solved: p.firstSolvedAt !== null, bestPassed: p.bestPassed, bestTotal: p.bestTotal, lastSubmittedAt: lastSubmitted.get(p.exerciseId) ?? null }]),
  );

  const courses = await Promise.all(
    memberships.map(async ({ course }) => ({ course, assignments: await courseAssignments(db, course.id, userId) })),
  );
  const assigned: AssignedExercise[] = courses.flatMap(({ course, assignments }) =>
    assignments.flatMap((a) => assignedExercises(catalog, a.setName).map((e) => ({ exerciseId: e.id, courseName: course.name, dueAt: a.dueAt }))),
  );
  const soon = now.getTime() + DUE_SOON_DAYS * DAY_MS;

  return {
    solvedCount: solved.length,
    attemptedCount: progress.filter((p) => p.attempts > 0 && p.firstSolvedAt === null).length,
    streakDays: streakDays(new Set(submissions.map((s) => utcDay(s.createdAt))), now),
    activity: recentActivity(
      submissions.map((s) => s.createdAt),
      solved.map((p) => p.firstSolvedAt!),
      now,
    ),
    concepts: {
      practised: practisedConcepts(solved.map((p) => p.exercise.concepts)),
      tripping: trippingConcepts(
        openFailures.map((s) => ({ exerciseId: s.exerciseId, concepts: causeConcepts(answersOf.get(s.id) ?? []) })),
        solvedIds,
      ),
    },
    next: whatToTryNext(
      catalog.list().map((e) => ({ id: e.id, title: e.title, setTitle: catalog.setTitle(e.set) })),
      states,
      assigned,
      now,
    ),
    courses: courses.map(({ course, assignments }) => ({
      id: course.id,
      name: course.name,
      assignments: assignments.filter((a) => a.dueAt && a.dueAt.getTime() >= now.getTime() && a.dueAt.getTime() <= soon).map((a) => assignmentSummary(catalog, a)),
    })),
    units: unitsProgress(catalog, pathStatesOf(progress)),
  };
}

export interface CourseDashboard {
  learners: { id: string; displayName: string | null; email: string | null }[];
  exercises: { id: string; title: string; set: string }[];
  cells: Cell[];
  mostFailedCases: FailedCase[];
  failureConcepts: { id: string; title: string; count: number }[];
  hintUsage: HintUsage[];
  /** The review suggestions the learners' passing code got, per exercise (what to teach next). */
  reviewSuggestions: ExerciseReviewSuggestions[];
  /** The share of the tutor's rated answers the learners found helpful, per exercise and per engine. */
  tutorRatings: TutorRatings;
  /** The exercises where learners take hint 3 most often, most first. */
  hintThree: HintThreeUse[];
  summary: CellSummary;
}

/** The class at a glance. The caller has checked that the asker teaches the course. */
export async function courseDashboard(db: Database, catalog: ExerciseCatalog, courseId: string): Promise<CourseDashboard> {
  const [members, assignments] = await Promise.all([
    db.courseMember.findMany({ where: { courseId, role: "learner" }, include: { user: true } }),
    courseAssignments(db, courseId),
  ]);
  const name = (u: { displayName: string | null; email: string | null }) => (u.displayName ?? u.email ?? "").toLowerCase();
  const learners = members.map((m) => ({ id: m.user.id, displayName: m.user.displayName, email: m.user.email })).sort((a, b) => name(a).localeCompare(name(b)) || a.id.localeCompare(b.id));
  const exercises = [...new Map(assignments.flatMap((a) => assignedExercises(catalog, a.setName)).map((e) => [e.id, { id: e.id, title: e.title, set: e.set }])).values()];
  const learnerIds = learners.map((l) => l.id);
  const exerciseIds = exercises.map((e) => e.id);
  const scope = { userId: { in: learnerIds }, exerciseId: { in: exerciseIds } };

  const [progress, failed, hintRows, reviewRows, ratingRows] = await Promise.all([
    db.progress.findMany({ where: scope, select: { userId: true, exerciseId: true, attempts: true, firstSolvedAt: true } }),
    // `results` is stored learner-safe: a hidden case is a name and a status. `observations` is never read here.
    db.submission.findMany({ where: { ...scope, state: "graded", verdict: { not: "passed" } }, select: { id: true, userId: true, exerciseId: true, results: true } }),
    db.tutorAnswer.findMany({
      where: { userId: { in: learnerIds }, kind: "hint", submission: { exerciseId: { in: exerciseIds } } },
      select: { userId: true, submissionId: true, level: true, submission: { select: { exerciseId: true } } },
    }),
    db.tutorAnswer.findMany({
      where: { userId: { in: learnerIds }, kind: "review", submission: { exerciseId: { in: exerciseIds } } },
      select: { userId: true, content: true, submission: { select: { exerciseId: true } } },
    }),
    // The answers the answers page lists (server/courses/tutor-answers.ts): about the course's exercises, or pasted code.
    db.tutorRating.findMany({
      where: { userId: { in: learnerIds }, answer: { OR: [{ submission: { is: { exerciseId: { in: exerciseIds } } } }, { submissionId: null }] } },
      select: { helpful: true, answer: { select: { engine: true, submission: { select: { exerciseId: true } } } } },
    }),
  ]);
  const explanations = await db.tutorAnswer.findMany({ where: { userId: { in: learnerIds }, kind: TUTOR_KINDS, submissionId: { in: failed.map((s) => s.id) } }, select: ANSWER_FIELDS });
  const answersOf = answersBySubmission(explanations);
  const hints: HintTaken[] = hintRows.flatMap((h) => (h.submissionId && h.level && h.submission ? [{ learnerId: h.userId, exerciseId: h.submission.exerciseId, submissionId: h.submissionId, level: h.level }] : []));

  const cells = heatmapCells(learnerIds, exerciseIds, progress, hints);
  return {
    learners,
    exercises,
    cells,
    mostFailedCases: mostFailedCases(failed.map((s) => ({ learnerId: s.userId, exerciseId: s.exerciseId, tests: Array.isArray(s.results) ? (s.results as unknown as TestResult[]) : [] }))),
    failureConcepts: conceptCounts(failed.flatMap((s) => causeConcepts(answersOf.get(s.id) ?? []))),
    hintUsage: hintUsage(exerciseIds, hints),
    reviewSuggestions: commonReviewSuggestions(
      exerciseIds,
      reviewRows.flatMap((r) => (r.submission ? [{ learnerId: r.userId, exerciseId: r.submission.exerciseId, content: r.content }] : [])),
    ),
    tutorRatings: tutorRatings(
      exerciseIds,
      ratingRows.map((r) => ({ exerciseId: r.answer.submission?.exerciseId ?? null, engine: r.answer.engine, helpful: r.helpful })),
    ),
    hintThree: hintThreeMost(hints),
    summary: cellSummary(learners.length, cells),
  };
}
