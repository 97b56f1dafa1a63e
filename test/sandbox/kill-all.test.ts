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
  // kill(-1) spares the caller and PID 1: with nothing else running it finds no process at all.
  ["kill(-1, SIGKILL)", "    try:\n        os.kill(-1, signal.SIGKILL)\n    except ProcessLookupError:\n        pass"],
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

test("`kill -9 -1` from a shell kills the learner's own process, and each case is still reported as such", async () => {
  // The shell's kill(-1) reaches the Python process that started it (its parent), but not PID 1. If it had
  // killed the harness, the cases would be reported as having stopped the grader instead.
  const g = await gradeAttack(answerAfter("    subprocess.run(['sh', '-c', 'kill -9 -1'])"));
  expect(g.result.tests.map((t) => t.status)).toEqual(["error", "error"]);
  expect(g.result.tests[0]!.message).toMatch(/^Your code was killed \(SIGKILL\) before the function returned/);
  expect(g.result.observations[1]).toMatchObject({ outcome: "crashed", signal: "SIGKILL" });
  expectPromptVerdict(g);
});
