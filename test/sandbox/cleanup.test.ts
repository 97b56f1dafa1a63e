// After the attacks: no sandbox container, no process of the sandbox's user and no volume is left on the host,
// Docker still answers, and grading still works. (Every other file checks its own leftovers when it ends, with
// checkHostAfterFile; this one also checks globally, whichever files ran before it.)
import {
  checkHostAfterFile,
  CORRECT_DOUBLE,
  docker,
  gradeAttack,
  hostProcessesOfSandboxUser,
  sandboxContainers,
} from "./attack";

checkHostAfterFile();

async function eventually(check: () => Promise<unknown[]> | unknown[], timeoutMs = 20_000): Promise<unknown[]> {
  // Another test run sharing this Docker engine may have a container running; a leftover is one that stays.
  const end = Date.now() + timeoutMs;
  let found = await check();
  while (found.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    found = await check();
  }
  return found;
}

test("after a burst of attacks, nothing of any sandbox is left, and grading still works", async () => {
  // Containers from before this file (another run's crash, say) are removeLeftoverContainers()'s business.
  const since = Math.floor(Date.now() / 1000) - 1;
  const sandboxContainersSince = async () => (await sandboxContainers()).filter((c) => c.Created >= since);
  await Promise.all([
    gradeAttack("import os, subprocess, time\ndef answer(x):\n    subprocess.Popen(['sleep', '1000'])\n    if os.fork() == 0:\n        os.setsid()\n        time.sleep(1000)\n    return x * 2\n"),
    gradeAttack("import os\ndef answer(x):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n"),
    gradeAttack("def answer(x):\n    with open('/tmp/f', 'wb') as f:\n        while True:\n            f.write(b'x' * 65536)\n"),
  ]);
  expect(await eventually(sandboxContainersSince)).toEqual([]);
  expect(await eventually(hostProcessesOfSandboxUser)).toEqual([]);
  const volumes = (await docker.listVolumes()).Volumes ?? [];
  expect(volumes.filter((v) => Object.keys(v.Labels ?? {}).some((l) => l.startsWith("tutor")))).toEqual([]);
  expect(String(await docker.ping())).toBe("OK");
  const after = await gradeAttack(CORRECT_DOUBLE);
  expect(after.result.status).toBe("passed");
});
