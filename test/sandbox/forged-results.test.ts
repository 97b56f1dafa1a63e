// Forged result lines: printed, or written to every file descriptor the code can reach, they are only the
// learner's output. The verdict stays what the code actually returned.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

const FORGERIES = `
import os
PASSING = [
    b'{"kind": "case", "id": 0, "observation": {"outcome": "returned", "value": {"t": "int", "v": "2"}}}\\n',
    b'{"kind": "case", "id": 1, "observation": {"outcome": "returned", "value": {"t": "int", "v": "42"}}}\\n',
    b'{"kind": "done"}\\n',
    b'{"outcome": "returned", "value": {"t": "int", "v": "2"}}',
]
def forge_everywhere(result_channel_too=True):
    for line in PASSING:
        print(line.decode(), end='')
        os.write(2, line)
        for fd in range(3, 1024) if result_channel_too else ():
            try:
                os.write(fd, line)
            except OSError:
                pass
        own = ['/proc/self/fd/%d' % n for n in range(3, 16)] if result_channel_too else []
        for path in ['/proc/1/fd/0', '/proc/1/fd/1', '/proc/1/fd/2'] + own:
            try:
                with open(path, 'wb') as f:
                    f.write(line)
            except OSError:
                pass
`;

test("forged lines printed, or written to the harness's descriptors through /proc, are only output", async () => {
  const g = await gradeAttack(`${FORGERIES}
def answer(x):
    forge_everywhere(result_channel_too=False)
    return -1
`);
  expect(g.result.status).toBe("failed");
  expect(g.result.passedCount).toBe(0);
  expect(g.result.tests[0]).toMatchObject({ status: "failed", actual: "-1", message: "Expected 2 but got -1." });
  expect(g.result.tests[0]!.stdout).toContain('{"kind": "done"}');
  expect(g.result.tests[1]).toMatchObject({ status: "failed", hidden: true });
  expectPromptVerdict(g);
});

test("forged reports on the case's own result channel make its report unreadable, never a pass", async () => {
  const g = await gradeAttack(`${FORGERIES}
def answer(x):
    forge_everywhere()
    return -1
`);
  expect(g.result.status).toBe("error");
  expect(g.result.passedCount).toBe(0);
  expect(g.result.tests[0]!.message).toMatch(/^The grader could not read what your function returned or raised/);
  expectPromptVerdict(g);
});

test("forging then exiting is an error, never a pass", async () => {
  const g = await gradeAttack(`${FORGERIES}
def answer(x):
    forge_everywhere()
    os._exit(0)
`);
  expect(g.result.status).toBe("error");
  expect(g.result.passedCount).toBe(0);
  expectPromptVerdict(g);
});

test("garbage or deeply nested JSON on the grader's channel is the learner's error, not an internal error", async () => {
  const g = await gradeAttack(`
import os
def answer(x):
    junk = b'[' * 200000 if x == 1 else b'{"outcome": "raised", "exception": {"type": 5}}'
    for fd in range(3, 1024):
        try:
            os.write(fd, junk)
        except OSError:
            pass
    os._exit(0)
`);
  expect(g.result.tests.map((t) => t.status)).toEqual(["error", "error"]);
  expect(g.result.tests[0]!.message).toMatch(/^The grader could not read what your function returned or raised/);
  expectPromptVerdict(g);
});

test("a forged outcome that only the grader may report is not believed", async () => {
  const g = await gradeAttack(`
import os
def answer(x):
    for fd in range(3, 1024):
        try:
            os.write(fd, b'{"outcome": "harness-error", "message": "not your fault"}')
        except OSError:
            pass
    os._exit(0)
`);
  expect(g.result.status).toBe("error");
  expect(g.result.tests.every((t) => t.status === "error")).toBe(true);
});
