// The real sandbox for tests: the local Docker engine and the runner image, built if missing.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectDocker } from "../../server/grading/docker";
import { fileReferenceCache } from "../../server/grading/expectations";
import { Sandbox } from "../../server/grading/sandbox/sandbox";
import type { SandboxLimits } from "../../server/grading/limits";
import { ensureRunnerImage } from "../../server/grading/runner-image";

export async function realSandbox(limits?: SandboxLimits): Promise<Sandbox> {
  const docker = connectDocker();
  const image = await ensureRunnerImage(docker);
  return new Sandbox(docker, image, limits);
}

export function freshReferenceCache() {
  return fileReferenceCache(mkdtempSync(path.join(os.tmpdir(), "tutor-ref-")));
}
