// Registered learning platforms and their deployments: what an admin enters (Admin page or `tutor lti
// add-platform`), checked once here for both. The URLs registered here are the only ones Tutor ever calls.
import { z } from "zod";
import { Prisma, type Database } from "../database/client";
import type { LtiPlatform } from "../database/generated/client";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** HTTPS, or plain HTTP on loopback (a platform on the same machine, as in development and the tests). */
export const platformUrl = (what: string) =>
  z
    .string({ error: `${what} must be a URL` })
    .max(2000)
    .refine((value) => {
      try {
        const u = new URL(value);
        return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK_HOSTS.has(u.hostname));
      } catch {
        return false;
      }
    }, `${what} must be an https:// URL (plain http:// only on 127.0.0.1 or localhost)`);

const deploymentIdSchema = z.string().trim().min(1, "a deployment id is not empty").max(255);

export const platformRegistrationSchema = z
  .object({
    name: z.string().trim().min(1, "name the platform (for example: Canvas at our school)").max(200),
    issuer: platformUrl("issuer"),
    clientId: z.string().trim().min(1, "clientId is the client id the platform gave the tool").max(255),
    deploymentIds: z.array(deploymentIdSchema).min(1, "give at least one deployment id").max(100),
    authLoginUrl: platformUrl("authLoginUrl"),
    tokenUrl: platformUrl("tokenUrl"),
    jwksUrl: platformUrl("jwksUrl"),
  })
  .strict();

export type PlatformRegistration = z.infer<typeof platformRegistrationSchema>;

export interface PlatformView {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  createdAt: string;
}

export class PlatformRegistrationError extends Error {}

const view = (p: LtiPlatform & { deployments: { deploymentId: string }[] }): PlatformView => ({
  id: p.id,
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  deploymentIds: p.deployments.map((d) => d.deploymentId).sort(),
  authLoginUrl: p.authLoginUrl,
  tokenUrl: p.tokenUrl,
  jwksUrl: p.jwksUrl,
  createdAt: p.createdAt.toISOString(),
});

export async function registerPlatform(db: Database, registration: PlatformRegistration): Promise<PlatformView> {
  const { deploymentIds, ...fields } = registration;
  try {
    const created = await db.ltiPlatform.create({
      data: { ...fields, deployments: { create: [...new Set(deploymentIds)].map((deploymentId) => ({ deploymentId })) } },
      include: { deployments: true },
    });
    return view(created);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new PlatformRegistrationError(`A platform with the issuer ${fields.issuer} and the client id ${fields.clientId} is registered already: remove it first to change it.`);
    }
    throw e;
  }
}

export async function listPlatforms(db: Database): Promise<PlatformView[]> {
  return (await db.ltiPlatform.findMany({ include: { deployments: true }, orderBy: { createdAt: "asc" } })).map(view);
}

/** Adds a deployment (a platform may install the tool again in another account or course). */
export async function addDeployment(db: Database, platformId: string, deploymentId: string): Promise<PlatformView | null> {
  const id = deploymentIdSchema.parse(deploymentId);
  const platform = await db.ltiPlatform.findUnique({ where: { id: platformId } });
  if (!platform) return null;
  await db.ltiDeployment.upsert({ where: { platformId_deploymentId: { platformId, deploymentId: id } }, create: { platformId, deploymentId: id }, update: {} });
  return view((await db.ltiPlatform.findUnique({ where: { id: platformId }, include: { deployments: true } }))!);
}

/**
 * Removes the registration, its deployments and its course and link mappings. The courses, accounts and
 * progress stay: learners keep their work, and registering the platform again maps its users to the same accounts.
 */
export async function removePlatform(db: Database, platformId: string): Promise<boolean> {
  const { count } = await db.ltiPlatform.deleteMany({ where: { id: platformId } });
  return count === 1;
}

/** The registration a login names: by issuer and client id, or by issuer alone when only one has it. */
export async function platformForLogin(db: Database, issuer: string, clientId: string | undefined): Promise<LtiPlatform[]> {
  return db.ltiPlatform.findMany({ where: { issuer, ...(clientId ? { clientId } : {}) } });
}

export async function isDeploymentRegistered(db: Database, platformId: string, deploymentId: string): Promise<boolean> {
  return (await db.ltiDeployment.count({ where: { platformId, deploymentId } })) === 1;
}
