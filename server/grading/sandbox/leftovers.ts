// Cleanup of sandbox containers that a stopped process left behind (a crash, a kill -9, a host restart), run by
// platform.ts at start and every few minutes. Every container is removed by whoever ran it, in every outcome; this
// is only the backstop for an owner that could no longer do so, and it never touches a live owner's containers.
import type Docker from "dockerode";
import { ownerIsGone, SANDBOX_OWNER_LABEL } from "./container-owner";
import { SANDBOX_IDLE_UNTIL_LABEL, SANDBOX_LABEL } from "./container-policy";

/**
 * Whether a sandbox container is a leftover of a process that stopped: its owner on this host has ended, or it has
 * existed longer than any run may last, plus a minute (for a pooled container, counted from when its pool stops
 * handing it out). Whatever its state: a live owner's container may have exited a moment ago, its owner about to
 * read how it ended.
 */
export function isLeftoverContainer(c: Pick<Docker.ContainerInfo, "Created" | "Labels">, nowMs: number, maxRunMs: number, ownerGone: boolean): boolean {
  if (ownerGone) return true;
  const since = Math.max(c.Created, Number(c.Labels?.[SANDBOX_IDLE_UNTIL_LABEL]) || 0);
  return nowMs / 1000 - since > maxRunMs / 1000 + 60;
}

/** Removes the sandbox containers on this engine that stopped processes left behind (see isLeftoverContainer). */
export async function removeLeftoverContainers(docker: Docker, maxRunMs: number, nowMs = Date.now()): Promise<number> {
  const all = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  const leftovers = all.filter((c) => isLeftoverContainer(c, nowMs, maxRunMs, ownerIsGone(c.Labels?.[SANDBOX_OWNER_LABEL])));
  await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  return leftovers.length;
}
