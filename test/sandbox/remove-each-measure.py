#!/usr/bin/env python3
"""Removes each hardening measure in turn and checks that at least one attack test then fails.

Run by hand (about 6 minutes on two cores), not by CI: `python3 test/sandbox/remove-each-measure.py [name...]`.
It works on a copy of the repository in a temporary folder (node_modules linked, not copied), so the work tree
and anyone testing from it are never affected. For each measure it replaces one exact piece of code with its
removal, runs the named test files there, and restores the piece. It exits non-zero if a removal went
unnoticed or a piece of code was not found (the measure moved: update the table).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
S = "server/grading/sandbox/container-policy.ts"
P = "server/grading/sandbox/protocol.ts"
HI = "runner-image/harness/isolation.py"
HR = "runner-image/harness/relay.py"
HP = "runner-image/harness/pinned.py"
J = "server/grading/judge.ts"
G = "server/grading/grade.ts"

# (measure, file, code that implements it, the code without it, test files under test/sandbox that must fail)
MEASURES = [
 ('User', S, "    User: `${SANDBOX_UID}:${SANDBOX_UID}`,\n", "", 'hardening'),
 ('NetworkMode none', S, '      NetworkMode: "none",\n', '', 'hardening network'),
 ('NetworkDisabled', S, '    NetworkDisabled: true,\n', '', 'hardening network'),
 ('ReadonlyRootfs', S, 'ReadonlyRootfs: true', 'ReadonlyRootfs: false', 'rootfs-write'),
 ('CapDrop', S, '      CapDrop: ["ALL"],\n', '', 'root-and-capabilities'),
 ('no-new-privileges', S, 'SecurityOpt: ["no-new-privileges"]', 'SecurityOpt: []', 'root-and-capabilities'),
 ('Memory', S, '      Memory: memoryBytes,\n      MemorySwap: memoryBytes,\n', '', 'memory-bomb'),
 ('MemorySwap', S, '      MemorySwap: memoryBytes,\n', '', 'hardening'),
 ('PidsLimit', S, '      PidsLimit: limits.pids,\n', '', 'fork-bomb'),
 ('NanoCpus', S, '      NanoCpus: Math.round(limits.cpus * 1e9),\n', '', 'hardening'),
 ('tmpfs size', S, ',size=${limits.tmpfsMb}m', '', 'disk-fill'),
 ('ShmSize', S, '      ShmSize: 1024 * 1024,\n', '', 'disk-fill'),
 ('IpcMode', S, '      IpcMode: "private",\n', '', 'hardening'),
 ('nofile', S, '        { Name: "nofile", Soft: 256, Hard: 256 },\n', '', 'hardening'),
 ('LogConfig none', S, '      LogConfig: { Type: "none", Config: {} },\n', '', 'hardening'),
 ('Init false (tini as PID 1)', S, '      Init: false,', '      Init: true,', 'kill-all forged-results'),
 ('Env empty', S, '    Env: [],\n', '', 'hardening'),
 ('outside kill', P, '  const timer = setTimeout(() => kill("timeout"), options.deadlineMs);', '  const timer = setTimeout(() => undefined, options.deadlineMs);', 'hardening'),
 ('non-dumpable harness', HI, '    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)\n', '', 'forged-results hardening'),
 ('harness SIGINT default', HI, '    signal.signal(signal.SIGINT, signal.SIG_DFL)\n    ctypes', '    ctypes', 'kill-all'),
 ('io_uring filter', HI, '        deny_io_uring()\n    except OSError', '        pass\n    except OSError', 'root-and-capabilities'),
 ('RLIMIT_AS', HI, '        resource.setrlimit(resource.RLIMIT_AS, (limits["addressSpaceBytes"], limits["addressSpaceBytes"]))', '        pass', 'memory-bomb'),
 ('RLIMIT_FSIZE', HI, '    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"], limits["fileBytes"]))\n', '', 'disk-fill'),
 ('RLIMIT_CPU', HI, '    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))\n', '', 'hardening'),
 ('oom_score_adj', HI, '            f.write("1000")', '            pass', 'hardening'),
 ('scratch reset', HR, '    reset_scratch(request)\n    case_dir', '    case_dir', 'disk-fill'),
 ('kill everything after a case', HR, '        launcher.kill_everything_else(self.reaper)\n', '', 'leftover-processes fork-bomb'),
 ('reaping while a case runs', HR, '            reaper.reap()\n            if reaper.status is not None:\n                break', '            if os.waitpid(self.pid, os.WNOHANG)[0] == self.pid:\n                reaper.status = 0\n                break', 'leftover-processes'),
 ('not waiting for descendants', HR, '            if reaper.status is not None:\n                break\n            remaining', '            if reaper.status is not None and res_r not in self.open_fds:\n                break\n            remaining', 'leftover-processes'),
 ('report validation', HR, '            observation = read_report(report, mode, self.test_files, bool(self.request.get("compileFirst")) and self.first is None,\n                                      self.observing if mode in ("call", "program", "test") else None)', '            observation = json.loads(report)', 'forged-results'),
 ('builtins snapshot', HP, '    namespace.update(_BUILTINS)', '    pass', 'monkeypatch'),
 ('output cap', HR, '            if len(buffers[out_r]) + len(buffers[err_r]) > self.output_cap:\n                self.ended = "output-limit"\n                break\n', '', 'output-flood'),
 ('visible text', J, '  return text.replace(', '  return text; text.replace(', 'hostile-output'),
 ('source size', G, '  if (size <= g.limits.sourceBytes) return null;', '  return null;', 'huge-source'),
]


def main():
    only = set(sys.argv[1:])
    copy = tempfile.mkdtemp(prefix="tutor-remove-each-measure-")
    try:
        shutil.copytree(REPO, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("node_modules", ".git"))
        os.symlink(os.path.join(REPO, "node_modules"), os.path.join(copy, "node_modules"))
        unnoticed = []
        for name, file, present, removed, tests in MEASURES:
            if only and name not in only:
                continue
            path = os.path.join(copy, file)
            original = open(path).read()
            if original.count(present) != 1:
                unnoticed.append(name)
                print(json.dumps([name, "CODE NOT FOUND"]), flush=True)
                continue
            open(path, "w").write(original.replace(present, removed))
            started = time.time()
            try:
                run = subprocess.run(["npx", "jest", "--runInBand", *["test/sandbox/%s" % t for t in tests.split()]],
                                     cwd=copy, capture_output=True, text=True, timeout=900)
            finally:
                open(path, "w").write(original)
            failed = [line.strip() for line in (run.stdout + run.stderr).splitlines() if line.strip().startswith("\u25cf")]
            caught = run.returncode != 0
            if not caught:
                unnoticed.append(name)
            print(json.dumps([name, "caught" if caught else "UNNOTICED", failed[:3], int(time.time() - started)]), flush=True)
        sys.exit(1 if unnoticed else 0)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


if __name__ == "__main__":
    main()
