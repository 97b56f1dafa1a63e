// Filling every writable place: only the container's small tmpfs mounts are writable, they are bounded, each
// case starts with them empty again, and nothing reaches the host's disk (checked after the file).
import { checkHostAfterFile, expectPromptVerdict, gradeAttack, probeInside } from "./attack";

checkHostAfterFile();

const FILL_EVERYTHING = `
import json, os
def writable_dirs():
    found = []
    for root, dirs, files in os.walk('/'):
        if root.startswith(('/proc', '/sys')):
            dirs[:] = []
            continue
        if os.access(root, os.W_OK):
            found.append(root)
    return found
def fill(directory):
    written = 0
    for n in range(10 ** 6):
        try:
            with open(os.path.join(directory, 'fill-%d' % n), 'wb') as f:
                while True:
                    f.write(b'x' * 65536)
                    f.flush()
                    written += 65536
        except OSError:
            if written == 0 and n > 0 or n > 50:
                break
    return written
`;

test("every writable place together holds little, and the next case finds it all empty again", async () => {
  const g = await gradeAttack(`${FILL_EVERYTHING}
def answer(x):
    if x == 1:
        return json.dumps({d: fill(d) for d in writable_dirs()})
    leftovers = [os.path.join(r, f) for d in ('/tmp', '/dev/shm') for r, _, fs in os.walk(d) for f in fs]
    leftovers.remove('/tmp/work/answer.py')
    with open('/tmp/after.bin', 'wb') as f:
        f.write(b'y' * (4 * 1024 * 1024))
    return 42 if not leftovers else leftovers
`);
  const obs = g.result.observations[0]!;
  expect(obs.outcome).toBe("returned");
  const written = JSON.parse((obs as { value: { v: string } }).value.v) as Record<string, number>;
  const total = Object.values(written).reduce((a, b) => a + b, 0);
  // Only /tmp (with its subfolders) and /dev/shm could be written: the root file system is read-only.
  expect(Object.keys(written).filter((d) => !/^\/(tmp|dev\/shm|dev\/mqueue)(\/|$)/.test(d))).toEqual([]);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual((g.limits.tmpfsMb + 1) * 1024 * 1024 + 1024 * 1024);
  expect(g.result.tests[1]!.status).toBe("passed");
  expectPromptVerdict(g);
});

test("one file larger than the file size limit cannot be written", async () => {
  const { found } = await probeInside(`
import json
def probe():
    try:
        with open('/tmp/big.bin', 'wb') as f:
            f.write(b'z' * (10 * 1024 * 1024))
        return json.dumps('written')
    except OSError as e:
        return json.dumps(e.strerror)
`);
  expect(found).toBe("File too large");
});

test("filling the disk and then failing is an ordinary error, said plainly", async () => {
  const g = await gradeAttack("def answer(x):\n    with open('/tmp/f', 'wb') as f:\n        while True:\n            f.write(b'x' * 65536)\n");
  expect(g.result.status).toBe("error");
  expect(g.result.tests[0]!.message).toMatch(/^OSError: \[Errno (27|28)\] (File too large|No space left on device) \(line 4\)$/);
  expectPromptVerdict(g);
});
