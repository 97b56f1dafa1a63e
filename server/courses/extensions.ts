// Deadline extensions: an instructor gives one learner of the course their own due date for one assignment (an
// accommodation). Granting again replaces the date; removing it puts the learner back on the course's date. The
// caller has checked that the asker teaches the course; this module checks who the extension is for.
import type { Database } from "../database/client";
import type { DeadlineExtension, User } from "../database/generated/client";
import { HttpError, notFound } from "../http/errors";
import { courseRole } from "./access";

type Person = Pick<User, "id" | "displayName" | "email">;

export interface ExtensionView {
  setName: string;
  learner: Person;
  /** The learner's own due date. */
  dueAt: string;
  /** The course's due date for everyone else, for comparison (null when the assignment has none). */
  courseDueAt: string | null;
  grantedBy: Person;
  grantedAt: string;
}

const PERSON = { select: { id: true, displayName: true, email: true } } as const;
const VIEW_INCLUDE = { assignment: { select: { setName: true, dueAt: true } }, user: PERSON, grantedBy: PERSON } as const;

type ExtensionRow = DeadlineExtension & { assignment: { setName: string; dueAt: Date | null }; user: Person; grantedBy: Person };

function extensionView(e: ExtensionRow): ExtensionView {
  return {
    setName: e.assignment.setName,
    learner: e.user,
    dueAt: e.dueAt.toISOString(),
    courseDueAt: e.assignment.dueAt?.toISOString() ?? null,
    grantedBy: e.grantedBy,
    grantedAt: e.grantedAt.toISOString(),
  };
}

async function requireAssignment(db: Database, courseId: string, setName: string) {
  const assignment = await db.assignment.findUnique({ where: { courseId_setName: { courseId, setName } } });
  if (!assignment) throw notFound(`The assignment of "${setName}"`);
  return assignment;
}

/** The extensions of the course's current learners, by set then learner. A learner who left keeps theirs, unseen. */
export async function courseExtensions(db: Database, courseId: string): Promise<ExtensionView[]> {
  const rows = await db.deadlineExtension.findMany({
    where: { assignment: { courseId }, user: { memberships: { some: { courseId, role: "learner" } } } },
    include: VIEW_INCLUDE,
  });
  const name = (p: Person) => (p.displayName ?? p.email ?? "").toLowerCase();
  return rows.map(extensionView).sort((a, b) => a.setName.localeCompare(b.setName) || name(a.learner).localeCompare(name(b.learner)) || a.learner.id.localeCompare(b.learner.id));
}

/** Gives the learner their own due date for the assignment, replacing any earlier extension. */
export async function grantExtension(db: Database, courseId: string, setName: string, learnerId: string, dueAt: Date, grantedById: string): Promise<ExtensionView> {
  const assignment = await requireAssignment(db, courseId, setName);
  if ((await courseRole(db, courseId, learnerId)) !== "learner") {
    throw new HttpError(400, "not-a-learner", "That person is not a learner of this course: extensions are for the course's learners. Pick one from the course's members.");
  }
  const key = { assignmentId_userId: { assignmentId: assignment.id, userId: learnerId } };
  const granted = { dueAt, grantedById, grantedAt: new Date() };
  const row = await db.deadlineExtension.upsert({ where: key, create: { assignmentId: assignment.id, userId: learnerId, ...granted }, update: granted, include: VIEW_INCLUDE });
  return extensionView(row);
}

/** Puts the learner back on the course's due date. */
export async function removeExtension(db: Database, courseId: string, setName: string, learnerId: string): Promise<void> {
  const assignment = await requireAssignment(db, courseId, setName);
  const { count } = await db.deadlineExtension.deleteMany({ where: { assignmentId: assignment.id, userId: learnerId } });
  if (count === 0) throw notFound("That learner's extension for this assignment");
}

/** Every extended due date in the course, keyed by `extensionKey` (for the grades export). */
export async function extendedDueDates(db: Database, courseId: string): Promise<Map<string, Date>> {
  const rows = await db.deadlineExtension.findMany({ where: { assignment: { courseId } }, select: { userId: true, dueAt: true, assignment: { select: { setName: true } } } });
  return new Map(rows.map((r) => [extensionKey(r.userId, r.assignment.setName), r.dueAt]));
}

export const extensionKey = (userId: string, setName: string) => `${userId}\n${setName}`;
