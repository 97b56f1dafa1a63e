// Exiting with status 0 before any case runs (or before the function returns) is never a pass: every case is an
// error that says the code ended the program.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

const EXITS: [string, string, RegExp][] = [
  ["sys.exit(0) at import", "import sys\nsys.exit(0)\ndef answer(x):\n    return x * 2\n", /^Your code called exit\(\) \(line 2\) before the function returned: remove calls to exit\(\), quit\(\) or sys.exit\(\)/],
  ["quit() in the function", "def answer(x):\n    quit()\n", /^Your code called exit\(\) \(line 2\) before the function returned/],
  ["raise SystemExit(0)", "def answer(x):\n    raise SystemExit(0)\n", /^Your code called exit\(\) \(line 2\)/],
  ["os._exit(0) at import", "import os\nos._exit(0)\ndef answer(x):\n    return x * 2\n", /^Your code ended the program \(exit code 0\) before the function returned/],
  ["os._exit(0) in the function", "import os\ndef answer(x):\n    os._exit(0)\n", /^Your code ended the program \(exit code 0\)/],
  ["os.kill(os.getpid(), SIGKILL)", "import os, signal\ndef answer(x):\n    os.kill(os.getpid(), signal.SIGKILL)\n", /^Your code was killed \(SIGKILL\) before the function returned/],
];

test.each(EXITS)("%s is an error, never a pass", async (_how, code, message) => {
  const g = await gradeAttack(code);
  expect(g.result.status).toBe("error");
  expect(g.result.passedCount).toBe(0);
  expect(g.result.tests[0]!.message).toMatch(message);
  expect(g.result.tests[1]).toMatchObject({ status: "error", hidden: true });
  expectPromptVerdict(g);
});
