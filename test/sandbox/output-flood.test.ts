// Gigabytes of output: whichever way they are written, the case is stopped once it has printed more than the
// output limit, and only that much is kept.
import { checkHostAfterFile, expectPromptVerdict, gradeAttack } from "./attack";

checkHostAfterFile();

const FLOODS: [string, string][] = [
  ["print() to stdout", "def answer(x):\n    while True:\n        print('x' * 10000)\n"],
  ["sys.stderr.write", "import sys\ndef answer(x):\n    while True:\n        sys.stderr.write('e' * 10 ** 6)\n"],
  ["os.write on fd 1 and 2", "import os\ndef answer(x):\n    while True:\n        os.write(1, b'o' * 65536)\n        os.write(2, b'e' * 65536)\n"],
  ["a child process (yes)", "import subprocess\ndef answer(x):\n    subprocess.run(['yes'])\n"],
];

test.each(FLOODS)("gigabytes via %s get output-limit", async (_how, code) => {
  const g = await gradeAttack(code);
  expect(g.result.status).toBe("output-limit");
  expect(g.result.tests[0]!.message).toBe("Your code printed more than 64 KB: is there a print inside a loop that never ends?");
  const obs = g.result.observations[0]!;
  expect((obs.stdout ?? "").length + (obs.stderr ?? "").length).toBeLessThanOrEqual(2 * g.limits.outputBytes);
  expect(g.result.tests[0]!.stdout?.length ?? 0).toBeLessThanOrEqual(2000);
  expectPromptVerdict(g);
});

test("printing a lot but under the limit, then returning the right value, passes", async () => {
  const g = await gradeAttack("def answer(x):\n    print('y' * 60000)\n    return x * 2\n");
  expect(g.result.status).toBe("passed");
});
