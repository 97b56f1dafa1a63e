// Memory: one process is stopped by its address-space limit (a MemoryError on the learner's line); several
// processes that each stay under it are stopped by the container's memory cgroup, which has no swap to spill to.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack, MEMORY_ATTACK } from "./attack";

checkHostAfterFile();

test("a list growing without end gets memory-limit, with its line", async () => {
  const g = await gradeAttack(`
def answer(x):
    hoard = []
    while True:
        hoard.append(bytearray(10 ** 6))
`, MEMORY_ATTACK);
  expect(g.result.status).toBe("memory-limit");
  expect(g.result.tests[0]).toMatchObject({ status: "memory-limit", line: 5, message: expect.stringMatching(/used more than 256 MB of memory: is a list or string growing without end\?/) });
  expect(g.result.tests[1]).toMatchObject({ status: "memory-limit", message: "Your code used too much memory on this hidden test." });
  expectPromptVerdict(g);
});

test("processes that each stay under the limit are stopped together by the container's memory limit", async () => {
  // Four processes touching 200 MB each: 800 MB in all, far over the container's 256 + 96 MB.
  const g = await gradeAttack(`
import os, time
def answer(x):
    if x != 1:
        return x * 2
    for _ in range(3):
        if os.fork() == 0:
            break
    block = bytearray(200 * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(5)
    return 2
`, MEMORY_ATTACK);
  expect(g.result.tests[0]).toMatchObject({ status: "memory-limit", message: expect.stringMatching(/used more than 256 MB/) });
  expect(g.result.tests[1]!.status).toBe("passed");
  expectPromptVerdict(g);
});
