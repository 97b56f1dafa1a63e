// Courses and who is in them: an instructor creates one and gets a join code, learners join with the code, and
// co-instructors are added by email. What each member sees of a course is shaped here: the join code, the
// learner count and the member list are for the course's instructors only.
import { Prisma, type Database } from "../database/client";
import type { Course, CourseMember, CourseRole, User } from "../database/generated/client";
import type { ExerciseCatalog } from "../exercises/catalog";
import { HttpError } from "../http/errors";
import { assignedExercises, assignmentSummary, type AssignmentSummary, courseAssignments } from "./assignments";
import { normaliseJoinCode, randomJoinCode } from "./join-code";
import { type ExerciseStatus, exerciseStatus } from "./status";

/** Codes are random over 31^8; a clash is rare, and this many in a row means something else is wrong. */
const JOIN_CODE_TRIES = 5;

export interface CourseSummary {
  id: string;
  name: string;
  role: CourseRole;
  createdAt: string;
  joinCode?: string;
  learnerCount?: number;
  assignments: AssignmentSummary[];
}

export interface AssignedExerciseView {
  id: string;
  set: string;
  slug: string;
  title: string;
  status: ExerciseStatus;
}

export interface MemberView {
  id: string;
  displayName: string | null;
  email: string | null;
  role: CourseRole;
  joinedAt: string;
}

export interface CourseDetail extends Omit<CourseSummary, "assignments" | "learnerCount"> {
  assignments: (Omit<AssignmentSummary, "exerciseCount"> & { exercises: AssignedExerciseView[] })[];
  members?: MemberView[];
}

const isUniqueViolation = (e: unknown, field: string) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002" && JSON.stringify(e.meta ?? {}).includes(field);

/** Creates the course with its creator as instructor. `nextCode` is where codes come from (random unless given). */
export async function createCourse(db: Database | Prisma.TransactionClient, name: string, creatorId: string, nextCode: () => string = randomJoinCode): Promise<Course> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.course.create({
        data: { name, joinCode: nextCode(), createdById: creatorId, members: { create: { userId: creatorId, role: "instructor" } } },
      });
    } catch (e) {
      if (!isUniqueViolation(e, "joinCode")) throw e;
      if (attempt >= JOIN_CODE_TRIES) throw new Error(`${JOIN_CODE_TRIES} join codes in a row were already in use: the source of codes is not random.`);
    }
  }
}

/** The course in a list; a learner sees their own due dates. */
export async function courseSummary(db: Database, catalog: ExerciseCatalog, course: Course, role: CourseRole, askerId: string): Promise<CourseSummary> {
  const assignments = (await courseAssignments(db, course.id, role === "learner" ? askerId : undefined)).map((a) => assignmentSummary(catalog, a));
  const base = { id: course.id, name: course.name, role, createdAt: course.createdAt.toISOString() };
  if (role !== "instructor") return { ...base, assignments };
  const learnerCount = await db.courseMember.count({ where: { courseId: course.id, role: "learner" } });
  return { ...base, joinCode: course.joinCode, learnerCount, assignments };
}

/** The courses the user is in, newest first. */
export async function coursesOf(db: Database, catalog: ExerciseCatalog, userId: string): Promise<CourseSummary[]> {
  const memberships = await db.courseMember.findMany({ where: { userId }, include: { course: true }, orderBy: { course: { createdAt: "desc" } } });
  return Promise.all(memberships.map((m) => courseSummary(db, catalog, m.course, m.role, userId)));
}

/** Joins the course with this code as a learner; joining again changes nothing (an instructor stays one). */
export async function joinCourse(db: Database, typedCode: string, userId: string): Promise<{ course: Course; role: CourseRole }> {
  const code = normaliseJoinCode(typedCode);
  const course = code ? await db.course.findUnique({ where: { joinCode: code } }) : null;
  if (!course) throw new HttpError(404, "no-such-code", "No course has this join code. Check it with your instructor: it has 8 letters and digits.");
  const member = await db.courseMember.upsert({
    where: { courseId_userId: { courseId: course.id, userId } },
    create: { courseId: course.id, userId, role: "learner" },
    update: {},
  });
  return { course, role: member.role };
}

function memberView(m: CourseMember & { user: User }): MemberView {
  return { id: m.userId, displayName: m.user.displayName, email: m.user.email, role: m.role, joinedAt: m.joinedAt.toISOString() };
}

/** The course as the asker sees it: every assigned exercise with the asker's own status on it (and, for a learner, their own due dates). */
export async function courseDetail(db: Database, catalog: ExerciseCatalog, course: Course, role: CourseRole, askerId: string): Promise<CourseDetail> {
  const assignments = await courseAssignments(db, course.id, role === "learner" ? askerId : undefined);
  const exercises = new Map(assignments.map((a) => [a.setName, assignedExercises(catalog, a.setName)]));
  const ids = [...exercises.values()].flat().map((e) => e.id);
  const progress = await db.progress.findMany({ where: { userId: askerId, exerciseId: { in: ids } } });
  const byExercise = new Map(progress.map((p) => [p.exerciseId, p]));
  const detail: CourseDetail = {
    id: course.id,
    name: course.name,
    role,
    createdAt: course.createdAt.toISOString(),
    assignments: assignments.map((a) => {
      const { exerciseCount: _count, ...summary } = assignmentSummary(catalog, a);
      const list = exercises.get(a.setName) ?? [];
      return { ...summary, exercises: list.map((e) => ({ id: e.id, set: e.set, slug: e.slug, title: e.title, status: exerciseStatus(byExercise.get(e.id)) })) };
    }),
  };
  if (role !== "instructor") return detail;
  const members = await db.courseMember.findMany({ where: { courseId: course.id }, include: { user: true } });
  const name = (m: MemberView) => (m.displayName ?? m.email ?? "").toLowerCase();
  const views = members.map(memberView).sort((a, b) => (a.role === b.role ? 0 : a.role === "instructor" ? -1 : 1) || name(a).localeCompare(name(b)));
  return { ...detail, joinCode: course.joinCode, members: views };
}

/** Makes an existing instructor (or admin) account an instructor of the course; a learner of it is promoted. */
export async function addCoInstructor(db: Database, courseId: string, email: string): Promise<MemberView> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw new HttpError(404, "no-such-account", `There is no account for ${email}: ask them to sign up first, then add them again.`);
  if (user.role === "learner") {
    throw new HttpError(409, "not-an-instructor", `${email} has a learner account: an admin must give it the instructor role before it can teach a course.`);
  }
  const member = await db.courseMember.upsert({
    where: { courseId_userId: { courseId, userId: user.id } },
    create: { courseId, userId: user.id, role: "instructor" },
    update: { role: "instructor" },
    include: { user: true },
  });
  return memberView(member);
}

/**
 * Takes someone out of the course (a learner who joined the wrong class, a co-instructor who left). Their work is
 * theirs and stays; the course's views stop showing it. The last instructor cannot leave a course without one.
 */
export async function removeMember(db: Database, courseId: string, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const member = await tx.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } } });
    if (!member) throw new HttpError(404, "not-found", "That person is not a member of this course.");
    if (member.role === "instructor" && (await tx.courseMember.count({ where: { courseId, role: "instructor" } })) === 1) {
      throw new HttpError(409, "last-instructor", "A course needs an instructor: add another instructor before removing this one.");
    }
    await tx.courseMember.delete({ where: { courseId_userId: { courseId, userId } } });
  });
}
