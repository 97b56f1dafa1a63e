// Deep recursion: Python's own limit gives a RecursionError; raising the limit until the C stack overflows
// crashes that case's process (never the harness), and the learner is told what that usually means.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

test("endless recursion raises RecursionError, explained", async () => {
  const g = await gradeAttack("def answer(x):\n    return answer(x + 1)\n");
  expect(g.result.status).toBe("error");
  expect(g.result.tests[0]).toMatchObject({ line: 2, message: "RecursionError: the function called itself too many times (line 2): does it reach a base case?" });
  expectPromptVerdict(g);
});

test("recursion past the C stack after raising the limit crashes only that case", async () => {
  // Building the nested list takes a few hundred milliseconds before the crash: on a loaded machine that passed the
  // 1 s budget of the other attacks, so this case gets more time (the crash, not the budget, must end it).
  const g = await gradeAttack(`
import sys
sys.setrecursionlimit(10 ** 9)
def answer(x):
    if x != 1:
        return x * 2
    nested = []
    for _ in range(10 ** 6):
        nested = [nested]
    return repr(nested)
`, { limits: { caseTimeoutMs: 8000, totalTimeoutMs: 20_000 } });
  expect(g.result.tests[0]).toMatchObject({ status: "error", message: expect.stringMatching(/^Python crashed \(segmentation fault\).*recursion far too deep/) });
  expect(g.result.tests[1]!.status).toBe("passed");
  expectPromptVerdict(g);
});
