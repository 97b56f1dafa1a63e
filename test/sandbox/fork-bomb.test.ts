// A fork bomb is contained by the pids limit, ends as a timeout (it never returns), and leaves the harness able to
// run the next case.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack, probeInside } from "./attack";

checkHostAfterFile();

const FORK_BOMB = `
import os
def answer(x):
    if x != 1:
        return x * 2
    while True:
        try:
            os.fork()
        except OSError:
            pass
`;

test("a fork bomb times out, and the next case still runs and passes", async () => {
  const g = await gradeAttack(FORK_BOMB);
  expect(g.result.status).toBe("timeout");
  expect(g.result.tests[0]).toMatchObject({ status: "timeout", message: expect.stringMatching(/ran longer than 1 s.*loop that never ends/) });
  expect(g.result.tests[1]!.status).toBe("passed");
  expectPromptVerdict(g);
});

test("no more processes than the pids limit can exist at once", async () => {
  // Each child sleeps, so the count is of processes alive together; the probe stops at 1000 in case the limit failed.
  const { found, graded } = await probeInside(`
import json, os, time
def probe():
    started = 0
    for _ in range(1000):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        started += 1
    return json.dumps(started)
`);
  expect(found).toBeGreaterThan(10);
  expect(found).toBeLessThan(graded.limits.pids);
});
