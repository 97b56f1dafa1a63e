// Every hardening measure, asserted where it is configured, and seen in effect from Docker and from inside the
// container. The attack files are the behavioural proof of each; the comment on each measure names them, so that
// removing any one measure makes at least one test fail.
import { connectDocker } from "../../server/grading/docker";
import { DEFAULT_LIMITS, resolveLimits } from "../../server/grading/limits";
import { containerOptions, SANDBOX_LABEL, SANDBOX_UID } from "../../server/grading/sandbox/container-policy";
import { runInSandbox } from "../../server/grading/sandbox/sandbox";
import { ensureRunnerImage } from "../../server/grading/runner-image";
import { checkHostAfterFile, createdContainers, FAST, inspectRunningContainer, probeInside, trackingDocker } from "./attack";

checkHostAfterFile();

describe("containerOptions() asks Docker for every measure", () => {
  const options = containerOptions("tutor-runner:test", DEFAULT_LIMITS);
  const host = options.HostConfig!;
  const memoryBytes = (DEFAULT_LIMITS.memoryMb + 96) * 1024 * 1024;

  test.each([
    // [measure, actual, expected]                                      proven in effect by
    ["non-root uid that is no host user", options.User, `${SANDBOX_UID}:${SANDBOX_UID}`], // root-and-capabilities
    ["no network at all", host.NetworkMode, "none"], // network-interfaces
    ["network disabled", options.NetworkDisabled, true], // network-interfaces
    ["read-only root file system", host.ReadonlyRootfs, true], // rootfs-write
    ["every capability dropped", host.CapDrop, ["ALL"]], // root-and-capabilities (CapBnd is 0)
    ["no capability added", host.CapAdd, undefined],
    ["no new privileges", host.SecurityOpt, ["no-new-privileges"]], // root-and-capabilities; the io_uring filter needs it
    ["memory limit", host.Memory, memoryBytes], // memory-bomb (several processes)
    ["memory with swap equal to memory: no swap", host.MemorySwap, memoryBytes],
    ["pids limit", host.PidsLimit, DEFAULT_LIMITS.pids], // fork-bomb
    ["one CPU", host.NanoCpus, 1e9], // below: CPU share
    ["small /tmp on tmpfs, no exec, no devices, no setuid", host.Tmpfs, { "/tmp": "rw,nosuid,nodev,noexec,size=16m,mode=1777" }], // disk-fill
    ["private IPC namespace", host.IpcMode, "private"],
    ["1 MB /dev/shm", host.ShmSize, 1024 * 1024], // disk-fill
    ["open files and core dumps limited", host.Ulimits, [{ Name: "nofile", Soft: 256, Hard: 256 }, { Name: "core", Soft: 0, Hard: 0 }]], // below
    ["no logs on the host's disk", host.LogConfig, { Type: "none", Config: {} }], // below: LogPath
    ["the harness is PID 1, not Docker's init", host.Init, false], // kill-all, forged-results
    ["not privileged", host.Privileged, false],
    ["no environment from the host", options.Env, []], // host-secrets
    ["labelled for leftover cleanup", options.Labels, { [SANDBOX_LABEL]: "1" }], // cleanup
    ["no volumes or binds", [host.Binds, host.Mounts, options.Volumes], [undefined, undefined, undefined]],
  ] as [string, unknown, unknown][])("%s", (_measure, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test("limits follow the exercise's own, within ceilings", () => {
    const limits = resolveLimits({ timeoutMs: 25_000, memoryMb: 4096, pids: 10_000 });
    expect(limits).toMatchObject({ caseTimeoutMs: 25_000, totalTimeoutMs: 25_000, memoryMb: 2048, pids: 256 });
    const host = containerOptions("x", limits).HostConfig!;
    expect(host.Memory).toBe((2048 + 96) * 1024 * 1024);
    expect(host.PidsLimit).toBe(256);
  });
});

test("Docker applied the measures to the running container, and keeps no log of it", async () => {
  const { inspection } = await inspectRunningContainer();
  const host = inspection.HostConfig;
  expect(inspection.Config.User).toBe(`${SANDBOX_UID}:${SANDBOX_UID}`);
  expect(host.ReadonlyRootfs).toBe(true);
  expect(host.CapDrop).toEqual(["ALL"]);
  expect(host.SecurityOpt).toEqual(["no-new-privileges"]);
  expect(host.Memory).toBe(host.MemorySwap);
  expect(host.PidsLimit).toBe(FAST.pids);
  expect(host.LogConfig).toEqual({ Type: "none", Config: {} });
  expect(inspection.LogPath).toBe("");
  expect(inspection.Mounts).toEqual([]);
});

test("inside: cgroup limits without swap, a bounded file table, the harness's rlimits, and the harness as PID 1", async () => {
  const { found } = await probeInside(`
import json, os, resource
def read(path):
    try:
        return open(path).read().strip()
    except OSError as e:
        return e.strerror
def probe():
    files = []
    try:
        while len(files) < 5000:
            files.append(os.open('/dev/null', os.O_RDONLY))
    except OSError:
        pass
    opened = len(files)
    for fd in files:
        os.close(fd)
    return json.dumps({
        'memory': read('/sys/fs/cgroup/memory/memory.limit_in_bytes'),
        'memoryAndSwap': read('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'),
        'pids': read('/sys/fs/cgroup/pids/pids.max'),
        'cpuQuota': read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'),
        'cpuPeriod': read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'),
        'openFiles': opened,
        'rlimitAs': resource.getrlimit(resource.RLIMIT_AS)[0],
        'rlimitCpu': resource.getrlimit(resource.RLIMIT_CPU)[0],
        'rlimitFsize': resource.getrlimit(resource.RLIMIT_FSIZE)[0],
        'rlimitCore': resource.getrlimit(resource.RLIMIT_CORE)[1],
        'oomScoreAdj': read('/proc/self/oom_score_adj'),
        'pid1': read('/proc/1/cmdline').replace('\\0', ' ').strip(),
        'dumpable1': read('/proc/1/environ'),
    })
`);
  const memoryBytes = String((FAST.memoryMb + 96) * 1024 * 1024);
  expect(found).toMatchObject({
    memory: memoryBytes,
    pids: String(FAST.pids),
    cpuQuota: "100000",
    cpuPeriod: "100000",
    rlimitAs: FAST.memoryMb * 1024 * 1024,
    rlimitCpu: 2,
    rlimitFsize: FAST.fileBytes,
    rlimitCore: 0,
    oomScoreAdj: "1000",
    pid1: "python3 -I -B /opt/tutor/harness",
    dumpable1: "Permission denied",
  });
  const f = found as { memoryAndSwap: string; openFiles: number };
  // Where the kernel accounts swap, memory and swap together are capped at the memory limit: no swap.
  if (/^\d+$/.test(f.memoryAndSwap)) expect(f.memoryAndSwap).toBe(memoryBytes);
  expect(f.openFiles).toBeLessThan(256);
});

test("two busy processes share one CPU: together they get about one second of CPU per second", async () => {
  const { found } = await probeInside(
    `
import json, os, resource, time
def probe():
    for _ in range(2):
        if os.fork() == 0:
            end = time.monotonic() + 2
            while time.monotonic() < end:
                pass
            os._exit(0)
    os.wait()
    os.wait()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return json.dumps(used.ru_utime + used.ru_stime)
`,
    { limits: { caseTimeoutMs: 5000, totalTimeoutMs: 5000 } },
  );
  // 2 s of wall time: one CPU gives about 2 s of CPU in all; two unrestricted cores would give about 4 s.
  expect(found).toBeLessThan(2.8);
});

test("a harness that stops answering is killed from outside the container at the deadline", async () => {
  const docker = trackingDocker();
  const image = await ensureRunnerImage(connectDocker());
  const started = Date.now();
  const run = await runInSandbox(
    docker,
    image,
    { file: "answer.py", source: "import time\ndef answer(x):\n    time.sleep(30)\n", cases: [{ id: 0, call: "answer(1)" }] },
    { ...FAST, caseTimeoutMs: 30_000, totalTimeoutMs: 30_000 },
    // Stands for a harness that hangs: the outside deadline comes long before the harness's own.
    { deadlineMs: 1500 },
  );
  expect(run.end).toBe("timeout");
  expect(run.exitCode).toBe(137);
  expect(Date.now() - started).toBeLessThan(1500 + 3000);
  expect(createdContainers.size).toBeGreaterThan(0);
});
