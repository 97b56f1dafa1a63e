// Who may do what in a course. A course is visible only to its members; its instructors (and nobody else, not
// even admins) see its learners' code, timelines and grades. Refusals for a course you are not in read exactly
// like a missing course, so course ids reveal nothing.
import type { Database } from "../database/client";
import type { Course, CourseRole } from "../database/generated/client";
import { HttpError, notFound } from "../http/errors";

export async function courseRole(db: Database, courseId: string, userId: string): Promise<CourseRole | null> {
  const member = await db.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } } });
  return member?.role ?? null;
}

/** The course, if the user is a member of it (either role); otherwise a 404. */
export async function requireCourseMember(db: Database, courseId: string, userId: string): Promise<{ course: Course; role: CourseRole }> {
  const member = await db.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } }, include: { course: true } });
  if (!member) throw notFound("The course");
  return { course: member.course, role: member.role };
}

/** The course, if the user teaches it: a learner of the course gets a 403 that says so, anyone else a 404. */
export async function requireCourseInstructor(db: Database, courseId: string, userId: string): Promise<Course> {
  const { course, role } = await requireCourseMember(db, courseId, userId);
  if (role !== "instructor") throw new HttpError(403, "forbidden", "Only the course's instructors can see this.");
  return course;
}

/** An instructor may read a learner's work only when that learner is in one of the instructor's courses. */
export async function requireTeaches(db: Database, courseId: string, instructorId: string, learnerId: string): Promise<Course> {
  const course = await requireCourseInstructor(db, courseId, instructorId);
  if ((await courseRole(db, courseId, learnerId)) !== "learner") throw notFound("The learner");
  return course;
}
