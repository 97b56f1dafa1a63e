// What a good launch changes, in one transaction: the platform-scoped account (issuer + sub, created on the first
// launch), the course mapped from the LMS context (created on an instructor's first launch), the membership with
// the role the LMS gave, and the resource link with what it points at and its grade service endpoint. A learner
// launching into a context with no course yet is refused before anything is written.
import { Prisma, type Database } from "../database/client";
import { createCourse } from "../courses/courses";
import type { Launch } from "./claims";
import { LtiRefusal } from "./refusal";

export interface Provisioned {
  userId: string;
  courseId: string | null;
  /** The LtiResourceLink row of a resource link launch. */
  resourceLinkRowId: string | null;
}

type Tx = Prisma.TransactionClient;

/** The Tutor user of an LMS user (issuer + sub), created on first sight: by a launch, or by a roster sync (roster.ts). */
export async function accountFor(tx: Tx, launch: Pick<Launch, "issuer" | "sub" | "email" | "name">): Promise<string> {
  const existing = await tx.ltiAccount.findUnique({ where: { issuer_sub: { issuer: launch.issuer, sub: launch.sub } } });
  if (existing) return existing.userId;
  // The LMS's email is kept when no account has it yet; an existing account with that email is never taken over
  // (a platform vouching for an address is not its owner signing in).
  const email = launch.email?.trim().toLowerCase() || null;
  const emailFree = email !== null && (await tx.user.count({ where: { email } })) === 0;
  const user = await tx.user.create({ data: { role: "learner", displayName: launch.name?.slice(0, 100) ?? null, ...(emailFree ? { email } : {}) } });
  await tx.ltiAccount.create({ data: { issuer: launch.issuer, sub: launch.sub, userId: user.id } });
  return user.id;
}

export async function provisionLaunch(db: Database, platformId: string, launch: Launch): Promise<Provisioned> {
  return db.$transaction(async (tx) => {
    const contextKey = launch.context ? { platformId, deploymentId: launch.deploymentId, contextId: launch.context.id } : null;
    let context = contextKey ? await tx.ltiContext.findUnique({ where: { platformId_deploymentId_contextId: contextKey } }) : null;
    if (contextKey && !context && launch.role !== "instructor") {
      throw new LtiRefusal("course-not-ready", "This course in the learning platform has no Tutor course yet: its instructor's first launch creates it.");
    }
    const userId = await accountFor(tx, launch);
    const membershipsUrl = launch.kind === "resource-link" ? launch.membershipsUrl : null;
    if (contextKey && !context) {
      const course = await createCourse(tx, launch.context!.title ?? "Course from the learning platform", userId);
      context = await tx.ltiContext.create({ data: { ...contextKey, title: launch.context!.title, courseId: course.id, membershipsUrl } });
    } else if (context) {
      context = await tx.ltiContext.update({
        where: { id: context.id },
        data: { title: launch.context!.title ?? context.title, ...(membershipsUrl ? { membershipsUrl } : {}) },
      });
    }
    if (context) {
      // The LMS is the authority on who teaches its course: the role follows the latest launch.
      await tx.courseMember.upsert({
        where: { courseId_userId: { courseId: context.courseId, userId } },
        create: { courseId: context.courseId, userId, role: launch.role },
        update: { role: launch.role },
      });
    }
    let resourceLinkRowId: string | null = null;
    if (launch.kind === "resource-link") {
      const fields = {
        contextRowId: context?.id ?? null,
        title: launch.resourceLink.title,
        targetKind: launch.target?.kind ?? null,
        target: launch.target?.id ?? null,
        lineItemUrl: launch.ags?.lineItemUrl ?? null,
        lineItemsUrl: launch.ags?.lineItemsUrl ?? null,
        agsScopes: launch.ags?.scopes ?? [],
      };
      const link = await tx.ltiResourceLink.upsert({
        where: { platformId_deploymentId_resourceLinkId: { platformId, deploymentId: launch.deploymentId, resourceLinkId: launch.resourceLink.id } },
        create: { platformId, deploymentId: launch.deploymentId, resourceLinkId: launch.resourceLink.id, ...fields },
        update: fields,
      });
      resourceLinkRowId = link.id;
      await tx.ltiLinkLaunch.upsert({
        where: { resourceLinkId_userId: { resourceLinkId: link.id, userId } },
        create: { resourceLinkId: link.id, userId },
        update: { lastLaunchAt: new Date() },
      });
    }
    return { userId, courseId: context?.courseId ?? null, resourceLinkRowId };
  });
}
