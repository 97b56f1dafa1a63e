// The runner image: found by a tag derived from the harness and Dockerfile, so a changed harness is rebuilt,
// and built on first use. Where no registry can be reached, its base is made locally with debootstrap.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type Docker from "dockerode";
import { SandboxUnavailableError } from "./sandbox/container-policy";

const RUNNER_DIR = path.resolve(__dirname, "../../runner-image");
const CONTEXT_FILES = ["Dockerfile", "harness", "analysis.py", "tutor_analysis"];
export const PUBLIC_BASE_IMAGE = "python:3.12-slim-bookworm";
export const LOCAL_BASE_IMAGE = "tutor-python-base:bookworm";

/** Every file of the build context, folders expanded, in a stable order (bytecode caches left out). */
function contextFiles(): string[] {
  const expand = (relative: string): string[] => {
    const absolute = path.join(RUNNER_DIR, relative);
    if (!statSync(absolute).isDirectory()) return [relative];
    return readdirSync(absolute)
      .filter((name) => name !== "__pycache__" && !name.endsWith(".pyc"))
      .sort()
      .flatMap((name) => expand(path.join(relative, name)));
  };
  return CONTEXT_FILES.flatMap(expand);
}

export function runnerImageTag(): string {
  const hash = createHash("sha256");
  for (const f of contextFiles()) hash.update(f).update(readFileSync(path.join(RUNNER_DIR, f)));
  return `tutor-runner:${hash.digest("hex").slice(0, 12)}`;
}

type Progress = (line: string) => void;

async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return false;
    throw e;
  }
}

async function followProgress(docker: Docker, stream: NodeJS.ReadableStream, onProgress: Progress): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: { error?: string }[]) => {
        const failure = err?.message ?? output?.find((o) => o.error)?.error;
        if (failure) reject(new Error(failure));
        else resolve();
      },
      (event: { stream?: string; status?: string; error?: string }) => {
        const line = (event.stream ?? event.status ?? "").trim();
        if (line) onProgress(line);
      },
    );
  });
}

async function pullPublicBase(docker: Docker, onProgress: Progress): Promise<boolean> {
  try {
    onProgress(`pulling ${PUBLIC_BASE_IMAGE}...`);
    await followProgress(docker, await docker.pull(PUBLIC_BASE_IMAGE), () => undefined);
    return true;
  } catch (e) {
    onProgress(`could not pull ${PUBLIC_BASE_IMAGE} (${(e as Error).message.split("\n")[0]})`);
    return false;
  }
}

function buildLocalBase(onProgress: Progress): Promise<void> {
  onProgress(`building ${LOCAL_BASE_IMAGE} with debootstrap (no registry needed, about a minute)...`);
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(RUNNER_DIR, "build-base.sh"), LOCAL_BASE_IMAGE], { stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    child.stdout.on("data", (d: Buffer) => d.toString().split("\n").filter(Boolean).forEach(onProgress));
    child.stderr.on("data", (d: Buffer) => (errors += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build-base.sh failed: ${errors.trim().split("\n").slice(-3).join(" ")}`))));
  });
}

/** Picks the base: TUTOR_RUNNER_BASE_IMAGE, else a local base if one exists, else the public image, else debootstrap. */
async function chooseBase(docker: Docker, onProgress: Progress): Promise<string> {
  const configured = process.env.TUTOR_RUNNER_BASE_IMAGE;
  if (configured) return configured;
  if (await imageExists(docker, LOCAL_BASE_IMAGE)) return LOCAL_BASE_IMAGE;
  if (await imageExists(docker, PUBLIC_BASE_IMAGE)) return PUBLIC_BASE_IMAGE;
  if (await pullPublicBase(docker, onProgress)) return PUBLIC_BASE_IMAGE;
  await buildLocalBase(onProgress);
  return LOCAL_BASE_IMAGE;
}

let building: Promise<string> | null = null;

/** Returns the runner image's tag, building it (and its base) first if it is missing. */
export async function ensureRunnerImage(docker: Docker, onProgress: Progress = () => undefined): Promise<string> {
  const tag = runnerImageTag();
  try {
    if (await imageExists(docker, tag)) return tag;
  } catch (e) {
    throw new SandboxUnavailableError(`The Docker engine cannot be reached (${(e as Error).message}). Start Docker and try again.`);
  }
  building ??= (async () => {
    const base = await chooseBase(docker, onProgress);
    onProgress(`building ${tag} on ${base}...`);
    const stream = await docker.buildImage({ context: RUNNER_DIR, src: contextFiles() }, { t: tag, buildargs: { BASE_IMAGE: base }, rm: true, forcerm: true });
    await followProgress(docker, stream, (line) => onProgress(`  ${line}`));
    onProgress(`built ${tag}`);
    return tag;
  })().finally(() => {
    building = null;
  });
  return building;
}
