// Killing the harness or every process: the harness is the container's PID 1, which the kernel protects from
// signals sent inside the container, so every case is still run and reported on its own.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

// The first case answers correctly after its attack, the second wrongly: both verdicts arriving proves the
// harness lived through both attacks.
const answerAfter = (attack: string) => `
import os, signal, subprocess
def attack():
${attack}
def answer(x):
    attack()
    return x * 2 if x == 1 else 0
`;

const KILLS: [string, string][] = [
  ["kill(-1, SIGKILL)", "    os.kill(-1, signal.SIGKILL)"],
  ["`kill -9 -1` from a shell", "    subprocess.run(['sh', '-c', 'kill -9 -1'])"],
  ["every signal to PID 1 and the parent", "    for s in range(1, 32):\n        for pid in {1, os.getppid()}:\n            try:\n                os.kill(pid, s)\n            except OSError:\n                pass"],
  ["SIGSTOP to PID 1", "    os.kill(1, signal.SIGSTOP)"],
  ["ptrace-attaching the harness", "    import ctypes\n    libc = ctypes.CDLL(None, use_errno=True)\n    assert libc.ptrace(16, 1, 0, 0) == -1  # PTRACE_ATTACH"],
];

test.each(KILLS)("%s does not stop the grading", async (_how, attack) => {
  const g = await gradeAttack(answerAfter(attack));
  expect(g.result.tests.map((t) => t.status)).toEqual(["passed", "failed"]);
  expect(g.result.status).toBe("failed");
  expectPromptVerdict(g);
});
