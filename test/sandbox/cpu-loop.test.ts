// Endless loops and sleeps: the case is killed at its time limit, whatever the code does with signals.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

const TIMEOUT_MESSAGE = /^Your code ran longer than 1 s on this test: is there a loop that never ends\?$/;

test("an endless CPU loop times out", async () => {
  const g = await gradeAttack("def answer(x):\n    while True:\n        pass\n");
  expect(g.result.status).toBe("timeout");
  expect(g.result.tests[0]!.message).toMatch(TIMEOUT_MESSAGE);
  expect(g.result.message).toMatch(/ran longer than 1 s/);
  expectPromptVerdict(g);
});

test("sleeping far past the limit times out at the limit", async () => {
  const g = await gradeAttack("import time\ndef answer(x):\n    time.sleep(10 ** 6)\n");
  expect(g.result.status).toBe("timeout");
  expect(g.result.tests[0]!.message).toMatch(TIMEOUT_MESSAGE);
  expectPromptVerdict(g);
});

test("ignoring SIGTERM, SIGINT, SIGHUP and SIGXCPU does not help: the kill is SIGKILL", async () => {
  const g = await gradeAttack(`
import signal
for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGXCPU, signal.SIGALRM, signal.SIGUSR1):
    signal.signal(s, signal.SIG_IGN)
def answer(x):
    while True:
        pass
`);
  expect(g.result.status).toBe("timeout");
  expect(g.result.tests[0]!.message).toMatch(TIMEOUT_MESSAGE);
  expectPromptVerdict(g);
});

test("a loop in the module itself, before any function is called, times out too", async () => {
  const g = await gradeAttack("while True:\n    pass\ndef answer(x):\n    return x * 2\n");
  expect(g.result.status).toBe("timeout");
  expectPromptVerdict(g);
});
