"""The measures inside the container that keep cases apart and the harness out of their reach: PID 1's own lock-down
(signals, non-dumpable, the io_uring filter), a case process's limits, reaping, and the scratch space wiped
between cases. docs/sandbox.md gives the threat model; test/sandbox/remove-each-measure.py removes each one."""

import ctypes
import errno
import os
import resource
import shutil
import signal

from .protocol import CASES_DIR, TESTS_DIR, WORK_DIR

PR_SET_DUMPABLE = 4
PR_SET_NAME = 15
DENY_SYSCALLS_FROM = 425  # io_uring_setup, io_uring_enter, io_uring_register: the same numbers on every arch
DENY_SYSCALLS_TO = 427


def lock_down():
    """PID 1's first steps, before it reads any request; returns the seccomp filter's error, or None.

    As PID 1, a signal whose disposition is the default is dropped when sent from inside the container; Python
    installs a SIGINT handler, which would let the learner's code interrupt this process: put it back. Non-dumpable,
    so a case cannot open this process's descriptors through /proc (and forge lines on the result stream), ptrace it
    or read its memory. The filter is inherited by the fork server and every case."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    try:
        deny_io_uring()
    except OSError as exc:
        return exc
    return None


def deny_io_uring():
    """Adds a seccomp filter, on top of Docker's profile, that makes io_uring fail with ENOSYS.

    Docker 20.10's default profile allows io_uring, a large kernel attack surface that Python never needs
    (Docker 25 blocks it too). Filters stack and cannot be removed, and children inherit them, so every case is
    covered. Requires no_new_privs, which Docker's `no-new-privileges` sets; without it this fails and the harness
    refuses to run, rather than run with the gap open."""

    class SockFilter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

    ld_nr, and_k, jge_k, jgt_k, ret_k = 0x20, 0x54, 0x35, 0x25, 0x06
    program = [
        (ld_nr, 0, 0, 0),  # A = seccomp_data.nr
        (and_k, 0, 0, 0xBFFFFFFF),  # drop the x32 ABI bit, so x32 calls are matched too
        (jge_k, 0, 2, DENY_SYSCALLS_FROM),
        (jgt_k, 1, 0, DENY_SYSCALLS_TO),
        (ret_k, 0, 0, 0x00050000 | errno.ENOSYS),  # SECCOMP_RET_ERRNO
        (ret_k, 0, 0, 0x7FFF0000),  # SECCOMP_RET_ALLOW
    ]
    filters = (SockFilter * len(program))(*[SockFilter(*insn) for insn in program])
    prog = SockFprog(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "cannot install the seccomp filter (is no-new-privileges set?)")


def set_case_limits(limits):
    """A case process's own limits, set before any learner code runs."""
    cpu_seconds = max(1, int(limits["caseTimeoutMs"] / 1000) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"], limits["fileBytes"]))
    if limits.get("addressSpaceBytes"):
        resource.setrlimit(resource.RLIMIT_AS, (limits["addressSpaceBytes"], limits["addressSpaceBytes"]))
    # If the container runs out of memory, the kernel kills the learner's processes before this harness: a
    # process may raise its own oom_score_adj without privileges, and its children inherit it. Its /proc files
    # are only writable while it is dumpable, which it is for this moment only, before any learner code runs.
    prctl = ctypes.CDLL(None).prctl
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    finally:
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def oom_kill_count():
    for path, key in (("/sys/fs/cgroup/memory.events", "oom_kill"), ("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill")):
        try:
            with open(path) as f:
                for line in f:
                    name, _, count = line.partition(" ")
                    if name == key:
                        return int(count)
        except OSError:
            continue
    return 0


class Reaper:
    """Reaps every exited child (as PID 1, orphans are ours too) and remembers the case process's status."""

    def __init__(self, case_pid):
        self.case_pid = case_pid
        self.status = None

    def reap(self, block=False):
        """Returns False once no child is left."""
        while True:
            try:
                pid, raw = os.waitpid(-1, 0 if block else os.WNOHANG)
            except ChildProcessError:
                return False
            if pid == 0:
                return True
            if pid == self.case_pid:
                self.status = raw
            if block:
                return True


def wipe(path):
    """Removes what a case left at path, even where it took away its own permissions. Best effort: a case can
    only make its own later cases' scratch space smaller, never break the harness."""
    def make_writable_and_retry(function, failed_path, _exc_info):
        try:
            os.chmod(os.path.dirname(failed_path) or "/", 0o700)
            if os.path.isdir(failed_path) and not os.path.islink(failed_path):
                os.chmod(failed_path, 0o700)
            function(failed_path)
        except BaseException:
            pass
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, 0o700)
            shutil.rmtree(path, onerror=make_writable_and_retry)
        else:
            os.unlink(path)
    except BaseException:  # RecursionError on absurdly deep trees, races with nothing: leave it
        pass


def reset_scratch(request):
    """Before each case: /tmp and /dev/shm emptied, the learner's file written afresh, so no case sees what an
    earlier one wrote (or finds the disk full because of it)."""
    for top in ("/tmp", "/dev/shm"):
        try:
            names = os.listdir(top)
        except OSError:
            continue
        for name in names:
            wipe(os.path.join(top, name))
    try:
        os.makedirs(WORK_DIR, exist_ok=True)
        os.makedirs(CASES_DIR, exist_ok=True)
        with open(os.path.join(WORK_DIR, request["file"]), "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(request["source"])
        if request.get("tests"):
            os.makedirs(TESTS_DIR, exist_ok=True)
            for test_file in request["tests"]:
                with open(os.path.join(TESTS_DIR, test_file["name"]), "w", encoding="utf-8", errors="surrogatepass") as f:
                    f.write(test_file["source"])
    except OSError:
        pass
