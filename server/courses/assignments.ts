// Problem sets assigned to a course: a set is a folder under exercises/ (the catalog knows which exist), with an
// optional due date. An assignment whose folder has since gone stays listed, with no exercises, until removed.
import { Prisma, type Database } from "../database/client";
import type { Assignment } from "../database/generated/client";
import type { Exercise } from "../exercises/exercise";
import type { ExerciseCatalog } from "../exercises/catalog";
import { HttpError, notFound } from "../http/errors";

export interface AssignmentSummary {
  setName: string;
  title: string;
  dueAt: string | null;
  exerciseCount: number;
}

export function assignedExercises(catalog: ExerciseCatalog, setName: string): Exercise[] {
  return catalog.set(setName)?.exercises ?? [];
}

export function assignmentSummary(catalog: ExerciseCatalog, a: Assignment): AssignmentSummary {
  return { setName: a.setName, title: catalog.setTitle(a.setName), dueAt: a.dueAt?.toISOString() ?? null, exerciseCount: assignedExercises(catalog, a.setName).length };
}

/** A course's assignments in a stable order: by due date (undated last), then by set name. */
export async function courseAssignments(db: Database, courseId: string): Promise<Assignment[]> {
  const rows = await db.assignment.findMany({ where: { courseId } });
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
