// Problem sets assigned to a course: a set is a folder under exercises/ (the catalog knows which exist), with an
// optional due date. An assignment whose folder has since gone stays listed, with no exercises, until removed.
// A learner may have their own due date for an assignment (a deadline extension, `extensions.ts`): whatever that
// learner sees of the assignment carries their date, and nobody else's view changes.
import { Prisma, type Database } from "../database/client";
import type { Assignment } from "../database/generated/client";
import type { Exercise } from "../exercises/exercise";
import type { ExerciseCatalog } from "../exercises/catalog";
import { HttpError, notFound } from "../http/errors";

export interface AssignmentSummary {
  setName: string;
  title: string;
  dueAt: string | null;
  /** True when `dueAt` is the asking learner's own extended date rather than the course's. */
  extended: boolean;
  exerciseCount: number;
}

/** An assignment as one person sees it: for a learner with an extension, `dueAt` is their own date. */
export type OwnAssignment = Assignment & { extended: boolean };

export function assignedExercises(catalog: ExerciseCatalog, setName: string): Exercise[] {
  return catalog.set(setName)?.exercises ?? [];
}

export function assignmentSummary(catalog: ExerciseCatalog, a: Assignment & { extended?: boolean }): AssignmentSummary {
  return {
    setName: a.setName,
    title: catalog.setTitle(a.setName),
    dueAt: a.dueAt?.toISOString() ?? null,
    extended: a.extended ?? false,
    exerciseCount: assignedExercises(catalog, a.setName).length,
  };
}

/** The exercise, if it belongs to a set the course assigns (so that a course's reports never reach beyond it). */
export async function assignedExercise(db: Database, catalog: ExerciseCatalog, courseId: string, exerciseId: string): Promise<Exercise> {
  const exercise = catalog.get(exerciseId);
  const assigned = (await courseAssignments(db, courseId)).some((a) => a.setName === exercise?.set);
  if (!exercise || !assigned) throw notFound(`The exercise "${exerciseId}" in the sets this course assigns`);
  return exercise;
}

/** The assignment with one learner's extension, if they have one, in place of its due date. */
export function withOwnDueDate(assignment: Assignment, extensionDueAt: Date | null): OwnAssignment {
  return extensionDueAt ? { ...assignment, dueAt: extensionDueAt, extended: true } : { ...assignment, extended: false };
}

/**
 * A course's assignments in a stable order: by due date (undated last), then by set name. Given a learner, each
 * due date is that learner's own (so their order follows their dates); without one, the course's dates.
 */
export async function courseAssignments(db: Database, courseId: string, learnerId?: string): Promise<OwnAssignment[]> {
  const rows = learnerId
    ? (await db.assignment.findMany({ where: { courseId }, include: { extensions: { where: { userId: learnerId }, select: { dueAt: true } } } })).map(({ extensions, ...a }) =>
        withOwnDueDate(a, extensions[0]?.dueAt ?? null),
      )
    : (await db.assignment.findMany({ where: { courseId } })).map((a) => withOwnDueDate(a, null));
  const due = (a: Assignment) => a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => due(a) - due(b) || a.setName.localeCompare(b.setName));
}

function requireSet(catalog: ExerciseCatalog, setName: string) {
  const set = catalog.set(setName);
  if (!set) {
    const names = catalog.sets().map((s) => s.name);
    const available = names.length ? `The sets are: ${names.join(", ")}.` : "There are no exercises under exercises/ yet.";
    throw new HttpError(400, "no-such-set", `There is no problem set called "${setName}" with exercises in it. ${available}`);
  }
  return set;
}

export async function assignSet(db: Database, catalog: ExerciseCatalog, courseId: string, setName: string, dueAt: Date | null): Promise<Assignment> {
  requireSet(catalog, setName);
  try {
    return await db.assignment.create({ data: { courseId, setName, dueAt } });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new HttpError(409, "already-assigned", `The set "${setName}" is already assigned to this course: change its due date instead.`);
    }
    throw e;
  }
}

export async function setDueDate(db: Database, courseId: string, setName: string, dueAt: Date | null): Promise<Assignment> {
  const { count } = await db.assignment.updateMany({ where: { courseId, setName }, data: { dueAt } });
  if (count === 0) throw notFound(`The assignment of "${setName}"`);
  return db.assignment.findUniqueOrThrow({ where: { courseId_setName: { courseId, setName } } });
}

export async function unassignSet(db: Database, courseId: string, setName: string): Promise<void> {
  const { count } = await db.assignment.deleteMany({ where: { courseId, setName } });
  if (count === 0) throw notFound(`The assignment of "${setName}"`);
}
