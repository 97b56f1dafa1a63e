// A course's grades and progress as a CSV file a spreadsheet or a learning-management system can import: one row
// per learner and assigned exercise. `gradeRow` is the rule for one row (pure); `courseGradesCsv` loads a
// course's data and writes the file. Each learner's row carries their own due date (their extension, if any), so
// lateness is judged against the date that learner was given.
import type { Database } from "../database/client";
import type { Assignment, Course, Progress, User } from "../database/generated/client";
import type { Exercise } from "../exercises/exercise";
import type { ExerciseCatalog } from "../exercises/catalog";
import { assignedExercises, courseAssignments, withOwnDueDate } from "./assignments";
import { type CsvValue, toCsv } from "./csv";
import { extendedDueDates, extensionKey } from "./extensions";
import { exerciseStatus } from "./status";

export const GRADE_COLUMNS = [
  "course",
  "learner_id",
  "learner_name",
  "learner_email",
  "set",
  "exercise_id",
  "exercise_title",
  "due_at",
  "status",
  "attempts",
  "best_passed",
  "best_total",
  "score_percent",
  "first_solved_at",
  "solved_on_time",
  "hints_used",
  "active_minutes",
  "last_submission_at",
] as const;

/** Excel reads a CSV file as UTF-8 (names with accents) only when it starts with this mark; importers skip it. */
const UTF8_BOM = "\uFEFF";

export interface GradeInput {
  course: Pick<Course, "name">;
  learner: Pick<User, "id" | "displayName" | "email">;
  assignment: Pick<Assignment, "setName" | "dueAt">;
  exercise: Pick<Exercise, "id" | "title">;
  progress: Pick<Progress, "attempts" | "firstSolvedAt" | "bestPassed" | "bestTotal" | "activeSeconds"> | null;
  /** Distinct hints taken (each level of each submission once). */
  hintsUsed: number;
  lastSubmissionAt: Date | null;
  /** When the export is made: an unsolved exercise is late only once its due date has passed. */
  now: Date;
}

/** yes/no when it can be said; empty when there is no due date, or it is unsolved and not yet due. */
export function solvedOnTime(firstSolvedAt: Date | null, dueAt: Date | null, now: Date): "yes" | "no" | "" {
  if (!dueAt) return "";
  if (firstSolvedAt) return firstSolvedAt <= dueAt ? "yes" : "no";
  return now > dueAt ? "no" : "";
}

export function gradeRow(g: GradeInput): CsvValue[] {
  const p = g.progress;
  const bestTotal = p?.bestTotal ?? 0;
  const bestPassed = p?.bestPassed ?? 0;
  return [
    g.course.name,
    g.learner.id,
    g.learner.displayName ?? "",
    g.learner.email ?? "",
    g.assignment.setName,
    g.exercise.id,
    g.exercise.title,
    g.assignment.dueAt?.toISOString() ?? null,
    exerciseStatus(p),
    p?.attempts ?? 0,
    bestPassed,
    bestTotal,
    bestTotal > 0 ? Math.round((100 * bestPassed) / bestTotal) : 0,
    p?.firstSolvedAt?.toISOString() ?? null,
    solvedOnTime(p?.firstSolvedAt ?? null, g.assignment.dueAt, g.now),
    g.hintsUsed,
    Math.round((p?.activeSeconds ?? 0) / 6) / 10,
    g.lastSubmissionAt?.toISOString() ?? null,
  ];
}

/** "Intro to Python" -> "Intro to Python-grades.csv"; characters a file name cannot hold become "-". */
export function exportFileName(courseName: string): string {
  const safe = courseName.replace(/[/\\:*?"<>|\x00-\x1f\x7f]+/g, "-").replace(/^[-\s]+|[-\s]+$/g, "");
  return `${safe || "course"}-grades.csv`;
}

const key = (userId: string, exerciseId: string) => `${userId}\n${exerciseId}`;

export async function courseGradesCsv(db: Database, catalog: ExerciseCatalog, course: Course, now = new Date()): Promise<string> {
  const members = await db.courseMember.findMany({ where: { courseId: course.id, role: "learner" }, include: { user: true } });
  const learners = members.map((m) => m.user).sort((a, b) => (a.displayName ?? a.email ?? "").localeCompare(b.displayName ?? b.email ?? "") || a.id.localeCompare(b.id));
  const assigned = (await courseAssignments(db, course.id)).flatMap((assignment) => assignedExercises(catalog, assignment.setName).map((exercise) => ({ assignment, exercise })));
  const userIds = learners.map((l) => l.id);
  const exerciseIds = assigned.map((a) => a.exercise.id);
  const scope = { userId: { in: userIds }, exerciseId: { in: exerciseIds } };

  const [progress, lastSubmissions, hints, extensions] = await Promise.all([
    db.progress.findMany({ where: scope }),
    db.submission.groupBy({ by: ["userId", "exerciseId"], where: scope, _max: { createdAt: true } }),
    db.tutorAnswer.findMany({
      where: { userId: { in: userIds }, kind: "hint", submission: { exerciseId: { in: exerciseIds } } },
      select: { userId: true, submissionId: true, level: true, submission: { select: { exerciseId: true } } },
    }),
    extendedDueDates(db, course.id),
  ]);
  const progressOf = new Map(progress.map((p) => [key(p.userId, p.exerciseId), p]));
  const lastOf = new Map(lastSubmissions.map((s) => [key(s.userId, s.exerciseId), s._max.createdAt]));
  const hintsOf = new Map<string, Set<string>>();
  for (const h of hints) {
    const k = key(h.userId, h.submission!.exerciseId);
    hintsOf.set(k, (hintsOf.get(k) ?? new Set()).add(`${h.submissionId}:${h.level}`));
  }

  const rows = learners.flatMap((learner) =>
    assigned.map(({ assignment, exercise }) => {
      const k = key(learner.id, exercise.id);
      return gradeRow({
        course,
        learner,
        assignment: withOwnDueDate(assignment, extensions.get(extensionKey(learner.id, assignment.setName)) ?? null),
        exercise,
        progress: progressOf.get(k) ?? null,
        hintsUsed: hintsOf.get(k)?.size ?? 0,
        lastSubmissionAt: lastOf.get(k) ?? null,
        now,
      });
    }),
  );
  return UTF8_BOM + toCsv(GRADE_COLUMNS, rows);
}
