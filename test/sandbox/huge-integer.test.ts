// Huge integers: computing one is stopped by the time limit, allocating an impossible one by the memory limit.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

test("a huge integer computation times out", async () => {
  const g = await gradeAttack("def answer(x):\n    return 10 ** (10 ** 8) + x\n");
  expect(g.result.status).toBe("timeout");
  expect(g.result.tests[0]!.message).toMatch(/ran longer than 1 s/);
  expectPromptVerdict(g);
});

test("an integer too large for memory gets memory-limit", async () => {
  const g = await gradeAttack("def answer(x):\n    return x << (2 ** 40)\n");
  expect(g.result.status).toBe("memory-limit");
  expect(g.result.tests[0]!.message).toMatch(/used more than 256 MB of memory/);
  expectPromptVerdict(g);
});

test("returning an integer with a million digits is reported as too large, exactly or not at all", async () => {
  const g = await gradeAttack("def answer(x):\n    return 7 ** 1_200_000\n", { limits: { caseTimeoutMs: 3000, totalTimeoutMs: 8000 } });
  expect(["output-limit", "timeout"]).toContain(g.result.tests[0]!.status);
  expectPromptVerdict(g);
});
