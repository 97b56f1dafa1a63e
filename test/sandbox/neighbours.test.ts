// Neighbours: several hostile submissions graded at once beside a correct one. Each gets its own verdict, and
// the correct one still passes: no attack reaches beyond its own container.
import { type AttackOptions, checkHostAfterFile, CORRECT_DOUBLE, gradeAttack, MEMORY_ATTACK, SLACK_MS } from "./attack";

checkHostAfterFile();

const HOSTILE: [string, string, string, AttackOptions?][] = [
  ["fork bomb", "import os\ndef answer(x):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n", "timeout"],
  ["memory bomb", "def answer(x):\n    hoard = []\n    while True:\n        hoard.append(bytearray(64 * 10 ** 6))\n", "memory-limit", MEMORY_ATTACK],
  ["CPU loop", "def answer(x):\n    while True:\n        pass\n", "timeout"],
  ["stdout flood", "def answer(x):\n    while True:\n        print('x' * 10000)\n", "output-limit"],
  ["disk filler", "def answer(x):\n    with open('/tmp/f', 'wb') as f:\n        while True:\n            f.write(b'x' * 65536)\n", "error"],
  ["kill -1", "import os\ndef answer(x):\n    try:\n        os.kill(-1, 9)\n    except OSError:\n        pass\n    return -1\n", "failed"],
];

test("a correct submission passes while six hostile ones are graded beside it", async () => {
  const [correct, ...hostile] = await Promise.all([gradeAttack(CORRECT_DOUBLE), ...HOSTILE.map(([, code, , options]) => gradeAttack(code, options))]);
  expect(correct!.result.status).toBe("passed");
  expect(hostile.map((g) => g.result.status)).toEqual(HOSTILE.map(([, , status]) => status));
  for (const g of [correct!, ...hostile]) {
    // Seven containers on two cores: each verdict within its limits plus a somewhat larger constant.
    expect(g.wallMs).toBeLessThan(g.limits.totalTimeoutMs + 2 * SLACK_MS);
  }
});
