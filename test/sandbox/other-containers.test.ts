// Other containers' processes are invisible: while a neighbour submission runs, a submission sees only its own
// processes (the harness as PID 1, its fork server, and itself), and cannot find the neighbour's code anywhere it can read.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkHostAfterFile, gradeAttack, probeInside } from "./attack";

checkHostAfterFile();

test("a neighbour's processes and code are nowhere to be seen", async () => {
  const neighbourMarker = `neighbour-${randomBytes(12).toString("hex")}`;
  // The neighbour sleeps long enough to be running throughout the search, with its marker in its code and memory.
  const neighbour = gradeAttack(`import time\nMARK = "${neighbourMarker}"\ndef answer(x):\n    time.sleep(5)\n    return x * 2\n`, {
    limits: { caseTimeoutMs: 7000, totalTimeoutMs: 7000 },
    files: { casesYaml: "- name: one\n  call: answer(1)\n  expect: 2\n" },
  });
  await new Promise((r) => setTimeout(r, 1000));
  const search = readFileSync(path.join(__dirname, "attacks/search.py"), "utf8").replace("__PATTERN__", "neighbour-[0-9a-f]{24}");
  const { found } = await probeInside(
    `${search}
def processes():
    seen = {}
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try:
                seen[pid] = open('/proc/%s/cmdline' % pid, 'rb').read().replace(b'\\0', b' ').decode().strip()
                if open('/proc/%s/comm' % pid).read().strip() == 'tutor-forksrv':
                    seen[pid] = 'fork server'
            except OSError as e:
                seen[pid] = e.strerror
    return seen
def probe_everything():
    found = json.loads(probe())
    found['processes'] = processes()
    found['me'] = os.getpid()
    found['cgroupProcs'] = open('/sys/fs/cgroup/pids/cgroup.procs').read().split()
    return json.dumps(found)
`,
    { limits: { caseTimeoutMs: 6000, totalTimeoutMs: 6000 }, files: { casesYaml: "- name: probe\n  call: probe_everything()\n  expect: ''\n" } },
  );
  const f = found as { hits: unknown[]; processes: Record<string, string>; me: number; cgroupProcs: string[] };
  expect(f.hits).toEqual([]);
  // The harness (PID 1), its fork server, and this case: nothing else.
  const others = Object.entries(f.processes).filter(([pid]) => pid !== "1" && pid !== String(f.me));
  expect(others.map(([, name]) => name)).toEqual(["fork server"]);
  expect(f.processes["1"]).toBe("python3 -I -B /opt/tutor/harness");
  expect(f.cgroupProcs.length).toBeLessThanOrEqual(3);
  const n = await neighbour;
  expect(n.result.status).toBe("passed");
});
