// What an instructor's course page shows of LTI: the LMS courses it is linked to (and whether each offers a roster),
// and the grades waiting to reach the LMS gradebook (grades-outbox.ts).
import type { Database } from "../database/client";
import { type GradesOutboxStatus, gradesOutboxStatus } from "./grades-outbox";

export interface CourseLtiStatus {
  contexts: { platform: string; title: string | null; rosterSync: boolean }[];
  grades: GradesOutboxStatus;
}

export async function courseLtiStatus(db: Database, courseId: string): Promise<CourseLtiStatus> {
  const contexts = await db.ltiContext.findMany({ where: { courseId }, include: { platform: { select: { name: true } } }, orderBy: { createdAt: "asc" } });
  return {
    contexts: contexts.map((c) => ({ platform: c.platform.name, title: c.title, rosterSync: c.membershipsUrl !== null })),
    grades: await gradesOutboxStatus(db, courseId),
  };
}
