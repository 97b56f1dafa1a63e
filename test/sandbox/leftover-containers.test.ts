// Which sandbox containers a process removes as leftovers of a stopped one: those whose owner on this host has
// ended, at once, and any older than the longest run may last, whatever their state. A container another live
// process has just seen exit is its owner's to remove.
import { spawn } from "node:child_process";
import os from "node:os";
import { ownerIsGone, ownerLabel, SANDBOX_OWNER_LABEL } from "../../server/grading/sandbox/container-owner";
import { connectDocker } from "../../server/grading/docker";
import { LONGEST_RUN_MS } from "../../server/grading/limits";
import { ensureRunnerImage } from "../../server/grading/runner-image";
import { SANDBOX_IDLE_UNTIL_LABEL, SANDBOX_LABEL } from "../../server/grading/sandbox/container-policy";
import { isLeftoverContainer, removeLeftoverContainers } from "../../server/grading/sandbox/leftovers";

const docker = connectDocker();
const NOW_MS = Date.UTC(2026, 2, 10, 12, 0, 0);
const secondsAgo = (s: number) => NOW_MS / 1000 - s;

/** The owner label of a process that has ended: a child started, labelled while it runs, then waited for. */
async function endedOwner(): Promise<string> {
  const child = spawn("sleep", ["30"]);
  await new Promise((resolve) => child.once("spawn", resolve));
  const label = ownerLabel(child.pid!);
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  expect(label).not.toBeNull();
  return label!;
}

test("by age: a container is a leftover once it is older than the longest run plus a minute", () => {
  const maxRunMs = 20_000;
  expect(isLeftoverContainer({ Created: secondsAgo(5), Labels: {} }, NOW_MS, maxRunMs, false)).toBe(false);
  expect(isLeftoverContainer({ Created: secondsAgo(79), Labels: {} }, NOW_MS, maxRunMs, false)).toBe(false);
  expect(isLeftoverContainer({ Created: secondsAgo(81), Labels: {} }, NOW_MS, maxRunMs, false)).toBe(true);
  // A pooled container counts from when its pool stops handing it out, however long ago it was created.
  const pooled = { Created: secondsAgo(3600), Labels: { [SANDBOX_IDLE_UNTIL_LABEL]: String(secondsAgo(10)) } };
  expect(isLeftoverContainer(pooled, NOW_MS, maxRunMs, false)).toBe(false);
  const stalePool = { Created: secondsAgo(3600), Labels: { [SANDBOX_IDLE_UNTIL_LABEL]: String(secondsAgo(100)) } };
  expect(isLeftoverContainer(stalePool, NOW_MS, maxRunMs, false)).toBe(true);
  // A label that is not a number is ignored rather than trusted.
  expect(isLeftoverContainer({ Created: secondsAgo(100), Labels: { [SANDBOX_IDLE_UNTIL_LABEL]: "soon" } }, NOW_MS, maxRunMs, false)).toBe(true);
  // Whose owner has ended: at once.
  expect(isLeftoverContainer({ Created: secondsAgo(1), Labels: {} }, NOW_MS, maxRunMs, true)).toBe(true);
});

test("by owner: only a process on this host that has certainly ended is gone", async () => {
  const me = ownerLabel()!;
  expect(me).toBe(`${os.hostname()}/${process.pid}/${me.split("/")[2]}`);
  expect(ownerIsGone(me)).toBe(false);
  expect(ownerIsGone(await endedOwner())).toBe(true);
  // The same pid with another start time is a process that has ended, its pid since taken by another.
  expect(ownerIsGone(`${os.hostname()}/${process.pid}/1`)).toBe(true);
  // Elsewhere, unlabelled or garbled: not ours to judge, so never gone (age decides).
  expect(ownerIsGone(`another-host/${process.pid}/1`)).toBe(false);
  expect(ownerIsGone(undefined)).toBe(false);
  expect(ownerIsGone(`${os.hostname()}/../1`)).toBe(false);
  expect(ownerIsGone("nonsense")).toBe(false);
});

async function sandboxLikeContainer(labels: Record<string, string>) {
  const container = await docker.createContainer({
    Image: await ensureRunnerImage(docker),
    Entrypoint: ["python3", "-c", "pass"],
    Labels: { [SANDBOX_LABEL]: "1", ...labels },
    HostConfig: { NetworkMode: "none" },
  });
  await container.start();
  await container.wait();
  return container;
}

test("a sandbox container that has just exited is left to the live process that owns it", async () => {
  const container = await sandboxLikeContainer({ [SANDBOX_OWNER_LABEL]: ownerLabel()! });
  try {
    expect((await container.inspect()).State.Status).toBe("exited");
    await removeLeftoverContainers(docker, LONGEST_RUN_MS);
    expect((await container.inspect()).State.Status).toBe("exited");
  } finally {
    await container.remove({ force: true });
  }
});

test("the containers of a process on this host that has ended are removed at once, however young", async () => {
  const container = await sandboxLikeContainer({ [SANDBOX_OWNER_LABEL]: await endedOwner() });
  expect(await removeLeftoverContainers(docker, LONGEST_RUN_MS)).toBeGreaterThanOrEqual(1);
  await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 });
});
