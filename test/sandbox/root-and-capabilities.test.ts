// Who the learner's code runs as: not root, a uid no host user has, with no capability at all (not even in the
// bounding set), no way to gain privileges (no_new_privs), under a seccomp filter.
import { readFileSync } from "node:fs";
import { SANDBOX_UID } from "../../server/grading/sandbox/container-policy";
import { checkHostAfterFile, probeInside } from "./attack";

checkHostAfterFile();

const WHO_AM_I = `
import json, os
def probe():
    status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)
    try:
        os.setuid(0)
        became_root = True
    except PermissionError:
        became_root = False
    return json.dumps({
        'uid': os.getuid(), 'euid': os.geteuid(), 'gid': os.getgid(), 'groups': os.getgroups(),
        'caps': {k: status[k].strip() for k in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb')},
        'noNewPrivs': status['NoNewPrivs'].strip(), 'seccomp': status['Seccomp'].strip(),
        'becameRoot': became_root,
    })
`;

test("the code runs as an unprivileged uid that no host user has", async () => {
  const { found } = await probeInside(WHO_AM_I);
  const f = found as { uid: number; euid: number; gid: number; groups: number[]; becameRoot: boolean };
  expect(f.uid).toBe(SANDBOX_UID);
  expect(f.euid).toBe(SANDBOX_UID);
  expect(f.gid).toBe(SANDBOX_UID);
  expect(f.groups.filter((g) => g !== SANDBOX_UID)).toEqual([]);
  expect(f.becameRoot).toBe(false);
  const hostUids = readFileSync("/etc/passwd", "utf8").split("\n").filter(Boolean).map((l) => Number(l.split(":")[2]));
  expect(hostUids).not.toContain(SANDBOX_UID);
  const hostGids = readFileSync("/etc/group", "utf8").split("\n").filter(Boolean).map((l) => Number(l.split(":")[2]));
  expect(hostGids).not.toContain(SANDBOX_UID);
});

test("no capability at all, no new privileges, and a seccomp filter", async () => {
  const { found } = await probeInside(WHO_AM_I);
  const f = found as { caps: Record<string, string>; noNewPrivs: string; seccomp: string };
  for (const [set, value] of Object.entries(f.caps)) expect([set, BigInt(`0x${value}`)]).toEqual([set, 0n]);
  expect(f.noNewPrivs).toBe("1");
  expect(f.seccomp).toBe("2");
});

test("io_uring, which Docker 20.10's seccomp profile allows, is not available", async () => {
  const { found } = await probeInside(`
import ctypes, errno, json
def probe():
    libc = ctypes.CDLL(None, use_errno=True)
    params = ctypes.create_string_buffer(120)
    result = libc.syscall(425, 4, params)
    return json.dumps(errno.errorcode.get(ctypes.get_errno()) if result < 0 else 'opened')
`);
  expect(found).toBe("ENOSYS");
});
