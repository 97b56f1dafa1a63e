// The host's secrets stay on the host: a canary in the grading server's environment and a canary file on the
// host's disk are searched for everywhere the submission can read (files, /proc/*/cmdline and environ, memory);
// neither is found, and neither appears anywhere in the grading result.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkHostAfterFile, everything, privateTmp, probeInside } from "./attack";

checkHostAfterFile();

const SEARCH = readFileSync(path.join(__dirname, "attacks/search.py"), "utf8");
const searchFor = (pattern: string) => SEARCH.replace("__PATTERN__", pattern);
const SEARCH_LIMITS = { caseTimeoutMs: 15_000, totalTimeoutMs: 15_000 };

interface Findings {
  hits: [string, string][];
  totals: Record<string, number>;
}

test("a canary secret in the server's environment is nowhere in the container", async () => {
  const canary = `canary-${randomBytes(12).toString("hex")}`;
  process.env.TUTOR_CANARY_SECRET = canary;
  process.env.DATABASE_PASSWORD_CANARY = canary;
  try {
    const { found, graded } = await probeInside(searchFor("canary-[0-9a-f]{24}"), { limits: SEARCH_LIMITS });
    const f = found as Findings;
    expect(f.hits).toEqual([]);
    // It did search: the whole image, and its own memory.
    expect(f.totals["file bytes"]).toBeGreaterThan(50 * 1024 * 1024);
    expect(f.totals["own memory bytes"]).toBeGreaterThan(1024 * 1024);
    expect(everything(graded.result)).not.toContain(canary);
  } finally {
    delete process.env.TUTOR_CANARY_SECRET;
    delete process.env.DATABASE_PASSWORD_CANARY;
  }
});

test("a canary file on the host's disk is nowhere in the container", async () => {
  const canary = `hostfile-${randomBytes(12).toString("hex")}`;
  const file = path.join(privateTmp, "host-secret.txt");
  writeFileSync(file, canary);
  try {
    const { found, graded } = await probeInside(searchFor("hostfile-[0-9a-f]{24}"), { limits: SEARCH_LIMITS });
    expect((found as Findings).hits).toEqual([]);
    expect(everything(graded.result)).not.toContain(canary);
  } finally {
    rmSync(file);
  }
});

test("the only host files in the container are Docker's own hostname (and hosts, resolv.conf) files, read-only", async () => {
  const { found } = await probeInside(`
import json, os
def probe():
    mounts = [line.split(' - ')[0].split()[3:6] + line.split(' - ')[1].split()[:1] for line in open('/proc/self/mountinfo')]
    readable = {}
    for path in ('/etc/shadow', '/root', '/home', '/var/run/docker.sock', '/proc/1/root/etc/shadow', '/proc/kcore', '/proc/1/environ'):
        try:
            if os.path.isdir(path):
                readable[path] = os.listdir(path)
            else:
                with open(path, 'rb') as f:
                    readable[path] = len(f.read(16))
        except OSError as e:
            readable[path] = e.strerror
    return json.dumps({'mounts': mounts, 'readable': readable})
`);
  const f = found as { mounts: string[][]; readable: Record<string, unknown> };
  // [root within its file system, mount point, options, file system type] of each bind mount from the host.
  const fromHost = f.mounts.filter(([, , , type]) => !["overlay", "proc", "tmpfs", "devpts", "sysfs", "cgroup", "mqueue"].includes(type!));
  expect(fromHost.length).toBeGreaterThan(0);
  for (const [, point] of fromHost) expect(["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"]).toContain(point);
  for (const [, point, options] of fromHost) expect([point, options!.split(",")[0]]).toEqual([point, "ro"]);
  expect(f.readable).toEqual({
    "/etc/shadow": "Permission denied",
    "/root": "Permission denied",
    "/home": [],
    "/var/run/docker.sock": "No such file or directory",
    "/proc/1/root/etc/shadow": "Permission denied",
    "/proc/kcore": expect.stringMatching(/Permission denied|No such file|Operation not permitted/),
    "/proc/1/environ": "Permission denied",
  });
});
