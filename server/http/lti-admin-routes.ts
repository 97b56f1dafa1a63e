// The admin's LTI routes (docs/api.md, "LTI"): the tool's configuration (the URLs and scopes to paste into an
// LMS, and its keys), registered platforms (register, add a deployment, remove), and key rotation. Admins only.
import { type Request, Router } from "express";
import { z } from "zod";
import { requireAdmin } from "../auth/authorization";
import type { Database } from "../database/client";
import { addDeployment, listPlatforms, PlatformRegistrationError, platformRegistrationSchema, registerPlatform, removePlatform } from "../lti/platforms";
import { toolConfiguration } from "../lti/tool-configuration";
import { listToolKeys, rotateToolKey } from "../lti/tool-keys";
import { HttpError, notFound } from "./errors";
import { toolOrigin } from "./lti-endpoints";

const platformParams = z.object({ id: z.uuid("a platform id is a UUID") });
const deploymentBody = z.object({ deploymentId: z.string({ error: "deploymentId must be a string" }) }).strict();

export function ltiAdminRoutes(db: Database): Router {
  const router = Router();
  const overview = async (req: Request) => ({
    tool: toolConfiguration(toolOrigin(req)),
    keys: await listToolKeys(db),
    platforms: await listPlatforms(db),
  });

  router.get("/admin/lti", async (req, res) => {
    requireAdmin(req);
    res.json(await overview(req));
  });

  router.post("/admin/lti/platforms", async (req, res) => {
    requireAdmin(req);
    const registration = platformRegistrationSchema.parse(req.body);
    const platform = await registerPlatform(db, registration).catch((e: unknown) => {
      throw e instanceof PlatformRegistrationError ? new HttpError(409, "platform-exists", e.message) : e;
    });
    res.status(201).json({ platform });
  });

  router.post("/admin/lti/platforms/:id/deployments", async (req, res) => {
    requireAdmin(req);
    const { id } = platformParams.parse(req.params);
    const { deploymentId } = deploymentBody.parse(req.body);
    const platform = await addDeployment(db, id, deploymentId);
    if (!platform) throw notFound("The platform");
    res.json({ platform });
  });

  router.delete("/admin/lti/platforms/:id", async (req, res) => {
    requireAdmin(req);
    const { id } = platformParams.parse(req.params);
    if (!(await removePlatform(db, id))) throw notFound("The platform");
    res.status(204).end();
  });

  router.post("/admin/lti/keys/rotate", async (req, res) => {
    requireAdmin(req);
    const key = await rotateToolKey(db);
    res.json({ key, keys: await listToolKeys(db) });
  });
  return router;
}
